package dev.vcg.provider;

/**
 * The key may not do this (HTTP 403): region, moderation, guardrail or a locked account. Not retryable.
 */
public class PermissionDeniedException extends ProviderException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param error what the provider said
   * @param cause the underlying failure, may be null
   */
  public PermissionDeniedException(ProviderError error, Throwable cause) {
    super(error, false, cause);
  }
}
