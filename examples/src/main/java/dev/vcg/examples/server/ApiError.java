package dev.vcg.examples.server;

import dev.vcg.InvalidInputException;
import dev.vcg.VcgException;
import dev.vcg.cost.BudgetExceededException;
import dev.vcg.direction.InvalidPlanException;
import dev.vcg.media.MediaException;
import dev.vcg.projects.ProjectNotFoundException;
import dev.vcg.projects.ProjectStateException;
import dev.vcg.provider.ContentPolicyException;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.ProviderNotConfiguredException;
import dev.vcg.provider.ProviderTimeoutException;
import dev.vcg.provider.QuotaExceededException;
import dev.vcg.provider.RateLimitedException;
import dev.vcg.provider.UnsupportedCapabilityException;
import dev.vcg.routing.InvalidAnswersException;
import dev.vcg.workflow.WorkflowException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An error as the HTTP API reports it: status, a stable {@code type} and a message that says what
 * failed and what to do, plus optional fields (e.g. {@code problems}, {@code provider}). This is
 * the one place that maps the library's exceptions to HTTP statuses:
 *
 * <table>
 *   <caption>exception to status</caption>
 *   <tr><th>exception</th><th>status</th><th>type</th></tr>
 *   <tr><td>{@link ProjectNotFoundException}</td><td>404</td><td>not_found</td></tr>
 *   <tr><td>{@link ProjectStateException}</td><td>409</td><td>wrong_state</td></tr>
 *   <tr><td>{@link InvalidAnswersException}</td><td>400</td><td>invalid_answers</td></tr>
 *   <tr><td>{@link InvalidInputException}, {@link IllegalArgumentException}</td><td>400</td><td>invalid_input</td></tr>
 *   <tr><td>{@link ProviderNotConfiguredException}</td><td>400</td><td>provider_not_configured</td></tr>
 *   <tr><td>{@link UnsupportedCapabilityException}</td><td>400</td><td>unsupported_capability</td></tr>
 *   <tr><td>{@link BudgetExceededException}</td><td>402</td><td>budget_exceeded</td></tr>
 *   <tr><td>{@link QuotaExceededException}</td><td>402</td><td>provider_quota_exceeded</td></tr>
 *   <tr><td>{@link ContentPolicyException}</td><td>422</td><td>content_policy</td></tr>
 *   <tr><td>{@link RateLimitedException}</td><td>429</td><td>rate_limited</td></tr>
 *   <tr><td>{@link InvalidPlanException}</td><td>502</td><td>invalid_plan</td></tr>
 *   <tr><td>other {@link ProviderException}</td><td>502</td><td>provider_error</td></tr>
 *   <tr><td>{@link ProviderTimeoutException}</td><td>504</td><td>provider_timeout</td></tr>
 *   <tr><td>{@link WorkflowException} (cancelled)</td><td>409</td><td>cancelled</td></tr>
 *   <tr><td>anything else</td><td>500</td><td>internal_error</td></tr>
 * </table>
 *
 * @param status the HTTP status
 * @param type the stable error type
 * @param message what failed and what to do (never a stack trace or a key)
 * @param extra more fields for the error object
 * @param retryAfter the wait a rate limit asks for, if known
 */
record ApiError(int status, String type, String message, Map<String, Object> extra, Duration retryAfter) {
  ApiError {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(message, "message");
    extra = Map.copyOf(extra);
  }

  /** @return the wait a rate limit asks for, if known */
  Optional<Duration> retryAfterIfAny() {
    return Optional.ofNullable(retryAfter);
  }

  /** @return whether this is the server's fault (logged at WARN) */
  boolean isInternal() {
    return status >= 500 && type.equals("internal_error");
  }

  /**
   * @param failure what went wrong
   * @return how the API reports it
   */
  static ApiError of(Throwable failure) {
    Map<String, Object> extra = new LinkedHashMap<>();
    if (failure instanceof HttpFailure h) {
      return new ApiError(h.status(), h.type(), h.getMessage(), h.extra(), null);
    }
    if (failure instanceof VcgException v && v.isRetryable()) {
      extra.put("retryable", true);
    }
    if (failure instanceof ProjectNotFoundException n) {
      return new ApiError(404, "not_found", n.getMessage() + " List them with GET /api/projects.", extra, null);
    }
    if (failure instanceof ProjectStateException p) {
      extra.put("projectId", p.projectId());
      extra.put("projectStatus", p.status().name().toLowerCase(java.util.Locale.ROOT));
      return new ApiError(409, "wrong_state", p.getMessage(), extra, null);
    }
    if (failure instanceof InvalidAnswersException a) {
      extra.put("problems", a.problems());
      return new ApiError(400, "invalid_answers", a.getMessage(), extra, null);
    }
    if (failure instanceof InvalidInputException || failure instanceof IllegalArgumentException) {
      return new ApiError(400, "invalid_input", messageOf(failure), extra, null);
    }
    if (failure instanceof BudgetExceededException b) {
      extra.put("spent", b.spent());
      extra.put("cap", b.cap());
      return new ApiError(402, "budget_exceeded", b.getMessage(), extra, null);
    }
    if (failure instanceof InvalidPlanException p) {
      extra.put("problems", p.errors());
      return new ApiError(502, "invalid_plan", p.getMessage(), extra, null);
    }
    if (failure instanceof MediaException m) {
      return m.reason().isInputProblem() ? new ApiError(400, "invalid_media", m.getMessage(), extra, null)
          : new ApiError(500, "media_error", m.getMessage(), extra, null);
    }
    if (failure instanceof ProviderException p) {
      return provider(p, extra);
    }
    if (failure instanceof WorkflowException w) {
      if (w.stage() == WorkflowException.Stage.CANCEL) {
        return new ApiError(409, "cancelled", w.getMessage(), extra, null);
      }
      return new ApiError(500, "workflow_failed", w.getMessage(), extra, null);
    }
    if (failure instanceof VcgException v) {
      return new ApiError(500, "error", v.getMessage(), extra, null);
    }
    return new ApiError(500, "internal_error", "The server failed unexpectedly ("
        + failure.getClass().getSimpleName() + "); see the server log.", extra, null);
  }

  private static ApiError provider(ProviderException p, Map<String, Object> extra) {
    extra.put("provider", p.providerId());
    if (p.statusCode() > 0) {
      extra.put("providerStatus", p.statusCode());
    }
    p.requestId().ifPresent(id -> extra.put("providerRequestId", id));
    if (p instanceof ProviderNotConfiguredException) {
      return new ApiError(400, "provider_not_configured", p.getMessage(), extra, null);
    }
    if (p instanceof UnsupportedCapabilityException) {
      return new ApiError(400, "unsupported_capability", p.getMessage(), extra, null);
    }
    if (p instanceof QuotaExceededException) {
      return new ApiError(402, "provider_quota_exceeded", p.getMessage(), extra, null);
    }
    if (p instanceof ContentPolicyException) {
      return new ApiError(422, "content_policy", p.getMessage(), extra, null);
    }
    if (p instanceof RateLimitedException r) {
      return new ApiError(429, "rate_limited", p.getMessage(), extra, r.retryAfter().orElse(null));
    }
    if (p instanceof ProviderTimeoutException) {
      return new ApiError(504, "provider_timeout", p.getMessage(), extra, null);
    }
    return new ApiError(502, "provider_error", p.getMessage(), extra, null);
  }

  private static String messageOf(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }
}
