package dev.vcg.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.cost.Money;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.ModelInfo;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.ProviderRegistry;
import dev.vcg.provider.TokenUsage;
import dev.vcg.provider.openrouter.OpenRouterLlmProvider;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Declared models, prices and priority of the OpenAI factory, and selection next to OpenRouter. */
class OpenAiFactoryTest {
  private final OpenAiProviderFactory factory = new OpenAiProviderFactory();

  @Test
  void declaresItsIdentity() {
    assertThat(factory.id()).isEqualTo("openai");
    assertThat(factory.kinds()).isEqualTo(Set.of(ProviderKind.LLM, ProviderKind.IMAGE));
    assertThat(factory.apiKeyVariable()).contains("OPENAI_API_KEY");
    assertThat(factory.priority()).isZero();
    assertThat(factory.defaultModel(ProviderKind.LLM)).isEqualTo("gpt-4o");
    assertThat(factory.defaultModel(ProviderKind.IMAGE)).isEqualTo("gpt-image-1.5");
  }

  @Test
  void imageModelsDeclareTheirSizesAndReferenceLimits() {
    ModelInfo gptImage1 = factory.model(ProviderKind.IMAGE, "gpt-image-1").orElseThrow();
    assertThat(gptImage1.imageCapabilities().orElseThrow().sizes()).extracting(Object::toString)
        .containsExactly("1024x1024", "1536x1024", "1024x1536");
    assertThat(gptImage1.imageCapabilities().orElseThrow().maxReferenceImages()).isEqualTo(16);
    assertThat(gptImage1.imageCapabilities().orElseThrow().supportsSeed()).isFalse();
    ModelInfo dalle = factory.model(ProviderKind.IMAGE, "dall-e-3").orElseThrow();
    assertThat(dalle.imageCapabilities().orElseThrow().maxReferenceImages()).isZero();
    assertThat(dalle.description()).contains("2026-05-12");
    assertThat(factory.model(ProviderKind.IMAGE, "gpt-image-2").orElseThrow().imageCapabilities().orElseThrow().sizes())
        .isEmpty();
  }

  @Test
  void priceBookHoldsListPrices() {
    assertThat(factory.priceBook().priceOf("openai", "gpt-4o-mini").forTokens(new TokenUsage(1_000_000, 1_000_000)))
        .isEqualTo(Money.usd("0.75"));
    assertThat(factory.priceBook().priceOf("openai", "gpt-image-1").forImages(2)).isEqualTo(Money.usd("0.084"));
    assertThat(factory.priceBook().priceOf("openai", "dall-e-3").forImages(1)).isEqualTo(Money.usd("0.04"));
  }

  @Test
  void openRouterWinsLanguageModelsWhenBothKeysAreSet() {
    ProviderRegistry registry = ProviderRegistry.discover().withEnvironment(
        Map.of("OPENAI_API_KEY", "sk-proj-a", "OPENROUTER_API_KEY", "sk-or-v1-b")::get, name -> null);

    LlmProvider llm = registry.llm(null);
    ImageProvider image = registry.image("openai");

    assertThat(llm).isInstanceOf(OpenRouterLlmProvider.class);
    assertThat(registry.llm("openai")).isInstanceOf(OpenAiLlmProvider.class);
    assertThat(image).isInstanceOf(OpenAiImageProvider.class);
  }

  @Test
  void openAiIsChosenWhenItIsTheOnlyKey() {
    ProviderRegistry registry = ProviderRegistry.discover()
        .withEnvironment(Map.of("OPENAI_API_KEY", "sk-proj-a", "VCG_OPENAI_MODEL", "gpt-4.1")::get, name -> null);

    LlmProvider llm = registry.llm(null);

    assertThat(llm).isInstanceOf(OpenAiLlmProvider.class);
    assertThat(llm.model()).isEqualTo("gpt-4.1");
  }
}
