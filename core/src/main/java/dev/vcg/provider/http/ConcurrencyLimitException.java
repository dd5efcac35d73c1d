package dev.vcg.provider.http;

import dev.vcg.provider.ProviderError;
import dev.vcg.provider.ProviderException;

/**
 * Too many calls to this provider with this key are already running and none finished within
 * the queue wait (the bulkhead is full). No request was sent. Retryable: try again later, or
 * raise the limit with the {@code http.max-concurrency} option of the provider's config.
 */
public class ConcurrencyLimitException extends ProviderException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param error what is known
   */
  public ConcurrencyLimitException(ProviderError error) {
    super(error, true, null);
  }
}
