package dev.vcg.provider.http;

import dev.vcg.provider.ProviderError;
import dev.vcg.provider.ProviderException;
import java.time.Duration;

/**
 * Calls to this provider with this key are paused because most recent calls failed with server
 * or connection errors (the circuit breaker is open). No request was sent. Retryable: try again
 * after {@link #retryAfter()}, or use another provider meanwhile.
 */
public class CircuitOpenException extends ProviderException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param error what is known
   * @param retryAfter when the breaker lets a trial call through
   * @param cause the failure that opened the breaker in this call, may be null
   */
  public CircuitOpenException(ProviderError error, Duration retryAfter, Throwable cause) {
    super(error, true, cause);
    this.retryAfter = retryAfter;
  }

  /** @return how long until the breaker lets a trial call through */
  public Duration retryAfter() {
    return retryAfter;
  }
}
