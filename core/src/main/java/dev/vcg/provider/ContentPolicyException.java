package dev.vcg.provider;

/** The provider's safety system refused the prompt or an image. Change the prompt; not retryable. */
public class ContentPolicyException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param error what the provider said
   * @param cause the underlying failure, may be null
   */
  public ContentPolicyException(ProviderError error, Throwable cause) {
    super(error, cause);
  }
}
