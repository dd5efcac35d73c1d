package dev.vcg.services.web;

import dev.vcg.InvalidInputException;
import dev.vcg.services.web.internal.Redact;
import java.util.Objects;

/**
 * A URL was fetched but its content is not acceptable: a content type the request does not
 * accept (for example a page that is not HTML), or a body larger than the request allows when
 * the request does not truncate. Not retryable: the same URL gives the same content.
 */
public class ContentRefusedException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private final String url;
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param url the URL whose content was refused; it is redacted before it is stored
   * @param reason why, without the URL
   */
  public ContentRefusedException(String url, String reason) {
    super("refused the content of " + Redact.url(url) + ": " + Objects.requireNonNull(reason, "reason"));
    this.url = Redact.url(url);
    this.reason = reason;
  }

  /** @return the URL without query, fragment or user info */
  public String url() {
    return url;
  }

  /** @return why the content was refused */
  public String reason() {
    return reason;
  }
}
