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
        code = error.path("code").isTextual() ? text(error, "code") : null;
        if (code == null) {
          code = text(error, "type");
        }
        if (code == null) {
          JsonNode metadata = error.get("metadata");
          code = metadata == null ? null : text(metadata, "error_type");
        }
      } else if (error != null && error.isTextual()) {
        message = error.asText();
        String issues = issues(n.get("issues"));
        if (issues != null) {
          message = message + ": " + issues;
        }
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

  /** Runway's zod-style {@code issues: [{path: [...], message}]}. */
  private static String issues(JsonNode issues) {
    if (issues == null || !issues.isArray() || issues.size() == 0) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    int shown = 0;
    for (JsonNode issue : issues) {
      if (shown == 3) {
        sb.append("; and ").append(issues.size() - shown).append(" more");
        break;
      }
      if (shown > 0) {
        sb.append("; ");
      }
      sb.append(path(issue.get("path")));
      String msg = text(issue, "message");
      sb.append(msg == null ? issue.toString() : msg);
      shown++;
    }
    return sb.toString();
  }

  private static String path(JsonNode path) {
    if (path == null || !path.isArray() || path.size() == 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (JsonNode part : path) {
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(part.asText());
    }
    return sb.append(": ").toString();
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
        sb.append(path(item.get("loc")));
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
