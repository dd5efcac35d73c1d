package dev.vcg.provider.openrouter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vcg.provider.ApiKey;
import dev.vcg.provider.ChatMessage;
import dev.vcg.provider.ChatRequest;
import dev.vcg.provider.ChatResponse;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ResponseFormat;
import org.junit.jupiter.api.Test;

/** One tiny, cheap call against the real OpenRouter; skipped unless OPENROUTER_API_KEY is set. */
class OpenRouterLiveIT {
  @Test
  void answersInJsonAndReportsItsCost() {
    String key = System.getenv("OPENROUTER_API_KEY");
    assumeTrue(key != null && !key.isBlank(), "OPENROUTER_API_KEY is not set");
    OpenRouterLlmProvider llm = OpenRouterLlmProvider.builder().config(ProviderConfig.builder("openrouter")
        .apiKey(ApiKey.of(key)).model("openai/gpt-4o-mini").build()).build();

    ChatResponse r = llm.chat(ChatRequest.builder()
        .addMessage(ChatMessage.system("Answer with a JSON object {\"ok\": true}."))
        .addMessage(ChatMessage.user("Are you there?"))
        .responseFormat(ResponseFormat.JSON_OBJECT).maxTokens(20).build());

    assertThat(r.content()).contains("ok");
    assertThat(r.usage().inputTokens()).isPositive();
    assertThat(r.actualCost()).isPresent();
    assertThat(r.requestId()).startsWith("gen-");
  }
}
