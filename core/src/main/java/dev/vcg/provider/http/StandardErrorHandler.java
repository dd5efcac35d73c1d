package dev.vcg.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/** The common error shapes: {@link ProviderErrorHandler#standard()}. */
final class StandardErrorHandler implements ProviderErrorHandler {
  static final StandardErrorHandler INSTANCE = new StandardErrorHandler();

  private StandardErrorHandler() {
  }

  @Override
  public ErrorDetails describe(RawResponse response) {
    String message = null;
    String code = null;
    String requestId = null;
    Optional<JsonNode> json = response.json();
    if (json.isPresent() && json.get().isObject()) {
      JsonNode n = json.get();
      JsonNode error = n.get("error");
      if (error != null && error.isObject()) {
        message = text(error, "message");
        code = text(error, "code");
        if (code == null) {
          code = text(error, "type");
        }
        if (code == null) {
          JsonNode metadata = error.get("metadata");
          code = metadata == null ? null : text(metadata, "error_type");
        }
      } else if (error != null && error.isTextual()) {
        message = error.asText();
      }
      if (message == null) {
        message = detail(n.get("detail"));
        if (message != null) {
          JsonNode detail = n.get("detail");
          code = detail.isArray() && detail.size() > 0 ? text(detail.get(0), "type") : text(n, "error_type");
        }
      }
      if (message == null) {
        message = text(n, "message");
      }
      if (code == null) {
        code = text(n, "error_type");
      }
      if (code == null && !(n.get("code") != null && n.get("code").isNumber())) {
        code = text(n, "code");
      }
      requestId = text(n, "request_id");
    }
    if (message == null) {
      String body = response.bodyText().strip();
      if (body.isEmpty()) {
        message = "no error body";
      } else if (body.startsWith("<")) {
        message = "non-JSON error page (" + body.length() + " characters)";
      } else {
        message = body.length() > 300 ? body.substring(0, 300) + "…" : body;
      }
    }
    ErrorKind kind = null;
    if (code != null) {
      String c = code.toLowerCase(Locale.ROOT);
      if (c.contains("content_policy") || c.equals("moderation_blocked")) {
        kind = ErrorKind.CONTENT_POLICY;
      } else if (c.equals("insufficient_quota")) {
        kind = ErrorKind.QUOTA_EXCEEDED;
      }
    }
    return ErrorDetails.builder().message(message).code(code).requestId(requestId).kind(kind)
        .retryable(kind == ErrorKind.QUOTA_EXCEEDED ? Boolean.FALSE : null).build();
  }

  private static String detail(JsonNode detail) {
    if (detail == null || detail.isNull()) {
      return null;
    }
    if (detail.isTextual()) {
      return detail.asText();
    }
    if (detail.isArray() && detail.size() > 0) {
      StringBuilder sb = new StringBuilder();
      int shown = 0;
      for (JsonNode item : detail) {
        if (shown == 3) {
          sb.append("; and ").append(detail.size() - shown).append(" more");
          break;
        }
        if (shown > 0) {
          sb.append("; ");
        }
        JsonNode loc = item.get("loc");
        if (loc != null && loc.isArray() && loc.size() > 0) {
          StringBuilder path = new StringBuilder();
          for (JsonNode part : loc) {
            if (path.length() > 0) {
              path.append('.');
            }
            path.append(part.asText());
          }
          sb.append(path).append(": ");
        }
        String msg = text(item, "msg");
        sb.append(msg == null ? item.toString() : msg);
        shown++;
      }
      return sb.toString();
    }
    return null;
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
    return "ProviderErrorHandler.standard()";
  }
}
