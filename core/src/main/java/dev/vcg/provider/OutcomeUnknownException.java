package dev.vcg.provider;

/**
 * A paid submission (image or video job creation) failed in a way that does not tell whether
 * the provider accepted it: a timeout or reset after the request was sent, or HTTP 500/502/504.
 * It is never retried automatically, so nobody pays twice. Check the provider's dashboard or
 * resubmit deliberately.
 */
public class OutcomeUnknownException extends ProviderException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param error what is known
   * @param cause the underlying failure, may be null
   */
  public OutcomeUnknownException(ProviderError error, Throwable cause) {
    super(error, false, cause);
  }
}
