package dev.vcg.provider.openai;

import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.http.Auth;
import dev.vcg.provider.http.ProviderHttpClient;
import dev.vcg.provider.http.Sleeper;
import dev.vcg.provider.openai.internal.OpenAiErrors;
import dev.vcg.provider.openai.internal.OpenAiModels;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads the OpenAI options of a {@link ProviderConfig} and builds the shared HTTP client. */
final class OpenAiSettings {
  private OpenAiSettings() {
  }

  static ProviderHttpClient http(ProviderConfig config, Clock clock, Sleeper sleeper, Duration timeout) {
    ProviderHttpClient.Builder b = ProviderHttpClient.builder(OpenAiProviderFactory.ID)
        .config(config)
        .defaultBaseUrl(URI.create(OpenAiProviderFactory.DEFAULT_BASE_URL))
        .apiKeyVariable(OpenAiProviderFactory.API_KEY_VARIABLE)
        .auth(Auth.bearer())
        .errorHandler(OpenAiErrors.INSTANCE)
        .retryableStatus(409)
        .requestTimeout(timeout);
    header(b, config, OpenAiProviderFactory.OPTION_ORGANIZATION, "OpenAI-Organization");
    header(b, config, OpenAiProviderFactory.OPTION_PROJECT, "OpenAI-Project");
    if (clock != null) {
      b.clock(clock);
    }
    if (sleeper != null) {
      b.sleeper(sleeper);
    }
    return b.build();
  }

  static void checkConfig(ProviderConfig config) {
    if (!config.providerId().equals(OpenAiProviderFactory.ID)) {
      throw new IllegalArgumentException("config is for provider '" + config.providerId() + "', not '"
          + OpenAiProviderFactory.ID + "'");
    }
  }

  /** The chat model: option {@code llm-model}, else the config's model unless it names an image model. */
  static String chatModel(ProviderConfig config) {
    return option(config, OpenAiProviderFactory.OPTION_LLM_MODEL)
        .or(() -> config.model().filter(m -> !OpenAiModels.isImageModel(m)))
        .orElse(OpenAiModels.DEFAULT_CHAT_MODEL);
  }

  /** The image model: option {@code image-model}, else the config's model if it names an image model. */
  static String imageModel(ProviderConfig config) {
    return option(config, OpenAiProviderFactory.OPTION_IMAGE_MODEL)
        .or(() -> config.model().filter(OpenAiModels::isImageModel))
        .orElse(OpenAiModels.DEFAULT_IMAGE_MODEL);
  }

  static Optional<String> option(ProviderConfig config, String name) {
    return config.option(name).map(String::strip).filter(v -> !v.isEmpty());
  }

  static String choice(ProviderConfig config, String name, Set<String> allowed) {
    String v = option(config, name).map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
    if (v != null && !allowed.contains(v)) {
      throw new IllegalArgumentException("option " + name + " of '" + OpenAiProviderFactory.ID + "' must be one of "
          + String.join(", ", allowed.stream().sorted().toList()) + ": " + v);
    }
    return v;
  }

  private static void header(ProviderHttpClient.Builder b, ProviderConfig config, String option, String header) {
    Optional<String> v = option(config, option);
    if (v.isPresent()) {
      try {
        b.header(header, v.get());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("option " + option + " of '" + OpenAiProviderFactory.ID
            + "' must be one line", e);
      }
    }
  }
}
