package dev.vcg.examples.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP exchange as the handlers see it: the method, the path and its parameters, the JSON
 * body read under the size cap, and the ways to answer (JSON with a status, or an error).
 */
final class Call {
  static final String JSON_TYPE = "application/json; charset=utf-8";

  private final HttpExchange exchange;
  private final ServerContext server;
  private List<String> params = List.of();
  private int status;

  Call(HttpExchange exchange, ServerContext server) {
    this.exchange = exchange;
    this.server = server;
  }

  void params(List<String> values) {
    this.params = List.copyOf(values);
  }

  HttpExchange exchange() {
    return exchange;
  }

  String method() {
    return exchange.getRequestMethod();
  }

  /**
   * @param index which parameter of the route's pattern, from 0
   * @return its value
   */
  String param(int index) {
    return params.get(index);
  }

  /** @return the status sent, or 0 before anything was sent */
  int status() {
    return status;
  }

  /**
   * Reads the body as a JSON object. An empty body is an empty object.
   *
   * @return the object
   * @throws HttpFailure 413 if the body is larger than the cap, 415 if it is not JSON, 400 if it
   *     does not parse or is not an object
   */
  ObjectNode json() {
    byte[] body = body();
    if (body.length == 0) {
      return server.mapper().createObjectNode();
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type != null && !isJson(type)) {
      throw new HttpFailure(415, "unsupported_media_type", "The body must be JSON (Content-Type: application/json), "
          + "not " + abbreviate(type) + ".");
    }
    JsonNode node;
    try {
      node = server.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw new HttpFailure(400, "invalid_json", "The body is not valid JSON (line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ").");
    } catch (IOException e) {
      throw new HttpFailure(400, "invalid_json", "The body could not be read as JSON.");
    }
    if (node == null || !node.isObject()) {
      throw new HttpFailure(400, "invalid_json", "The body must be a JSON object, e.g. {\"input\": {...}}.");
    }
    return (ObjectNode) node;
  }

  private static boolean isJson(String contentType) {
    String t = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
    return t.equals("application/json") || t.endsWith("+json");
  }

  private byte[] body() {
    long cap = server.maxBodyBytes();
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    long length = -1;
    if (declared != null) {
      try {
        length = Long.parseLong(declared.strip());
      } catch (NumberFormatException e) {
        throw HttpFailure.badRequest("Content-Length is not a number.");
      }
    }
    InputStream in = exchange.getRequestBody();
    try {
      if (length > cap) {
        drain(in, length);
        throw tooLarge(cap);
      }
      byte[] data = in.readNBytes((int) cap + 1);
      if (data.length > cap) {
        drain(in, Long.MAX_VALUE);
        throw tooLarge(cap);
      }
      return data;
    } catch (IOException e) {
      throw HttpFailure.badRequest("The request body could not be read.");
    }
  }

  /**
   * Reads and drops the rest of an oversize body (up to a limit) so the client gets the 413
   * instead of a reset connection; beyond the limit the connection is closed.
   */
  private void drain(InputStream in, long declared) throws IOException {
    long limit = server.maxBodyBytes() * 16L;
    if (declared > limit) {
      exchange.getResponseHeaders().set("Connection", "close");
      return;
    }
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    int n;
    while (total <= limit && (n = in.read(buffer)) >= 0) {
      total += n;
    }
    if (total > limit) {
      exchange.getResponseHeaders().set("Connection", "close");
    }
  }

  private static HttpFailure tooLarge(long cap) {
    return new HttpFailure(413, "payload_too_large", "The request body is larger than " + cap
        + " bytes. Send media by URL rather than inline, or make the request smaller.");
  }

  /**
   * Sends a JSON answer.
   *
   * @param code the status
   * @param body the JSON
   */
  void respond(int code, JsonNode body) {
    byte[] bytes;
    try {
      bytes = server.secrets().scrub(server.mapper().writeValueAsString(body)).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response could not be written as JSON", e);
    }
    send(code, bytes);
  }

  /**
   * Sends an error as {@code {"error": {"type", "message", ...}}} plus any top-level fields.
   *
   * @param error the error
   * @param topLevel fields beside {@code error} (e.g. {@code workflowId}), may be null
   */
  void fail(ApiError error, ObjectNode topLevel) {
    ObjectNode root = topLevel == null ? server.mapper().createObjectNode() : topLevel.deepCopy();
    ObjectNode e = server.mapper().createObjectNode();
    e.put("type", error.type());
    e.put("message", error.message());
    error.extra().forEach((k, v) -> e.set(k, server.mapper().valueToTree(v)));
    root.set("error", e);
    error.retryAfterIfAny().ifPresent(d -> {
      long seconds = Math.max(1, (d.toMillis() + 999) / 1000);
      exchange.getResponseHeaders().set("Retry-After", String.valueOf(seconds));
      e.put("retryAfterSeconds", seconds);
    });
    if (error.status() == 405 && error.extra().get("allow") instanceof List<?> allow) {
      exchange.getResponseHeaders().set("Allow", String.join(", ", allow.stream().map(String::valueOf).toList()));
    }
    respond(error.status(), root);
  }

  private void send(int code, byte[] bytes) {
    if (status != 0) {
      throw new IllegalStateException("a response was already sent");
    }
    status = code;
    exchange.getResponseHeaders().set("Content-Type", JSON_TYPE);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    try {
      exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (IOException e) {
      // The client went away; nothing more can be told to it.
      server.log().debug("response to {} {} could not be sent: {}", method(), exchange.getRequestURI().getRawPath(),
          e.toString());
    }
  }

  /** Marks the exchange as answered by a stream (the status line is sent by the stream). */
  void streaming(int code) {
    status = code;
  }

  static String abbreviate(String s) {
    if (s == null) {
      return "";
    }
    String clean = s.replaceAll("[\\r\\n\\t]", " ");
    return clean.length() <= 200 ? clean : clean.substring(0, 200) + "…";
  }
}
