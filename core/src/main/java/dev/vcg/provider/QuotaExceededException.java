package dev.vcg.provider;

/**
 * Out of credits or quota (HTTP 402, OpenAI's {@code insufficient_quota}, fal's exhausted balance). Top up; not retryable.
 */
public class QuotaExceededException extends ProviderException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param error what the provider said
   * @param cause the underlying failure, may be null
   */
  public QuotaExceededException(ProviderError error, Throwable cause) {
    super(error, false, cause);
  }
}
