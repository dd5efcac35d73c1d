package dev.vcg.provider;

import dev.vcg.VcgException;
import java.util.Optional;

/**
 * A provider call failed. Carries the provider id, the HTTP status (0 when no response was
 * received), the provider's request id, the provider's error code and a trimmed, secret-free
 * copy of the error body. Subtypes tell the causes apart; HTTP statuses are mapped to them in
 * one place, the HTTP layer ({@link dev.vcg.provider.http.ErrorKind}), where a provider may
 * refine the type from its error body.
 *
 * <table>
 *   <caption>Status to type</caption>
 *   <tr><th>Status / cause</th><th>Type</th><th>Retryable</th></tr>
 *   <tr><td>400, 422, other 4xx</td><td>{@link InvalidRequestException} (content policy: {@link ContentPolicyException})</td><td>no</td></tr>
 *   <tr><td>401</td><td>{@link AuthenticationException}</td><td>no</td></tr>
 *   <tr><td>402, quota errors</td><td>{@link QuotaExceededException}</td><td>no</td></tr>
 *   <tr><td>403</td><td>{@link PermissionDeniedException}</td><td>no</td></tr>
 *   <tr><td>404, 410</td><td>{@link NotFoundException}</td><td>no</td></tr>
 *   <tr><td>408, timeouts</td><td>{@link ProviderTimeoutException}</td><td>yes</td></tr>
 *   <tr><td>429</td><td>{@link RateLimitedException}</td><td>yes</td></tr>
 *   <tr><td>5xx</td><td>{@link ServerException}</td><td>yes</td></tr>
 *   <tr><td>connection failures</td><td>{@link ProviderConnectionException}</td><td>yes</td></tr>
 *   <tr><td>paid submission with unknown outcome</td><td>{@link OutcomeUnknownException}</td><td>no</td></tr>
 *   <tr><td>circuit breaker open (no request sent)</td><td>{@link dev.vcg.provider.http.CircuitOpenException}</td><td>yes</td></tr>
 *   <tr><td>too many concurrent calls (no request sent)</td><td>{@link dev.vcg.provider.http.ConcurrencyLimitException}</td><td>yes</td></tr>
 * </table>
 */
public class ProviderException extends VcgException {
  private static final long serialVersionUID = 1L;

  private final ProviderError error;
  private final boolean retryable;

  /**
   * Creates an exception.
   *
   * @param error what the provider said
   * @param retryable whether trying again later may succeed
   * @param cause the underlying failure, may be null
   */
  public ProviderException(ProviderError error, boolean retryable, Throwable cause) {
    super(error.describe(), cause);
    this.error = error;
    this.retryable = retryable;
  }

  /**
   * Creates a non-HTTP failure of a provider (e.g. a malformed response).
   *
   * @param providerId the provider
   * @param message what failed and what to do
   */
  public ProviderException(String providerId, String message) {
    this(ProviderError.of(providerId, message), false, null);
  }

  /** @return the details the provider gave */
  public ProviderError error() {
    return error;
  }

  /** @return the provider's stable id */
  public String providerId() {
    return error.providerId();
  }

  /** @return the HTTP status, or 0 when no response was received */
  public int statusCode() {
    return error.statusCode();
  }

  /** @return the provider's request id, if it sent one */
  public Optional<String> requestId() {
    return Optional.ofNullable(error.requestId());
  }

  @Override
  public boolean isRetryable() {
    return retryable;
  }
}
