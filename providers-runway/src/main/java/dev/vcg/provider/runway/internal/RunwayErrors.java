package dev.vcg.provider.runway.internal;

import dev.vcg.provider.http.ErrorDetails;
import dev.vcg.provider.http.ErrorKind;
import dev.vcg.provider.http.ProviderErrorHandler;
import dev.vcg.provider.http.RawResponse;
import java.util.Locale;

/**
 * Runway's error shapes, for the HTTP layer: {@code {"error":"…","issues":[{path,message}],"docUrl"}}
 * (read by the standard handler), and the 400 "You do not have enough credits" (a quota error,
 * not an invalid request). Moderation refusals arrive as {@code FAILED} tasks, not as HTTP errors.
 */
public final class RunwayErrors implements ProviderErrorHandler {
  /** The handler. */
  public static final RunwayErrors INSTANCE = new RunwayErrors();

  private RunwayErrors() {
  }

  @Override
  public ErrorDetails describe(RawResponse response) {
    ErrorDetails d = ProviderErrorHandler.standard().describe(response);
    String m = d.message().toLowerCase(Locale.ROOT);
    if (m.contains("enough credits") || m.contains("insufficient credits")) {
      return d.toBuilder().kind(ErrorKind.QUOTA_EXCEEDED).retryable(false)
          .code(d.code().orElse("insufficient_credits")).build();
    }
    return d;
  }

  @Override
  public String toString() {
    return "RunwayErrors";
  }
}
