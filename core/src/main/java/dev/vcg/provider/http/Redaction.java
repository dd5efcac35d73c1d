package dev.vcg.provider.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Makes URLs, headers and bodies safe to log or to put in an exception. */
final class Redaction {
  /** Headers whose values are never shown (lower case). */
  static final Set<String> SENSITIVE_HEADERS = Set.of("authorization", "proxy-authorization", "api-key",
      "x-api-key", "x-goog-api-key", "x-amz-security-token", "cookie", "set-cookie");
  static final int MAX_LOGGED_BODY = 4096;
  static final String REDACTED = "[redacted]";

  private Redaction() {
  }

  /** Scheme, host, port and path only: no user info, query or fragment (they may carry signatures). */
  static String url(URI uri) {
    StringBuilder sb = new StringBuilder();
    if (uri.getScheme() != null) {
      sb.append(uri.getScheme()).append("://");
    }
    if (uri.getHost() != null) {
      sb.append(uri.getHost());
      if (uri.getPort() >= 0) {
        sb.append(':').append(uri.getPort());
      }
    }
    String path = uri.getRawPath();
    sb.append(path == null || path.isEmpty() ? "/" : path);
    return escape(sb.toString());
  }

  static URI withoutQuery(URI uri) {
    try {
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
    } catch (Exception e) {
      return URI.create(url(uri));
    }
  }

  static boolean isSensitiveHeader(String name, String authHeader) {
    String n = name.toLowerCase(Locale.ROOT);
    return SENSITIVE_HEADERS.contains(n) || (authHeader != null && authHeader.equalsIgnoreCase(n));
  }

  static String headers(Map<String, List<String>> headers, String authHeader) {
    StringBuilder sb = new StringBuilder("{");
    headers.forEach((name, values) -> {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(name).append(": ");
      sb.append(isSensitiveHeader(name, authHeader) ? REDACTED : String.join(",", values));
    });
    return escape(sb.append('}').toString());
  }

  /** Replaces every occurrence of the secret, escapes control characters, truncates. */
  static String text(String s, String secret, int max) {
    if (s == null) {
      return null;
    }
    String out = scrub(s, secret);
    if (out.length() > max) {
      out = out.substring(0, max) + "…(" + (out.length() - max) + " more chars)";
    }
    return escape(out);
  }

  static String scrub(String s, String secret) {
    if (s == null || secret == null || secret.isEmpty()) {
      return s;
    }
    return s.replace(secret, REDACTED);
  }

  /** Escapes CR, LF and other control characters so one log call stays one line. */
  static String escape(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep = null;
      if (c == '\r') {
        rep = "\\r";
      } else if (c == '\n') {
        rep = "\\n";
      } else if (Character.isISOControl(c) && c != '\t') {
        rep = String.format("\\u%04x", (int) c);
      }
      if (rep != null && sb == null) {
        sb = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (sb != null) {
        if (rep != null) {
          sb.append(rep);
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? s : sb.toString();
  }
}
