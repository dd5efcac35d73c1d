package dev.vcg.provider.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcg.provider.http.ErrorDetails;
import dev.vcg.provider.http.ErrorKind;
import dev.vcg.provider.http.ProviderErrorHandler;
import dev.vcg.provider.http.RawResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads OpenAI's error shape {@code {"error":{"message","type","param","code"}}}:
 * {@code insufficient_quota} (as type or code) is an exhausted quota, never retried;
 * {@code moderation_blocked} and {@code content_policy_violation} are content-policy refusals; the
 * offending {@code param} and moderation categories are added to the message. Stateless and
 * thread-safe.
 */
public final class OpenAiErrors implements ProviderErrorHandler {
  /** The one instance. */
  public static final OpenAiErrors INSTANCE = new OpenAiErrors();

  private OpenAiErrors() {
  }

  @Override
  public ErrorDetails describe(RawResponse response) {
    ErrorDetails base = ProviderErrorHandler.standard().describe(response);
    JsonNode error = response.json().map(n -> n.get("error")).filter(JsonNode::isObject).orElse(null);
    if (error == null) {
      return base;
    }
    ErrorDetails.Builder b = base.toBuilder();
    String type = text(error, "type");
    String code = text(error, "code");
    if ("insufficient_quota".equals(type) || "insufficient_quota".equals(code)) {
      b.code("insufficient_quota").kind(ErrorKind.QUOTA_EXCEEDED).retryable(false);
    }
    StringBuilder message = new StringBuilder(base.message());
    String param = text(error, "param");
    if (param != null && !base.message().contains("'" + param + "'")) {
      message.append(" (parameter ").append(param).append(')');
    }
    JsonNode moderation = error.get("moderation_details");
    if (moderation != null && moderation.isObject()) {
      b.kind(ErrorKind.CONTENT_POLICY);
      List<String> categories = new ArrayList<>();
      JsonNode list = moderation.get("categories");
      if (list != null && list.isArray()) {
        list.forEach(c -> categories.add(c.asText()));
      }
      String stage = text(moderation, "moderation_stage");
      message.append(" (moderation").append(stage == null ? "" : " of the " + stage)
          .append(categories.isEmpty() ? "" : ": " + String.join(", ", categories)).append(')');
    }
    return b.message(message.toString()).build();
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    String s = v.asText();
    return s.isBlank() ? null : s;
  }

  @Override
  public String toString() {
    return "OpenAiErrors";
  }
}
