package dev.vcg.provider.openrouter.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcg.provider.http.ErrorDetails;
import dev.vcg.provider.http.ErrorKind;
import dev.vcg.provider.http.ProviderErrorHandler;
import dev.vcg.provider.http.RawResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads OpenRouter's error shape {@code {"error":{"code":<status>,"message","metadata":{…},
 * "availability":{…}}}}, in error responses and inside HTTP 200 bodies (errors after generation
 * started, {@code finish_reason: "error"}), and reports empty answers as retryable.
 *
 * <ul>
 *   <li>code: {@code availability.code} (e.g. {@code model_deprecated}), else
 *       {@code metadata.error_type};</li>
 *   <li>{@code availability.retryable} decides whether the call is retried, whatever the status;</li>
 *   <li>moderation flags ({@code metadata.reasons}), {@code content_policy_violation} and
 *       {@code refusal} are content-policy refusals.</li>
 * </ul>
 *
 * <p>Stateless apart from its setting; thread-safe.
 */
public final class OpenRouterErrors implements ProviderErrorHandler {
  private static final Set<String> CONTENT_POLICY = Set.of("content_policy_violation", "refusal");
  private static final Set<String> NOT_EMPTY_REASONS = Set.of("length", "content_filter", "tool_calls");

  private final boolean retryEmptyContent;

  /** @param retryEmptyContent whether an empty answer is reported as a retryable error */
  public OpenRouterErrors(boolean retryEmptyContent) {
    this.retryEmptyContent = retryEmptyContent;
  }

  @Override
  public ErrorDetails describe(RawResponse response) {
    ErrorDetails base = ProviderErrorHandler.standard().describe(response);
    JsonNode body = response.json().orElse(null);
    JsonNode error = body == null ? null : body.get("error");
    if (error == null || !error.isObject()) {
      return base;
    }
    ErrorDetails.Builder b = base.toBuilder();
    refine(b, error, base.message());
    return b.build();
  }

  @Override
  public Optional<ErrorDetails> inBandError(RawResponse response) {
    JsonNode body = response.json().orElse(null);
    if (body == null || !body.isObject()) {
      return Optional.empty();
    }
    String id = text(body, "id");
    JsonNode choices = body.get("choices");
    JsonNode error = body.get("error");
    boolean finishError = false;
    if (choices != null && choices.isArray()) {
      for (JsonNode choice : choices) {
        JsonNode e = choice.get("error");
        if ((error == null || !error.isObject()) && e != null && e.isObject()) {
          error = e;
        }
        finishError |= "error".equals(text(choice, "finish_reason"));
      }
    }
    if ((error != null && error.isObject()) || finishError) {
      ErrorDetails.Builder b = ErrorDetails.builder().requestId(id);
      int status = 502;
      String message = "the model failed after generation started (finish_reason \"error\")";
      if (error != null && error.isObject()) {
        JsonNode code = error.get("code");
        if (code != null && code.canConvertToInt() && code.asInt() >= 400 && code.asInt() <= 599) {
          status = code.asInt();
        }
        String m = text(error, "message");
        if (m != null) {
          message = m;
        }
        b.message(message);
        refine(b, error, message);
      } else {
        b.message(message).code("error");
      }
      return Optional.of(b.status(status).build());
    }
    if (!retryEmptyContent) {
      return Optional.empty();
    }
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      return Optional.of(ErrorDetails.builder().requestId(id).status(502).code("no_choices").retryable(true)
          .message("the answer holds no choices").build());
    }
    JsonNode first = choices.get(0);
    JsonNode message = first.get("message");
    String reason = text(first, "finish_reason");
    boolean hasContent = message != null && !isBlank(message.get("content"));
    boolean refused = message != null && text(message, "refusal") != null;
    boolean toolCalls = message != null && message.has("tool_calls") && message.get("tool_calls").size() > 0;
    if (!hasContent && !refused && !toolCalls && !NOT_EMPTY_REASONS.contains(reason)) {
      return Optional.of(ErrorDetails.builder().requestId(id).status(502).code("empty_content").retryable(true)
          .message("the model returned an empty answer (it happens while an upstream provider starts up;"
              + " the prompt may still be charged)").build());
    }
    return Optional.empty();
  }

  private static void refine(ErrorDetails.Builder b, JsonNode error, String message) {
    JsonNode metadata = error.get("metadata");
    JsonNode availability = error.get("availability");
    String errorType = metadata == null ? null : text(metadata, "error_type");
    String availabilityCode = availability == null ? null : text(availability, "code");
    JsonNode reasons = metadata == null ? null : metadata.get("reasons");
    boolean flagged = reasons != null && reasons.isArray() && reasons.size() > 0;
    b.code(availabilityCode != null ? availabilityCode : errorType != null ? errorType : flagged ? "moderation" : null);
    StringBuilder m = new StringBuilder(message);
    if (flagged) {
      m.append(" (flagged: ").append(join(reasons)).append(')');
    }
    String upstream = metadata == null ? null : text(metadata, "provider_name");
    if (upstream != null && !message.contains(upstream)) {
      m.append(" (upstream provider ").append(upstream).append(')');
    }
    if (flagged || (errorType != null && CONTENT_POLICY.contains(errorType))) {
      b.kind(ErrorKind.CONTENT_POLICY);
    }
    if (availability != null && availability.isObject()) {
      JsonNode retryable = availability.get("retryable");
      if (retryable != null && retryable.isBoolean()) {
        b.retryable(retryable.asBoolean());
      }
      JsonNode retryAfter = availability.get("retry_after");
      if (retryAfter != null && retryAfter.isNumber() && retryAfter.asDouble() > 0
          && retryAfter.asDouble() < 86_400) {
        b.retryAfter(Duration.ofMillis((long) (retryAfter.asDouble() * 1000)));
      }
      JsonNode fallbacks = availability.get("fallback_models");
      if (fallbacks != null && fallbacks.isArray() && fallbacks.size() > 0) {
        m.append("; models to use instead: ").append(join(fallbacks));
      }
    }
    b.message(m.toString());
  }

  private static String join(JsonNode array) {
    List<String> items = new ArrayList<>();
    for (JsonNode n : array) {
      if (items.size() == 5) {
        items.add("…");
        break;
      }
      items.add(n.asText());
    }
    return String.join(", ", items);
  }

  private static boolean isBlank(JsonNode content) {
    if (content == null || content.isNull()) {
      return true;
    }
    if (content.isTextual()) {
      return content.asText().isBlank();
    }
    return content.isArray() && content.isEmpty();
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    String s = v.asText();
    return s.isBlank() ? null : s;
  }

  @Override
  public String toString() {
    return "OpenRouterErrors[retryEmptyContent=" + retryEmptyContent + "]";
  }
}
