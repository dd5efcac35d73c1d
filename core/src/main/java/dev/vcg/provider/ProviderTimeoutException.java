package dev.vcg.provider;

/**
 * No answer in time (HTTP 408, a client-side timeout, or a stalled body). Retryable for reads.
 */
public class ProviderTimeoutException extends ProviderException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param error what the provider said
   * @param cause the underlying failure, may be null
   */
  public ProviderTimeoutException(ProviderError error, Throwable cause) {
    super(error, true, cause);
  }
}
