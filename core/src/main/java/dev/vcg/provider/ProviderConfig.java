package dev.vcg.provider;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How to reach one provider with the user's own key (BYOK): key, base URL, model and free-form
 * options. Built explicitly, or read from the environment with {@link #fromEnvironment}.
 *
 * <p>Resolution order for each value, first found wins: the explicit value, the system property
 * {@code vcg.<id>.api-key} / {@code vcg.<id>.base-url} / {@code vcg.<id>.model}, the environment
 * variable (the provider's usual key variable, e.g. {@code OPENAI_API_KEY}, and
 * {@code VCG_<ID>_BASE_URL} / {@code VCG_<ID>_MODEL}).
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the key.
 *
 * <pre>{@code
 * ProviderConfig fal = ProviderConfig.builder("fal")
 *     .apiKey(ApiKey.of(System.getenv("FAL_KEY")))
 *     .model("fal-ai/kling-video/v2.1/pro/image-to-video")
 *     .build();
 * }</pre>
 */
public final class ProviderConfig {
  private final String providerId;
  private final ApiKey apiKey;
  private final URI baseUrl;
  private final String model;
  private final Duration requestTimeout;
  private final Integer maxRetries;
  private final Map<String, String> options;

  private ProviderConfig(Builder b) {
    this.providerId = b.providerId;
    this.apiKey = b.apiKey;
    this.baseUrl = b.baseUrl;
    this.model = b.model;
    this.requestTimeout = b.requestTimeout;
    this.maxRetries = b.maxRetries;
    this.options = Collections.unmodifiableMap(new LinkedHashMap<>(b.options));
  }

  /**
   * Starts a config for a provider.
   *
   * @param providerId the provider's stable id, e.g. {@code "fal"}
   * @return a builder
   */
  public static Builder builder(String providerId) {
    return new Builder(providerId);
  }

  /**
   * An empty config for a provider: no key, default URL and model.
   *
   * @param providerId the provider's stable id
   * @return the config
   */
  public static ProviderConfig of(String providerId) {
    return builder(providerId).build();
  }

  /**
   * Reads a config from system properties and environment variables of this process.
   *
   * @param providerId the provider's stable id
   * @param apiKeyVariable the provider's usual key variable, e.g. {@code FAL_KEY}; may be null
   * @return the config; its key is absent if neither place holds one
   */
  public static ProviderConfig fromEnvironment(String providerId, String apiKeyVariable) {
    return fromEnvironment(providerId, apiKeyVariable, System::getenv, System::getProperty);
  }

  /**
   * Reads a config through the given lookups (for tests and for hosts with their own secret
   * stores).
   *
   * @param providerId the provider's stable id
   * @param apiKeyVariable the provider's usual key variable; may be null
   * @param env environment lookup, returns null when unset
   * @param properties system-property lookup, returns null when unset
   * @return the config
   */
  public static ProviderConfig fromEnvironment(String providerId, String apiKeyVariable,
      UnaryOperator<String> env, UnaryOperator<String> properties) {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(properties, "properties");
    Builder b = builder(providerId);
    String envPrefix = "VCG_" + providerId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_";
    String key = firstNonBlank(properties.apply("vcg." + providerId + ".api-key"),
        apiKeyVariable == null ? null : env.apply(apiKeyVariable));
    if (key != null) {
      b.apiKey(ApiKey.of(key));
    }
    String url = firstNonBlank(properties.apply("vcg." + providerId + ".base-url"), env.apply(envPrefix + "BASE_URL"));
    if (url != null) {
      b.baseUrl(URI.create(url.strip()));
    }
    String model = firstNonBlank(properties.apply("vcg." + providerId + ".model"), env.apply(envPrefix + "MODEL"));
    if (model != null) {
      b.model(model.strip());
    }
    return b.build();
  }

  private static String firstNonBlank(String a, String b) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    return b != null && !b.isBlank() ? b : null;
  }

  /**
   * Returns this config with every value that is set in {@code overrides} replaced.
   *
   * @param overrides explicit values that win
   * @return the merged config
   * @throws IllegalArgumentException if the two configs are for different providers
   */
  public ProviderConfig overriddenBy(ProviderConfig overrides) {
    Objects.requireNonNull(overrides, "overrides");
    if (!overrides.providerId.equals(providerId)) {
      throw new IllegalArgumentException("cannot merge config of '" + overrides.providerId
          + "' into config of '" + providerId + "'");
    }
    Builder b = toBuilder();
    overrides.apiKey().ifPresent(b::apiKey);
    overrides.baseUrl().ifPresent(b::baseUrl);
    overrides.model().ifPresent(b::model);
    overrides.requestTimeout().ifPresent(b::requestTimeout);
    overrides.maxRetries().ifPresent(b::maxRetries);
    overrides.options.forEach(b::option);
    return b.build();
  }

  /** @return the provider id this config is for */
  public String providerId() {
    return providerId;
  }

  /** @return the key, if one was given or found */
  public Optional<ApiKey> apiKey() {
    return Optional.ofNullable(apiKey);
  }

  /**
   * The key, or a clear error naming where to put one.
   *
   * @param variable the environment variable users usually set, for the message
   * @return the key
   * @throws ProviderNotConfiguredException if there is no key
   */
  public ApiKey requireApiKey(String variable) {
    if (apiKey == null) {
      throw new ProviderNotConfiguredException(providerId, "No API key for provider '" + providerId
          + "'. Set " + variable + " (or the system property vcg." + providerId
          + ".api-key), or pass ProviderConfig.builder(\"" + providerId + "\").apiKey(...).");
    }
    return apiKey;
  }

  /** @return the base URL override, if any */
  public Optional<URI> baseUrl() {
    return Optional.ofNullable(baseUrl);
  }

  /** @return the model id override, if any (an open vocabulary: any id the provider accepts) */
  public Optional<String> model() {
    return Optional.ofNullable(model);
  }

  /** @return the per-request timeout override, if any */
  public Optional<Duration> requestTimeout() {
    return Optional.ofNullable(requestTimeout);
  }

  /** @return the retry count override, if any */
  public Optional<Integer> maxRetries() {
    return Optional.ofNullable(maxRetries);
  }

  /** @return provider-specific options (unmodifiable) */
  public Map<String, String> options() {
    return options;
  }

  /**
   * One provider-specific option.
   *
   * @param name the option name
   * @return its value, if set
   */
  public Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  /** @return a builder holding this config's values */
  public Builder toBuilder() {
    Builder b = new Builder(providerId);
    b.apiKey = apiKey;
    b.baseUrl = baseUrl;
    b.model = model;
    b.requestTimeout = requestTimeout;
    b.maxRetries = maxRetries;
    b.options.putAll(options);
    return b;
  }

  @Override
  public String toString() {
    return "ProviderConfig[provider=" + providerId
        + ", apiKey=" + (apiKey == null ? "none" : apiKey.toString())
        + (baseUrl == null ? "" : ", baseUrl=" + baseUrl)
        + (model == null ? "" : ", model=" + model)
        + (options.isEmpty() ? "" : ", options=" + options.keySet())
        + "]";
  }

  /** Builds a {@link ProviderConfig}. Not thread-safe. */
  public static final class Builder {
    private final String providerId;
    private ApiKey apiKey;
    private URI baseUrl;
    private String model;
    private Duration requestTimeout;
    private Integer maxRetries;
    private final Map<String, String> options = new LinkedHashMap<>();

    private Builder(String providerId) {
      Objects.requireNonNull(providerId, "providerId");
      if (providerId.isBlank()) {
        throw new IllegalArgumentException("providerId is blank");
      }
      this.providerId = providerId;
    }

    /**
     * @param apiKey the user's key
     * @return this builder
     */
    public Builder apiKey(ApiKey apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      return this;
    }

    /**
     * @param baseUrl where the provider's API lives (tests point it at a local server)
     * @return this builder
     * @throws IllegalArgumentException if the URL is not absolute http(s)
     */
    public Builder baseUrl(URI baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      String scheme = baseUrl.getScheme();
      if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
        throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL: " + baseUrl);
      }
      this.baseUrl = baseUrl;
      return this;
    }

    /**
     * @param model the model id (any id the provider accepts)
     * @return this builder
     */
    public Builder model(String model) {
      Objects.requireNonNull(model, "model");
      if (model.isBlank()) {
        throw new IllegalArgumentException("model is blank");
      }
      this.model = model;
      return this;
    }

    /**
     * @param timeout per-request timeout
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder requestTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("requestTimeout must be positive: " + timeout);
      }
      this.requestTimeout = timeout;
      return this;
    }

    /**
     * @param maxRetries retries after the first attempt, 0 to 10
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0 || maxRetries > 10) {
        throw new IllegalArgumentException("maxRetries must be within 0..10: " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Sets a provider-specific option (an escape hatch for settings the SDK does not model).
     *
     * @param name option name
     * @param value option value
     * @return this builder
     */
    public Builder option(String name, String value) {
      options.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** @return the config */
    public ProviderConfig build() {
      return new ProviderConfig(this);
    }
  }
}
