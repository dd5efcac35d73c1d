package dev.vcg.services.web;

import dev.vcg.VcgException;
import dev.vcg.services.web.internal.Redact;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Fetching a URL failed for a network reason: the name did not resolve, no connection, TLS
 * failed, the deadline passed, the server's answer was malformed, or it answered with an error
 * status. The message and {@link #url()} never show the URL's query, fragment or user info.
 */
public class WebFetchException extends VcgException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Reason {
    /** The host name did not resolve. */
    DNS,
    /** No connection could be made to any of the host's addresses. */
    CONNECT,
    /** The TLS handshake or certificate check failed. */
    TLS,
    /** The deadline passed, or the server sent nothing for longer than the read timeout. */
    TIMEOUT,
    /** The answer was not valid HTTP/1.x or broke a framing limit. */
    PROTOCOL,
    /** The server answered with a status other than 2xx (or a redirect without a location). */
    HTTP_STATUS,
    /** The connection broke while reading. */
    IO
  }

  private final String url;
  private final Reason reason;
  private final int status;

  /**
   * Creates the exception.
   *
   * @param url the URL; it is redacted before it is stored
   * @param reason what went wrong
   * @param status the HTTP status for {@link Reason#HTTP_STATUS}, else 0
   * @param message what failed, without the URL
   * @param cause the underlying failure, may be null
   */
  public WebFetchException(String url, Reason reason, int status, String message, Throwable cause) {
    super("fetching " + Redact.url(url) + " failed: " + Objects.requireNonNull(message, "message"), cause);
    this.url = Redact.url(url);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.status = status;
  }

  /** @return the URL without query, fragment or user info */
  public String url() {
    return url;
  }

  /** @return what went wrong */
  public Reason reason() {
    return reason;
  }

  /** @return the HTTP status, when the server answered with an error status */
  public OptionalInt status() {
    return status > 0 ? OptionalInt.of(status) : OptionalInt.empty();
  }

  /**
   * Connection failures, timeouts, broken reads and the statuses 408, 425, 429 and 5xx may pass
   * when tried again later; DNS, TLS and protocol failures and other statuses will not.
   *
   * @return whether trying again later may succeed
   */
  @Override
  public boolean isRetryable() {
    return switch (reason) {
      case CONNECT, TIMEOUT, IO -> true;
      case HTTP_STATUS -> status == 408 || status == 425 || status == 429 || status >= 500;
      default -> false;
    };
  }
}
