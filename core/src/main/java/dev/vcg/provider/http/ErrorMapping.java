package dev.vcg.provider.http;

import dev.vcg.provider.AuthenticationException;
import dev.vcg.provider.ContentPolicyException;
import dev.vcg.provider.InvalidRequestException;
import dev.vcg.provider.NotFoundException;
import dev.vcg.provider.OutcomeUnknownException;
import dev.vcg.provider.PermissionDeniedException;
import dev.vcg.provider.ProviderConnectionException;
import dev.vcg.provider.ProviderError;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.ProviderTimeoutException;
import dev.vcg.provider.QuotaExceededException;
import dev.vcg.provider.RateLimitedException;
import dev.vcg.provider.ServerException;
import java.time.Duration;

/**
 * The one place where an {@link ErrorKind} becomes an exception type (the table in
 * {@link ProviderException}'s Javadoc), with a hint what to do.
 */
final class ErrorMapping {
  private ErrorMapping() {
  }

  static ProviderException toException(ErrorKind kind, ProviderError error, Duration retryAfter, Throwable cause) {
    switch (kind) {
      case INVALID_REQUEST:
        return new InvalidRequestException(error, cause);
      case CONTENT_POLICY:
        return new ContentPolicyException(error, cause);
      case AUTHENTICATION:
        return new AuthenticationException(error, cause);
      case QUOTA_EXCEEDED:
        return new QuotaExceededException(error, cause);
      case PERMISSION_DENIED:
        return new PermissionDeniedException(error, cause);
      case NOT_FOUND:
        return new NotFoundException(error, cause);
      case TIMEOUT:
        return new ProviderTimeoutException(error, cause);
      case RATE_LIMITED:
        return new RateLimitedException(error, retryAfter, cause);
      case SERVER:
        return new ServerException(error, cause);
      case CONNECTION:
        return new ProviderConnectionException(error, cause);
      case UNEXPECTED:
      default:
        return new ProviderException(error, false, cause);
    }
  }

  static OutcomeUnknownException outcomeUnknown(ProviderError error, Throwable cause) {
    return new OutcomeUnknownException(error, cause);
  }

  /** What the caller can do about an error of this kind. */
  static String hint(ErrorKind kind, String providerId, Duration retryAfter) {
    switch (kind) {
      case INVALID_REQUEST:
        return "fix the request; retrying it unchanged will fail again";
      case CONTENT_POLICY:
        return "the provider's safety system refused the input; change the prompt or image";
      case AUTHENTICATION:
        return "check the API key configured for provider '" + providerId + "'";
      case QUOTA_EXCEEDED:
        return "top up credits or raise the quota with the provider";
      case PERMISSION_DENIED:
        return "this key may not do this (region, account state or moderation)";
      case NOT_FOUND:
        return "check the model id or the job id";
      case TIMEOUT:
        return "the provider did not answer in time; try again later or raise the timeout";
      case RATE_LIMITED:
        return retryAfter != null && retryAfter.compareTo(Duration.ZERO) > 0
            ? "slow down; the provider asks to retry after " + format(retryAfter)
            : "slow down and try again later";
      case SERVER:
        return "the provider failed; try again later";
      case CONNECTION:
        return "could not reach the provider; check the network and the base URL";
      default:
        return "unexpected answer; check the base URL";
    }
  }

  static String format(Duration d) {
    long ms = d.toMillis();
    return ms < 10_000 ? ms + " ms" : (ms / 1000) + " s";
  }
}
