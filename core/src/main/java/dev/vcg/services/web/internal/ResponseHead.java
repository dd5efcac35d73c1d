package dev.vcg.services.web.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The status line and headers of an HTTP/1.x response. Header names are lower case.
 *
 * @param status the status code
 * @param headers the header fields, by lower-case name, values in order
 */
public record ResponseHead(int status, Map<String, List<String>> headers) {
  /** Copies. */
  public ResponseHead {
    headers = Map.copyOf(headers);
  }

  /**
   * @param name a header name, any case
   * @return its first value
   */
  public Optional<String> first(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /**
   * @param name a header name, any case
   * @return all its values
   */
  public List<String> all(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /** @return whether this is a redirect the fetcher follows */
  public boolean isRedirect() {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }
}
