package dev.vcg.services.web.internal;

import dev.vcg.services.web.FetchPolicy;
import dev.vcg.services.web.HostResolver;
import dev.vcg.services.web.UrlRefusedException;
import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks untrusted URLs against a {@link FetchPolicy} before anything is resolved or connected:
 * scheme, user info, port, host syntax (IDN to punycode first; percent-encoded, zone-scoped and
 * non-canonical numeric IPv4 hosts refused), host names that are never public, and finally every
 * address the host resolves to. Not API.
 */
public final class UrlGuard {
  /** The longest URL accepted. */
  public static final int MAX_URL_LENGTH = 8192;
  private static final int MAX_HOST_LENGTH = 253;

  /**
   * A URL that passed the syntactic checks.
   *
   * @param uri the normalised URL: punycode host, explicit path, no user info, no fragment
   * @param scheme {@code http} or {@code https}
   * @param host the ASCII host without brackets or trailing dot
   * @param literal the address when the host is an IP literal, else null
   * @param port the port
   * @param requestTarget path and query as sent on the request line (ASCII only)
   * @param hostHeader the {@code Host} header value
   */
  public record Target(URI uri, String scheme, String host, InetAddress literal, int port,
                       String requestTarget, String hostHeader) {
    /** @return whether TLS is used */
    public boolean https() {
      return scheme.equals("https");
    }

    @Override
    public String toString() {
      return Redact.url(uri);
    }
  }

  private UrlGuard() {
  }

