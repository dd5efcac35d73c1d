package dev.vcg.projects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderKind;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The part of a project's provider configuration that is saved: which provider does a kind of
 * work, with which model and base URL. The key is never part of it.
 *
 * @param kind what the provider does for the project
 * @param providerId the provider, e.g. {@code fal}
 * @param model the model, or null for the provider's default
 * @param baseUrl the API's address, or null for the provider's default
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProviderSettings(ProviderKind kind, String providerId, String model, URI baseUrl) {
  /** Validates. */
  public ProviderSettings {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(providerId, "providerId");
  }

  /**
   * @param kind what the provider does
   * @param config the full configuration
   * @return its savable part (no key)
   */
  public static ProviderSettings of(ProviderKind kind, ProviderConfig config) {
    return new ProviderSettings(kind, config.providerId(), config.model().orElse(null),
        config.baseUrl().orElse(null));
  }

  /** @return the configuration without a key (the key then comes from the environment) */
  public ProviderConfig toConfig() {
    ProviderConfig.Builder b = ProviderConfig.builder(providerId);
    if (model != null) {
      b.model(model);
    }
    if (baseUrl != null) {
      b.baseUrl(baseUrl);
    }
    return b.build();
  }

  /** @return the model, if one was chosen */
  public Optional<String> modelIfAny() {
    return Optional.ofNullable(model);
  }
}
