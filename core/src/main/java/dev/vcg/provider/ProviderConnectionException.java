package dev.vcg.provider;

/**
 * The provider could not be reached, or the connection broke. Retryable for reads.
 */
public class ProviderConnectionException extends ProviderException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param error what the provider said
   * @param cause the underlying failure, may be null
   */
  public ProviderConnectionException(ProviderError error, Throwable cause) {
    super(error, true, cause);
  }
}
