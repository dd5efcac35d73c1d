package dev.vcg.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcg.internal.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A read-only view of one HTTP response, given to a {@link ProviderErrorHandler} so it can read
 * the provider's error shape. The body is the complete body as received (up to the client's size
 * limit); it may contain anything the provider sent, so handlers copy only what they need into
 * {@link ErrorDetails}, which the layer then scrubs and trims.
 *
 * <p>Thread-safe; the parsed JSON is computed once on first use.
 */
public final class RawResponse {
  private final String method;
  private final URI uri;
  private final int statusCode;
  private final HttpHeaders headers;
  private final byte[] body;
  private final boolean paidSubmission;
  private volatile Optional<JsonNode> json;

  RawResponse(String method, URI uri, int statusCode, HttpHeaders headers, byte[] body,
              boolean paidSubmission) {
    this.method = Objects.requireNonNull(method, "method");
    this.uri = Objects.requireNonNull(uri, "uri");
    this.statusCode = statusCode;
    this.headers = Objects.requireNonNull(headers, "headers");
    this.body = body == null ? new byte[0] : body;
    this.paidSubmission = paidSubmission;
  }

  /** @return the request method, e.g. {@code POST} */
  public String method() {
    return method;
  }

  /** @return the request URI without query string or fragment */
  public URI uri() {
    return uri;
  }

  /** @return the HTTP status */
  public int statusCode() {
    return statusCode;
  }

  /** @return all response headers */
  public HttpHeaders headers() {
    return headers;
  }

  /**
   * @param name a header name (case-insensitive)
   * @return the first value of that header, if present
   */
  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** @return whether the call was marked as a paid submission */
  public boolean paidSubmission() {
    return paidSubmission;
  }

  /** @return the body decoded as UTF-8 (malformed bytes replaced); empty if there was none */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** @return the body bytes (a copy) */
  public byte[] bodyBytes() {
    return body.clone();
  }

  /** @return the body parsed as JSON, or empty if it is empty or not JSON */
  public Optional<JsonNode> json() {
    Optional<JsonNode> j = json;
    if (j == null) {
      j = parse();
      json = j;
    }
    return j;
  }

  byte[] rawBody() {
    return body;
  }

  private Optional<JsonNode> parse() {
    int i = 0;
    while (i < body.length && Character.isWhitespace(body[i])) {
      i++;
    }
    if (i == body.length || (body[i] != '{' && body[i] != '[')) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(Json.mapper().readTree(body));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "RawResponse[" + method + " " + uri + " -> " + statusCode + ", " + body.length + " bytes]";
  }
}
