package dev.vcg.examples.server;

import dev.vcg.VcgException;
import java.util.Map;
import java.util.Objects;

/**
 * A request the server refuses on its own account (not the library's): unknown path, wrong
 * method, malformed JSON, body too large, an id that is not known. Carries the HTTP status, the
 * error type for the JSON body and optional extra fields.
 */
final class HttpFailure extends VcgException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;
  private final transient Map<String, Object> extra;

  HttpFailure(int status, String type, String message) {
    this(status, type, message, Map.of());
  }

  HttpFailure(int status, String type, String message, Map<String, Object> extra) {
    super(message);
    this.status = status;
    this.type = Objects.requireNonNull(type, "type");
    this.extra = Map.copyOf(extra);
  }

  static HttpFailure badRequest(String message) {
    return new HttpFailure(400, "invalid_request", message);
  }

  static HttpFailure notFound(String message) {
    return new HttpFailure(404, "not_found", message);
  }

  static HttpFailure conflict(String message) {
    return new HttpFailure(409, "conflict", message);
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }

  Map<String, Object> extra() {
    return extra;
  }
}
