package dev.vcg.provider;

/**
 * The model or resource does not exist (HTTP 404), e.g. a retired model id. Not retryable.
 */
public class NotFoundException extends ProviderException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param error what the provider said
   * @param cause the underlying failure, may be null
   */
  public NotFoundException(ProviderError error, Throwable cause) {
    super(error, false, cause);
  }
}
