package dev.vcg.provider.fal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcg.provider.ContentPolicyException;
import dev.vcg.provider.InvalidRequestException;
import dev.vcg.provider.ProviderError;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.ProviderTimeoutException;
import dev.vcg.provider.ServerException;
import dev.vcg.provider.http.ErrorDetails;
import dev.vcg.provider.http.ErrorKind;
import dev.vcg.provider.http.ProviderErrorHandler;
import dev.vcg.provider.http.RawResponse;
import java.util.Locale;
import java.util.Optional;

/**
 * fal's error shapes, for the HTTP layer: {@code {"detail":[{loc,msg,type}]}} (422),
 * {@code {"detail":"…","error_type":"…"}} (with the same type in {@code X-Fal-Error-Type}),
 * 403 "Exhausted balance" (a quota error, not a permission problem), {@code X-Fal-Retryable}, and
 * a 504 caused by the caller's own start timeout ({@code x-fal-request-timeout-type: user}, never
 * retried). Also maps the {@code error_type} of a request fal reports as {@code COMPLETED} with an
 * error.
 */
public final class FalErrors implements ProviderErrorHandler {
  /** The handler. */
  public static final FalErrors INSTANCE = new FalErrors();

  private static final int MAX_MESSAGE = 500;

  private FalErrors() {
  }

  @Override
  public ErrorDetails describe(RawResponse response) {
    ErrorDetails d = ProviderErrorHandler.standard().describe(response);
    ErrorDetails.Builder b = d.toBuilder();
    String code = d.code().orElse(null);
    if (code == null) {
      code = response.header("x-fal-error-type").filter(s -> !s.isBlank()).orElse(null);
      b.code(code);
    }
    if (contentPolicy(response) || isContentPolicy(code)) {
      b.kind(ErrorKind.CONTENT_POLICY).retryable(false);
      if (!isContentPolicy(code)) {
        b.code("content_policy_violation");
      }
    }
    String message = d.message().toLowerCase(Locale.ROOT);
    if (response.statusCode() == 403 && (message.contains("exhausted balance") || message.contains("top up"))) {
      b.kind(ErrorKind.QUOTA_EXCEEDED).retryable(false);
      if (code == null) {
        b.code("exhausted_balance");
      }
    }
    Optional<String> retryable = response.header("x-fal-retryable").map(s -> s.strip().toLowerCase(Locale.ROOT));
    if (retryable.filter("false"::equals).isPresent()) {
      b.retryable(false);
    } else if (retryable.filter("true"::equals).isPresent() && d.retryable().isEmpty()
        && response.statusCode() != 403) {
      b.retryable(true);
    }
    if (response.statusCode() == 504 && response.header("x-fal-request-timeout-type")
        .map(s -> s.strip().equalsIgnoreCase("user")).orElse(false)) {
      // the caller's own x-fal-request-timeout fired: trying again would fire it again
      b.retryable(false);
    }
    return b.build();
  }

  private static boolean contentPolicy(RawResponse response) {
    Optional<JsonNode> json = response.json();
    if (json.isEmpty()) {
      return false;
    }
    JsonNode detail = json.get().get("detail");
    if (detail != null && detail.isArray()) {
      for (JsonNode item : detail) {
        JsonNode type = item.get("type");
        if (type != null && isContentPolicy(type.asText())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isContentPolicy(String code) {
    return code != null && code.toLowerCase(Locale.ROOT).contains("content_policy");
  }

  /**
   * The exception for a request fal reports as {@code COMPLETED} with an error: content policy
   * types → {@link ContentPolicyException}; timeouts → {@link ProviderTimeoutException}; runner and
   * internal failures (fal does not charge for them) → {@link ServerException}; input problems →
   * {@link InvalidRequestException}; anything else a non-retryable {@link ProviderException}.
   *
   * @param providerId the provider id
   * @param status the status
   * @param secret the API key to remove from fal's text (a provider may echo it), or null
   * @return the exception to throw
   */
  public static ProviderException completedError(String providerId, QueueStatus status, String secret) {
    String type = status.errorType() == null || status.errorType().isBlank() ? null
        : scrub(clean(status.errorType(), 100), secret);
    String text = scrub(clean(status.errorMessage(), MAX_MESSAGE), secret);
    String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
    String id = status.requestId() == null ? null : scrub(clean(status.requestId(), 128), secret);
    String head = "fal reported request " + id + " as failed: " + text;
    if (isContentPolicy(t) || isContentPolicy(text.toLowerCase(Locale.ROOT).replace(' ', '_'))) {
      return new ContentPolicyException(error(providerId, id, type, head
          + "; the provider's safety system refused the input; change the prompt or image"), null);
    }
    if (t.endsWith("timeout")) {
      return new ProviderTimeoutException(error(providerId, id, type, head
          + "; the request timed out at fal; try again later"), null);
    }
    if (t.startsWith("runner_") || t.equals("internal_error")) {
      return new ServerException(error(providerId, id, type, head
          + "; fal's runner failed (not charged); try again later"), null);
    }
    if (t.equals("bad_request") || t.equals("image_too_large") || t.equals("no_media_generated")
        || t.equals("file_download_error") || t.contains("invalid")) {
      return new InvalidRequestException(error(providerId, id, type, head
          + "; fix the request; retrying it unchanged will fail again"), null);
    }
    return new ProviderException(error(providerId, id, type, head), false, null);
  }

  private static ProviderError error(String providerId, String requestId, String type, String message) {
    return new ProviderError(providerId, 0, requestId, type, message, null);
  }

  /**
   * @param s text from fal
   * @param secret the API key, or null
   * @return the text without the key
   */
  public static String scrub(String s, String secret) {
    if (s == null || secret == null || secret.isEmpty()) {
      return s;
    }
    return s.replace(secret, "[redacted]");
  }

  /**
   * @param s provider text
   * @param max longest kept
   * @return the text on one line, cut to {@code max} characters
   */
  public static String clean(String s, int max) {
    if (s == null) {
      return "";
    }
    String one = s.replace("\r", "\\r").replace("\n", "\\n");
    return one.length() <= max ? one : one.substring(0, max) + "…";
  }

  @Override
  public String toString() {
    return "FalErrors";
  }
}
