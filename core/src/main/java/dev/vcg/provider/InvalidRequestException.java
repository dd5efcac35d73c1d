package dev.vcg.provider;

/**
 * The provider refused the request as invalid (HTTP 400 or 422). Not retryable without changing the request.
 */
public class InvalidRequestException extends ProviderException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param error what the provider said
   * @param cause the underlying failure, may be null
   */
  public InvalidRequestException(ProviderError error, Throwable cause) {
    super(error, false, cause);
  }
}
