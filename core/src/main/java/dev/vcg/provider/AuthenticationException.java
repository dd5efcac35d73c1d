package dev.vcg.provider;

/**
 * The provider rejected the key (HTTP 401). Check the key variable of that provider; not retryable.
 */
public class AuthenticationException extends ProviderException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param error what the provider said
   * @param cause the underlying failure, may be null
   */
  public AuthenticationException(ProviderError error, Throwable cause) {
    super(error, false, cause);
  }
}
