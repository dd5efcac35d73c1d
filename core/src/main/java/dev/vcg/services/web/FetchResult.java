package dev.vcg.services.web;

import dev.vcg.services.web.internal.Redact;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A fetched body held in memory, with what is known about it. Immutable.
 */
public final class FetchResult {
  private final URI url;
  private final int status;
  private final String mediaType;
  private final String charset;
  private final byte[] body;
  private final boolean truncated;
  private final int redirects;
  private final List<String> warnings;

  FetchResult(URI url, int status, String mediaType, String charset, byte[] body, boolean truncated,
              int redirects, List<String> warnings) {
    this.url = url;
    this.status = status;
    this.mediaType = mediaType;
    this.charset = charset;
    this.body = body;
    this.truncated = truncated;
    this.redirects = redirects;
    this.warnings = List.copyOf(warnings);
  }

  /** @return the final URL, after redirects (print it with care: it may carry a signed query) */
  public URI url() {
    return url;
  }

  /** @return the HTTP status (2xx) */
  public int status() {
    return status;
  }

  /** @return the declared media type, lower case without parameters; empty if none was sent */
  public String mediaType() {
    return mediaType;
  }

  /** @return the declared charset, if any */
  public Optional<String> charset() {
    return Optional.ofNullable(charset);
  }

  /** @return a copy of the body (after decompression) */
  public byte[] body() {
    return body.clone();
  }

  /** @return the body's length in bytes */
  public int size() {
    return body.length;
  }

  /** @return the body decoded with the declared charset, or UTF-8 */
  public String text() {
    Charset cs = StandardCharsets.UTF_8;
    if (charset != null) {
      try {
        cs = Charset.forName(charset);
      } catch (IllegalArgumentException ignored) {
        // unknown or malformed charset names fall back to UTF-8
      }
    }
    return new String(body, cs);
  }

  /** @return whether the body was cut at the request's limit */
  public boolean truncated() {
    return truncated;
  }

  /** @return how many redirects were followed */
  public int redirects() {
    return redirects;
  }

  /** @return what the caller should know, e.g. that the body was truncated */
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    return "FetchResult[" + Redact.url(url) + ", " + status + ", " + mediaType + ", " + body.length + " bytes"
        + (truncated ? ", truncated" : "") + "]";
  }
}
