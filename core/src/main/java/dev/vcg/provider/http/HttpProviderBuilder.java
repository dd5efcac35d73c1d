package dev.vcg.provider.http;

import dev.vcg.provider.ProviderConfig;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Objects;

/**
 * A base for the builders of providers built on {@link ProviderHttpClient}: the provider's config
 * (required, and checked to be for this provider), the clock and sleeper that time polls and
 * retries (the system's by default) and, optionally, a JDK client to send through (proxy, custom
 * TLS). A provider module's builder extends it and creates its provider from the {@link Settings}.
 * Not thread-safe.
 *
 * <pre>{@code
 * public static final class Builder extends HttpProviderBuilder<Builder, AcmeVideoProvider> {
 *   private Builder() {
 *     super("acme");
 *   }
 *
 *   @Override
 *   protected Builder self() {
 *     return this;
 *   }
 *
 *   @Override
 *   protected AcmeVideoProvider create(Settings settings) {
 *     return new AcmeVideoProvider(settings);
 *   }
 * }
 * }</pre>
 *
 * @param <B> the concrete builder
 * @param <P> the provider it builds
 */
public abstract class HttpProviderBuilder<B extends HttpProviderBuilder<B, P>, P> {
  private final String providerId;
  private ProviderConfig config;
  private Clock clock = Clock.systemUTC();
  private Sleeper sleeper = Sleeper.system();
  private HttpClient httpClient;

  /**
   * What a provider is built from.
   *
   * @param config its config: key, base URL, model, options
   * @param clock time source of polling deadlines and of retries
   * @param sleeper waits between polls and between retries
   * @param httpClient the JDK client to send through, or null for the default one
   */
  public record Settings(ProviderConfig config, Clock clock, Sleeper sleeper, HttpClient httpClient) {
    /** Validates. */
    public Settings {
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(sleeper, "sleeper");
    }
  }

  /**
   * @param providerId the id of the provider this builder builds, which its config must carry
   */
  protected HttpProviderBuilder(String providerId) {
    this.providerId = Objects.requireNonNull(providerId, "providerId");
  }

  /**
   * @param config the provider's config: key, base URL, model, options
   * @return this builder
   * @throws IllegalArgumentException if the config is for another provider
   */
  public B config(ProviderConfig config) {
    Objects.requireNonNull(config, "config");
    if (!config.providerId().equals(providerId)) {
      throw new IllegalArgumentException("config is for provider '" + config.providerId() + "', not '" + providerId
          + "'");
    }
    this.config = config;
    return self();
  }

  /**
   * @param clock time source of polling deadlines and of retries (HTTP-date {@code Retry-After},
   *     circuit breaker)
   * @return this builder
   */
  public B clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return self();
  }

  /**
   * @param sleeper waits between polls and between retries
   * @return this builder
   */
  public B sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return self();
  }

  /**
   * @param client a JDK client to use (proxy, custom TLS); it must not follow redirects
   * @return this builder
   */
  public B httpClient(HttpClient client) {
    this.httpClient = Objects.requireNonNull(client, "client");
    return self();
  }

  /**
   * @return the provider
   * @throws IllegalStateException if the config is missing or an option is invalid
   * @throws IllegalArgumentException if the model id is not one the provider accepts
   * @throws dev.vcg.provider.ProviderNotConfiguredException if the config holds no key
   */
  public P build() {
    if (config == null) {
      throw new IllegalStateException("config is required");
    }
    return create(new Settings(config, clock, sleeper, httpClient));
  }

  /** @return this builder, typed as the concrete builder */
  protected abstract B self();

  /**
   * Creates the provider.
   *
   * @param settings what {@link #build()} collected
   * @return the provider
   */
  protected abstract P create(Settings settings);
}
