package dev.vcg.provider.http;

import java.net.http.HttpHeaders;
import java.util.Objects;
import java.util.Optional;

/**
 * A successful (2xx) response with its body read as JSON, for callers that need the status or
 * headers as well as the body (e.g. a rate-limit header, or 200 versus 202).
 *
 * <p>Immutable (the body is whatever the caller's type makes it) and thread-safe.
 *
 * @param <T> the body type
 */
public final class JsonResponse<T> {
  private final int statusCode;
  private final HttpHeaders headers;
  private final String requestId;
  private final T body;
  private final int attempts;

  JsonResponse(int statusCode, HttpHeaders headers, String requestId, T body, int attempts) {
    this.statusCode = statusCode;
    this.headers = Objects.requireNonNull(headers, "headers");
    this.requestId = requestId;
    this.body = body;
    this.attempts = attempts;
  }

  /** @return the HTTP status (200..299) */
  public int statusCode() {
    return statusCode;
  }

  /** @return the response headers */
  public HttpHeaders headers() {
    return headers;
  }

  /**
   * @param name header name (case-insensitive)
   * @return its first value, if present
   */
  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** @return the provider's request id from the response headers, if it sent one */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** @return the body; null only when the requested type was {@link Void} */
  public T body() {
    return body;
  }

  /** @return how many attempts the call took (1 when it succeeded at once) */
  public int attempts() {
    return attempts;
  }

  @Override
  public String toString() {
    return "JsonResponse[status=" + statusCode + (requestId == null ? "" : ", requestId=" + requestId)
        + ", attempts=" + attempts + "]";
  }
}
