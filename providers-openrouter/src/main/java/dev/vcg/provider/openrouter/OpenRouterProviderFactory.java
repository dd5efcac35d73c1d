package dev.vcg.provider.openrouter;

import dev.vcg.cost.PriceBook;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.ModelInfo;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderFactory;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.openrouter.internal.OpenRouterModels;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenRouter provider (id {@value OpenRouterLlmProvider#ID}): language models of many vendors
 * behind one key ({@value OpenRouterLlmProvider#API_KEY_VARIABLE}). It is the default director.
 *
 * <p><b>Priority {@value #PRIORITY}:</b> when several language-model providers are configured,
 * OpenRouter wins (OpenAI keeps the default priority 0), because one OpenRouter key reaches every
 * vendor's models with fallbacks between them.
 *
 * <p>Declared models: a few well-known ids with their capabilities and list prices. Any other
 * OpenRouter id may be configured; it is assumed to take images and to do JSON mode, with
 * structured output at least as a hint. <b>Prices are list-price estimates</b> in USD per million
 * tokens for budgets made before a call; the actual charge of each call is OpenRouter's
 * {@code usage.cost}. Unlisted ids are estimated at {@code $3 / $15} per million input / output
 * tokens (entry {@code openrouter/*}), on the high side on purpose.
 *
 * <p>Found by {@link java.util.ServiceLoader}; stateless and thread-safe.
 */
public final class OpenRouterProviderFactory implements ProviderFactory {
  /** Wins over OpenAI (0) for language models. */
  public static final int PRIORITY = 100;

  /** Creates the factory (no I/O). */
  public OpenRouterProviderFactory() {
  }

  @Override
  public String id() {
    return OpenRouterLlmProvider.ID;
  }

  @Override
  public Set<ProviderKind> kinds() {
    return Set.of(ProviderKind.LLM);
  }

  @Override
  public Optional<String> apiKeyVariable() {
    return Optional.of(OpenRouterLlmProvider.API_KEY_VARIABLE);
  }

  @Override
  public List<ModelInfo> models() {
    return OpenRouterModels.all();
  }

  @Override
  public String defaultModel(ProviderKind kind) {
    if (kind == ProviderKind.LLM) {
      return OpenRouterModels.DEFAULT_MODEL;
    }
    return ProviderFactory.super.defaultModel(kind);
  }

  @Override
  public int priority() {
    return PRIORITY;
  }

  @Override
  public PriceBook priceBook() {
    return PriceBook.builder().price(id(), "*", OpenRouterModels.UNKNOWN_PRICE).build()
        .with(ProviderFactory.super.priceBook());
  }

  /**
   * @param config the config of provider {@code openrouter}
   * @return a chat client for the configured model
   * @throws dev.vcg.provider.ProviderNotConfiguredException if the config holds no key
   * @throws IllegalArgumentException if an option is invalid
   */
  @Override
  public LlmProvider createLlm(ProviderConfig config) {
    return OpenRouterLlmProvider.builder().config(config).build();
  }

  @Override
  public String toString() {
    return "OpenRouterProviderFactory";
  }
}
