package dev.vcg.provider;

/**
 * The provider failed (HTTP 5xx). Retryable.
 */
public class ServerException extends ProviderException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param error what the provider said
   * @param cause the underlying failure, may be null
   */
  public ServerException(ProviderError error, Throwable cause) {
    super(error, true, cause);
  }
}
