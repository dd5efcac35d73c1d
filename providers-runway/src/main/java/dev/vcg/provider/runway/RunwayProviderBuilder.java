package dev.vcg.provider.runway;

import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.http.Sleeper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Objects;

/**
 * What the builders of the Runway providers share: the config (required), clock, sleeper and JDK
 * client. Not thread-safe.
 *
 * @param <B> the concrete builder
 * @param <P> the provider it builds
 */
abstract class RunwayProviderBuilder<B extends RunwayProviderBuilder<B, P>, P> {
  ProviderConfig config;
  Clock clock = Clock.systemUTC();
  Sleeper sleeper = Sleeper.system();
  HttpClient httpClient;

  RunwayProviderBuilder() {
  }

  /**
   * @param config the config of {@code runway}: key, base URL, model, options
   * @return this builder
   * @throws IllegalArgumentException if the config is for another provider
   */
  public B config(ProviderConfig config) {
    Objects.requireNonNull(config, "config");
    if (!config.providerId().equals(RunwayProviderFactory.ID)) {
      throw new IllegalArgumentException("config is for provider '" + config.providerId() + "', not 'runway'");
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
   * @throws IllegalArgumentException if the model id is not a plain token
   * @throws dev.vcg.provider.ProviderNotConfiguredException if the config holds no key
   */
  public P build() {
    if (config == null) {
      throw new IllegalStateException("config is required");
    }
    return create();
  }

  abstract B self();

  abstract P create();
}
