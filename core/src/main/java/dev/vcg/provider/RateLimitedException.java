package dev.vcg.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * The provider asked us to slow down (HTTP 429, or a capacity error). Carries the delay the
 * provider asked for when it gave one; a delay longer than the in-call limit (60 s by default)
 * is not waited for in the call but handed to the caller, who may reschedule.
 */
public class RateLimitedException extends ProviderException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param error what the provider said
   * @param retryAfter the delay the provider asked for, or null
   * @param cause the underlying failure, may be null
   */
  public RateLimitedException(ProviderError error, Duration retryAfter, Throwable cause) {
    super(error, true, cause);
    this.retryAfter = retryAfter;
  }

  /** @return the delay the provider asked for, if any */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