  /**
   * Checks a URL's syntax and host name (no DNS).
   *
   * @param url the untrusted URL
   * @param policy the policy
   * @return the checked target
   * @throws UrlRefusedException if the URL breaks the policy
   */
  public static Target check(String url, FetchPolicy policy) {
    if (url == null || url.isBlank()) {
      throw new UrlRefusedException(String.valueOf(url), "the URL is empty");
    }
    if (url.length() > MAX_URL_LENGTH) {
      throw new UrlRefusedException(url, "the URL is longer than " + MAX_URL_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new UrlRefusedException(url, "the URL is malformed (" + Redact.text(e.getReason(), 80) + ")");
    }
    return check(uri, url, policy);
  }

  /**
   * Checks a redirect's target: resolved against the current URL, then checked like a new URL;
   * a move from https to http is refused.
   *
   * @param from the URL that answered with a redirect
   * @param location the {@code Location} header value
   * @param policy the policy
   * @return the checked target
   * @throws UrlRefusedException if the redirect breaks the policy
   */
  public static Target checkRedirect(Target from, String location, FetchPolicy policy) {
    URI next;
    try {
      next = from.uri().resolve(new URI(location.trim()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new UrlRefusedException(location, "the redirect from " + from + " has a malformed Location");
    }
    Target t = check(next, location, policy);
    if (from.https() && !t.https()) {
      throw new UrlRefusedException(next.toString(), "the redirect from " + from
          + " downgrades https to http");
    }
    return t;
  }

  private static Target check(URI uri, String original, FetchPolicy policy) {
    if (!uri.isAbsolute() || uri.isOpaque()) {
      throw new UrlRefusedException(original, "the URL is not an absolute http(s) URL");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new UrlRefusedException(original, "the scheme '" + Redact.text(scheme, 20)
          + "' is not allowed; use http or https");
    }
    if (scheme.equals("http") && policy.requireHttps()) {
      throw new UrlRefusedException(original, "plain http is not allowed by the policy; use https");
    }
    String authority = uri.getRawAuthority();
    if (authority == null || authority.isEmpty()) {
      throw new UrlRefusedException(original, "the URL has no host");
    }
    if (authority.indexOf('@') >= 0) {
      throw new UrlRefusedException(original, "URLs with user info (user@host) are not allowed");
    }
    String hostPart;
    String portPart;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw new UrlRefusedException(original, "the IPv6 host is not closed with ']'");
      }
      hostPart = authority.substring(0, close + 1);
      String rest = authority.substring(close + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        throw new UrlRefusedException(original, "unexpected characters after the IPv6 host");
      }
      portPart = rest.isEmpty() ? "" : rest.substring(1);
    } else {
      int colon = authority.lastIndexOf(':');
      hostPart = colon < 0 ? authority : authority.substring(0, colon);
      portPart = colon < 0 ? "" : authority.substring(colon + 1);
    }
    int defaultPort = scheme.equals("https") ? 443 : 80;
    int port = defaultPort;
    if (!portPart.isEmpty()) {
      if (portPart.length() > 5 || !portPart.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new UrlRefusedException(original, "the port is not a number from 1 to 65535");
      }
      port = Integer.parseInt(portPart);
      if (port < 1 || port > 65535) {
        throw new UrlRefusedException(original, "the port is not a number from 1 to 65535");
      }
    }
    if (!policy.allowedPorts().contains(port)) {
      throw new UrlRefusedException(original, "port " + port + " is not allowed (allowed: "
          + policy.allowedPorts() + ")");
    }

    String host;
    InetAddress literal = null;
    if (hostPart.startsWith("[")) {
      String inner = hostPart.substring(1, hostPart.length() - 1);
      if (inner.indexOf('%') >= 0) {
        throw new UrlRefusedException(original, "IPv6 zone identifiers are not allowed");
      }
      byte[] bytes = parseIpv6(inner);
      if (bytes == null) {
        throw new UrlRefusedException(original, "the IPv6 host is not a valid address");
      }
      literal = address(bytes);
      host = inner.toLowerCase(Locale.ROOT);
    } else {
      host = asciiHost(hostPart, original);
      String[] labels = host.split("\\.", -1);
      String last = labels[labels.length - 1];
      if (looksNumeric(last)) {
        byte[] v4 = parseCanonicalIpv4(host);
        if (v4 == null) {
          throw new UrlRefusedException(original, "the numeric host '" + Redact.text(host, 40)
              + "' is not a canonical dotted-quad IPv4 address");
        }
        literal = address(v4);
      } else {
        nameRefusal(host, labels).ifPresent(reason -> {
          throw new UrlRefusedException(original, reason);
        });
      }
    }
    if (literal != null) {
      AddressPolicy.refusal(literal, policy.allowLoopbackForTesting()).ifPresent(reason -> {
        throw new UrlRefusedException(original, "the host is not a public address: " + reason);
      });
    }

    String uriHost = literal != null && hostPart.startsWith("[") ? "[" + host + "]" : host;
    String portSuffix = port == defaultPort ? "" : ":" + port;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String query = uri.getRawQuery();
    URI normal;
    try {
      URI built = new URI(scheme + "://" + uriHost + portSuffix + path + (query == null ? "" : "?" + query));
      normal = new URI(built.toASCIIString());
    } catch (URISyntaxException e) {
      throw new UrlRefusedException(original, "the URL is malformed (" + Redact.text(e.getReason(), 80) + ")");
    }
    String target = normal.getRawPath() + (normal.getRawQuery() == null ? "" : "?" + normal.getRawQuery());
    if (!target.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new UrlRefusedException(original, "the path contains characters that cannot be sent");
    }
    return new Target(normal, scheme, host, literal, port, target, uriHost + portSuffix);
  }

  /**
   * Resolves the target's host (unless it is a literal) and checks every address.
   *
   * @param target a checked target
   * @param resolver the resolver, called at most once
   * @param policy the policy
   * @return the vetted addresses, in the resolver's order; never empty
   * @throws UrlRefusedException if any address is not public
   * @throws UnknownHostException if the host does not resolve
   */
  public static List<InetAddress> vet(Target target, HostResolver resolver, FetchPolicy policy)
      throws UnknownHostException {
    if (target.literal() != null) {
      return List.of(target.literal());
    }
    List<InetAddress> resolved = resolver.resolve(target.host());
    if (resolved == null || resolved.isEmpty()) {
      throw new UnknownHostException(target.host());
    }
    List<InetAddress> vetted = new ArrayList<>(resolved.size());
    for (InetAddress a : resolved) {
      // Re-create from the bytes so that no host name cached in the object is ever used again.
      InetAddress plain = address(a.getAddress());
      Optional<String> refusal = AddressPolicy.refusal(plain, policy.allowLoopbackForTesting());
      if (refusal.isPresent()) {
        throw new UrlRefusedException(target.uri().toString(), "the host " + target.host()
            + " resolves to a non-public address: " + refusal.get());
      }
      vetted.add(plain);
    }
    return List.copyOf(vetted);
  }

  private static String asciiHost(String raw, String original) {
    if (raw.isEmpty()) {
      throw new UrlRefusedException(original, "the URL has no host");
    }
    if (raw.indexOf('%') >= 0) {
      throw new UrlRefusedException(original, "percent-encoded host names are not allowed");
    }
    String ascii;
    try {
      ascii = IDN.toASCII(raw, 0);
    } catch (IllegalArgumentException e) {
      throw new UrlRefusedException(original, "the host is not a valid internationalised domain name");
    }
    ascii = ascii.toLowerCase(Locale.ROOT);
    if (ascii.endsWith(".")) {
      ascii = ascii.substring(0, ascii.length() - 1);
    }
    if (ascii.isEmpty() || ascii.length() > MAX_HOST_LENGTH) {
      throw new UrlRefusedException(original, "the host must have 1 to " + MAX_HOST_LENGTH + " characters");
    }
    for (String label : ascii.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > 63) {
        throw new UrlRefusedException(original, "the host has an empty or over-long label");
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) {
          throw new UrlRefusedException(original, "the host contains characters not allowed in a domain name");
        }
      }
    }
    return ascii;
  }

  private static Optional<String> nameRefusal(String host, String[] labels) {
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return Optional.of("localhost names are not allowed");
    }
    if (labels.length < 2) {
      return Optional.of("single-label host names (intranet names such as '"
          + Redact.text(host, 40) + "') are not allowed");
    }
    if (host.endsWith(".internal")) {
      return Optional.of("'.internal' names (such as cloud metadata hosts) are not allowed");
    }
    if (host.endsWith(".local")) {
      return Optional.of("'.local' (mDNS) names are not allowed");
    }
    if (host.endsWith(".home.arpa")) {
      return Optional.of("'.home.arpa' (home network) names are not allowed");
    }
    return Optional.empty();
  }

  private static boolean looksNumeric(String label) {
    if (label.isEmpty()) {
      return false;
    }
    if (label.startsWith("0x")) {
      return label.substring(2).chars().allMatch(c -> hexDigit((char) c) >= 0);
    }
    return label.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /**
   * Parses an IPv4 address only in canonical form: four decimal parts 0 to 255 without leading
   * zeros.
   *
   * @param s the text
   * @return the four bytes, or null if not canonical
   */
  public static byte[] parseCanonicalIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')
          || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        return null;
      }
      out[i] = (byte) v;
    }
    return out;
  }

  /**
   * Parses an IPv6 address (RFC 4291 text forms, including {@code ::} and a trailing dotted
   * quad) without any name lookup.
   *
   * @param s the text, without brackets or zone
   * @return the 16 bytes, or null if not a valid address
   */
  public static byte[] parseIpv6(String s) {
    if (s.isEmpty() || s.length() > 45) {
      return null;
    }
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      return null;
    }
    List<Integer> head = new ArrayList<>();
    List<Integer> tail = new ArrayList<>();
    if (dbl >= 0) {
      if (!groups(s.substring(0, dbl), head, false) || !groups(s.substring(dbl + 2), tail, true)) {
        return null;
      }
      if (head.size() + tail.size() > 7) {
        return null;
      }
    } else {
      if (!groups(s, head, true) || head.size() != 8) {
        return null;
      }
    }
    byte[] out = new byte[16];
    for (int i = 0; i < head.size(); i++) {
      out[2 * i] = (byte) (head.get(i) >> 8);
      out[2 * i + 1] = (byte) (int) head.get(i);
    }
    int start = 8 - tail.size();
    for (int i = 0; i < tail.size(); i++) {
      out[2 * (start + i)] = (byte) (tail.get(i) >> 8);
      out[2 * (start + i) + 1] = (byte) (int) tail.get(i);
    }
    return out;
  }

  private static boolean groups(String s, List<Integer> out, boolean allowDottedTail) {
    if (s.isEmpty()) {
      return true;
    }
    String[] parts = s.split(":", -1);
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (allowDottedTail && i == parts.length - 1 && p.indexOf('.') >= 0) {
        byte[] v4 = parseCanonicalIpv4(p);
        if (v4 == null) {
          return false;
        }
        out.add(((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF));
        out.add(((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF));
        continue;
      }
      if (p.isEmpty() || p.length() > 4) {
        return false;
      }
      int v = 0;
      for (int j = 0; j < p.length(); j++) {
        int d = hexDigit(p.charAt(j));
        if (d < 0) {
          return false;
        }
        v = v * 16 + d;
      }
      out.add(v);
    }
    return out.size() <= 8;
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static InetAddress address(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("address of " + bytes.length + " bytes", e);
    }
  }
}
