package dev.vcg.provider.openrouter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.cost.Money;
import dev.vcg.cost.Price;
import dev.vcg.provider.LlmCapabilities;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.ModelInfo;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderFactory;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.ProviderNotConfiguredException;
import dev.vcg.provider.ProviderRegistry;
import dev.vcg.provider.TokenUsage;
import dev.vcg.provider.UnsupportedCapabilityException;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Discovery, declared models, prices, priority and configuration of the OpenRouter factory. */
class OpenRouterFactoryTest {
  private final OpenRouterProviderFactory factory = new OpenRouterProviderFactory();

  @Test
  void isFoundByServiceLoader() {
    List<ProviderFactory> found = ServiceLoader.load(ProviderFactory.class).stream()
        .map(ServiceLoader.Provider::get).filter(f -> f.id().equals("openrouter")).toList();

    assertThat(found).singleElement().isInstanceOf(OpenRouterProviderFactory.class);
  }

  @Test
  void declaresItsIdKindKeyVariableAndPriority() {
    assertThat(factory.id()).isEqualTo("openrouter");
    assertThat(factory.kinds()).isEqualTo(Set.of(ProviderKind.LLM));
    assertThat(factory.apiKeyVariable()).contains("OPENROUTER_API_KEY");
    assertThat(factory.priority()).isEqualTo(100).isGreaterThan(0);
    assertThat(factory.builtIn()).isFalse();
    assertThat(factory.defaultModel(ProviderKind.LLM)).isEqualTo("anthropic/claude-sonnet-4.5");
    assertThatThrownBy(() -> factory.defaultModel(ProviderKind.IMAGE)).isInstanceOf(UnsupportedCapabilityException.class);
    assertThatThrownBy(() -> factory.createImage(ProviderConfig.of("openrouter")))
        .isInstanceOf(UnsupportedCapabilityException.class);
  }

  @Test
  void wellKnownModelsHaveRealLimitsAndPrices() {
    assertThat(factory.models()).extracting(ModelInfo::id).contains("anthropic/claude-sonnet-4.5", "openai/gpt-4o",
        "openai/gpt-4o-mini", "google/gemini-2.5-flash");
    assertThat(factory.models()).allSatisfy(m -> {
      assertThat(m.kind()).isEqualTo(ProviderKind.LLM);
      assertThat(m.llmCapabilities()).isPresent();
      assertThat(m.price().perMillionOutputTokens().isZero()).isFalse();
    });
    assertThat(factory.model(ProviderKind.LLM, "openai/gpt-4o").orElseThrow().llmCapabilities())
        .contains(new LlmCapabilities(true, true, true, 500));
    assertThat(factory.model(ProviderKind.LLM, "meta-llama/llama-3.3-70b-instruct").orElseThrow().llmCapabilities()
        .orElseThrow().vision()).isFalse();
  }

  @Test
  void unknownIdsAndVariantsGetSensibleCapabilities() {
    assertThat(capabilities("mistralai/some-new-model")).isEqualTo(new LlmCapabilities(true, true, true, 20));
    assertThat(capabilities("openai/gpt-4o:nitro")).isEqualTo(capabilities("openai/gpt-4o"));
    assertThat(capabilities("meta-llama/llama-3.3-70b-instruct:free").vision()).isFalse();
  }

  private LlmCapabilities capabilities(String model) {
    return factory.createLlm(ProviderConfig.builder("openrouter").apiKey(dev.vcg.provider.ApiKey.of("sk-or-x"))
        .model(model).build()).capabilities();
  }

  @Test
  void priceBookListsTheModelsAndAHighDefaultForUnknownIds() {
    Price gpt4o = factory.priceBook().priceOf("openrouter", "openai/gpt-4o");
    assertThat(gpt4o.forTokens(new TokenUsage(1_000_000, 1_000_000))).isEqualTo(Money.usd("12.50"));
    assertThat(factory.priceBook().priceOf("openrouter", "someone/new-model"))
        .isEqualTo(Price.perMillionTokens("3.00", "15.00"));
  }

  @Test
  void needsAKeyAndNamesTheVariableWhenMissing() {
    assertThat(factory.isConfigured(ProviderConfig.of("openrouter"))).isFalse();
    assertThatThrownBy(() -> factory.createLlm(ProviderConfig.of("openrouter")))
        .isInstanceOf(ProviderNotConfiguredException.class).hasMessageContaining("OPENROUTER_API_KEY");
  }

  @Test
  void theRegistryPicksItFromTheEnvironment() {
    ProviderRegistry registry = ProviderRegistry.discover()
        .withEnvironment(Map.of("OPENROUTER_API_KEY", "sk-or-v1-abc", "VCG_OPENROUTER_MODEL", "openai/gpt-4o")::get,
            name -> null);

    LlmProvider llm = registry.llm(null);

    assertThat(llm).isInstanceOf(OpenRouterLlmProvider.class);
    assertThat(llm.id()).isEqualTo("openrouter");
    assertThat(llm.model()).isEqualTo("openai/gpt-4o");
    assertThat(registry.priceBook().find("openrouter", "openai/gpt-4o-mini")).isPresent();
  }
}
