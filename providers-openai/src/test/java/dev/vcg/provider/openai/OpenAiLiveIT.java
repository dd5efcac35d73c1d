package dev.vcg.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vcg.media.MediaRef;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.ChatMessage;
import dev.vcg.provider.ChatRequest;
import dev.vcg.provider.ChatResponse;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageResult;
import dev.vcg.provider.ProviderConfig;
import org.junit.jupiter.api.Test;

/** Tiny, cheap calls against the real OpenAI API; skipped unless OPENAI_API_KEY is set. */
class OpenAiLiveIT {
  private static ProviderConfig config(String model) {
    String key = System.getenv("OPENAI_API_KEY");
    assumeTrue(key != null && !key.isBlank(), "OPENAI_API_KEY is not set");
    return ProviderConfig.builder("openai").apiKey(ApiKey.of(key)).model(model).build();
  }

  @Test
  void chatsWithACheapModel() {
    OpenAiLlmProvider llm = OpenAiLlmProvider.builder().config(config("gpt-4o-mini")).build();

    ChatResponse r = llm.chat(ChatRequest.builder().addMessage(ChatMessage.user("Say ok.")).maxTokens(5).build());

    assertThat(r.content()).isNotBlank();
    assertThat(r.requestId()).isNotBlank();
    assertThat(r.actualCost()).isPresent();
  }

  @Test
  void drawsOneLowQualityImage() {
    OpenAiImageProvider images = OpenAiImageProvider.builder().config(config("gpt-image-1-mini").toBuilder()
        .option(OpenAiProviderFactory.OPTION_IMAGE_QUALITY, "low").build()).build();

    ImageResult r = images.generate(ImageRequest.builder().prompt("a red dot on white").build());

    assertThat(r.first().image()).isInstanceOf(MediaRef.Bytes.class);
    assertThat(r.actualCost()).isPresent();
  }
}
