package dev.vcg.services.web;

import dev.vcg.InvalidInputException;
import dev.vcg.services.web.internal.Redact;
import java.util.Objects;

/**
 * A URL was refused by the fetch policy before any connection was made to it: a scheme other
 * than http(s), a port that is not allowed, user info, a host name or address that is not public
 * (loopback, private, link-local, cloud metadata, …), an obfuscated numeric host, a redirect that
 * breaks the same rules, a downgrade from https to http or too many redirects.
 *
 * <p>The message and {@link #url()} show the URL without its query, fragment or user info, since
 * signed URLs carry credentials there. Not retryable: the URL must change.
 */
public class UrlRefusedException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private final String url;
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param url the refused URL as given; it is redacted before it is stored
   * @param reason why it was refused, without the URL
   */
  public UrlRefusedException(String url, String reason) {
    this(url, reason, null);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param url the refused URL as given; it is redacted before it is stored
   * @param reason why it was refused, without the URL
   * @param cause the underlying failure, may be null
   */
  public UrlRefusedException(String url, String reason, Throwable cause) {
    super("refused URL " + Redact.url(url) + ": " + Objects.requireNonNull(reason, "reason")
        + "; only public http(s) addresses can be fetched", cause);
    this.url = Redact.url(url);
    this.reason = reason;
  }

  /** @return the refused URL without query, fragment or user info */
  public String url() {
    return url;
  }

  /** @return why the URL was refused */
  public String reason() {
    return reason;
  }
}
