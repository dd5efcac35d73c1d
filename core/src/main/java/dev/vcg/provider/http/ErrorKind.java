package dev.vcg.provider.http;

/**
 * The cause of a failed provider call, as the HTTP layer classifies it. Each kind maps to exactly
 * one exception type (see {@link dev.vcg.provider.ProviderException} for the table); a provider's
 * {@link ProviderErrorHandler} may refine the kind the status suggests, e.g. a 400 that is a
 * content-policy refusal, or a 429 that is an exhausted quota.
 */
public enum ErrorKind {
  /** The request is invalid (400, 422 and other 4xx): {@link dev.vcg.provider.InvalidRequestException}. */
  INVALID_REQUEST,
  /** The provider's safety system refused the input: {@link dev.vcg.provider.ContentPolicyException}. */
  CONTENT_POLICY,
  /** The key was rejected (401): {@link dev.vcg.provider.AuthenticationException}. */
  AUTHENTICATION,
  /** Out of credits or quota (402, quota errors): {@link dev.vcg.provider.QuotaExceededException}. */
  QUOTA_EXCEEDED,
  /** Not allowed (403): {@link dev.vcg.provider.PermissionDeniedException}. */
  PERMISSION_DENIED,
  /** No such model or resource (404, 410): {@link dev.vcg.provider.NotFoundException}. */
  NOT_FOUND,
  /** No answer in time (408, client timeouts): {@link dev.vcg.provider.ProviderTimeoutException}. */
  TIMEOUT,
  /** Slow down (429, capacity errors): {@link dev.vcg.provider.RateLimitedException}. */
  RATE_LIMITED,
  /** The provider failed (5xx): {@link dev.vcg.provider.ServerException}. */
  SERVER,
  /** The provider could not be reached: {@link dev.vcg.provider.ProviderConnectionException}. */
  CONNECTION,
  /** A status the layer does not expect (1xx, 3xx): a plain {@link dev.vcg.provider.ProviderException}. */
  UNEXPECTED;

  /**
   * The kind an HTTP status means when the provider says nothing more specific.
   *
   * @param status an HTTP status outside 200..299
   * @return the kind
   */
  public static ErrorKind forStatus(int status) {
    switch (status) {
      case 401:
        return AUTHENTICATION;
      case 402:
        return QUOTA_EXCEEDED;
      case 403:
        return PERMISSION_DENIED;
      case 404:
      case 410:
        return NOT_FOUND;
      case 408:
        return TIMEOUT;
      case 429:
        return RATE_LIMITED;
      default:
        if (status >= 500 && status <= 599) {
          return SERVER;
        }
        if (status >= 400 && status <= 499) {
          return INVALID_REQUEST;
        }
        return UNEXPECTED;
    }
  }
}
