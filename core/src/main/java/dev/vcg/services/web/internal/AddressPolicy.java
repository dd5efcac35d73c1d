package dev.vcg.services.web.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Classifies IP addresses: only public unicast addresses may be fetched. Works on the address
 * bytes actually used to connect, never on text, so no spelling of an address can slip through.
 * IPv6 forms that embed an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64 {@code 64:ff9b::/96},
 * 6to4 {@code 2002::/16}, Teredo {@code 2001::/32}) are refused when the embedded address is.
 * Not API.
 */
public final class AddressPolicy {

  private record Range(byte[] prefix, int bits, String reason) {
    boolean contains(byte[] a) {
      if (a.length != prefix.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (a[i] != prefix[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (a[full] & mask) == (prefix[full] & mask);
    }
  }

  private static final List<Range> V4 = List.of(
      v4("0.0.0.0", 8, "'this network' address (0.0.0.0/8)"),
      v4("10.0.0.0", 8, "private address (10.0.0.0/8)"),
      v4("100.64.0.0", 10, "carrier-grade NAT address (100.64.0.0/10), also used for cloud metadata"),
      v4("127.0.0.0", 8, "loopback address (127.0.0.0/8)"),
      v4("169.254.0.0", 16, "link-local address (169.254.0.0/16), where cloud metadata services live"),
      v4("172.16.0.0", 12, "private address (172.16.0.0/12)"),
      v4("192.0.0.0", 24, "IETF protocol address (192.0.0.0/24)"),
      v4("192.0.2.0", 24, "documentation address (192.0.2.0/24)"),
      v4("192.88.99.0", 24, "6to4 relay address (192.88.99.0/24)"),
      v4("192.168.0.0", 16, "private address (192.168.0.0/16)"),
      v4("198.18.0.0", 15, "benchmarking address (198.18.0.0/15)"),
      v4("198.51.100.0", 24, "documentation address (198.51.100.0/24)"),
      v4("203.0.113.0", 24, "documentation address (203.0.113.0/24)"),
      v4("224.0.0.0", 4, "multicast address (224.0.0.0/4)"),
      v4("240.0.0.0", 4, "reserved or broadcast address (240.0.0.0/4)"));

  private static final List<Range> V6 = List.of(
      v6("::", 128, "unspecified address (::)"),
      v6("::1", 128, "loopback address (::1)"),
      v6("64:ff9b:1::", 48, "local-use NAT64 address (64:ff9b:1::/48)"),
      v6("100::", 64, "discard-only address (100::/64)"),
      v6("2001:db8::", 32, "documentation address (2001:db8::/32)"),
      v6("fc00::", 7, "unique local (private) address (fc00::/7)"),
      v6("fe80::", 10, "link-local address (fe80::/10)"),
      v6("fec0::", 10, "site-local address (fec0::/10)"),
      v6("ff00::", 8, "multicast address (ff00::/8)"));

  private static final Range V4_LOOPBACK = V4.get(3);
  private static final Range MAPPED = v6("::ffff:0:0", 96, "IPv4-mapped");
  private static final Range COMPATIBLE = v6("::", 96, "IPv4-compatible");
  private static final Range NAT64 = v6("64:ff9b::", 96, "NAT64");
  private static final Range SIX_TO_FOUR = v6("2002::", 16, "6to4");
  private static final Range TEREDO = v6("2001::", 32, "Teredo");
  private static final Range GLOBAL_UNICAST = v6("2000::", 3, "global unicast");

  private AddressPolicy() {
  }

  /**
   * Why an address must not be fetched.
   *
   * @param address a resolved or literal address
   * @param allowLoopback whether plain loopback ({@code 127.0.0.0/8}, {@code ::1}) is allowed
   * @return the reason it is refused, empty if it is a public address
   */
  public static Optional<String> refusal(InetAddress address, boolean allowLoopback) {
    byte[] a = address.getAddress();
    if (address instanceof Inet4Address) {
      if (allowLoopback && V4_LOOPBACK.contains(a)) {
        return Optional.empty();
      }
      return v4Refusal(a);
    }
    if (!(address instanceof Inet6Address) || a.length != 16) {
      return Optional.of("not an IP address");
    }
    if (allowLoopback && V6.get(1).contains(a)) {
      return Optional.empty();
    }
    for (Range r : V6) {
      if (r.contains(a)) {
        return Optional.of(r.reason());
      }
    }
    if (MAPPED.contains(a) || COMPATIBLE.contains(a)) {
      return embedded(a, 12, false, MAPPED.contains(a) ? "IPv4-mapped" : "IPv4-compatible");
    }
    if (NAT64.contains(a)) {
      return embedded(a, 12, false, "NAT64");
    }
    if (SIX_TO_FOUR.contains(a)) {
      return embedded(a, 2, false, "6to4");
    }
    if (TEREDO.contains(a)) {
      Optional<String> server = embedded(a, 4, false, "Teredo server");
      return server.isPresent() ? server : embedded(a, 12, true, "Teredo client");
    }
    if (!GLOBAL_UNICAST.contains(a)) {
      return Optional.of("IPv6 address outside global unicast space (2000::/3)");
    }
    return Optional.empty();
  }

  private static Optional<String> embedded(byte[] a, int offset, boolean inverted, String form) {
    byte[] v4 = new byte[4];
    for (int i = 0; i < 4; i++) {
      v4[i] = (byte) (inverted ? ~a[offset + i] : a[offset + i]);
    }
    return v4Refusal(v4).map(r -> form + " IPv6 address embedding a " + r);
  }

  private static Optional<String> v4Refusal(byte[] a) {
    for (Range r : V4) {
      if (r.contains(a)) {
        return Optional.of(r.reason());
      }
    }
    return Optional.empty();
  }

  private static Range v4(String literal, int bits, String reason) {
    return new Range(UrlGuard.parseCanonicalIpv4(literal), bits, reason);
  }

  private static Range v6(String literal, int bits, String reason) {
    byte[] b = UrlGuard.parseIpv6(literal);
    if (b == null || b.length != 16) {
      throw new IllegalStateException("bad IPv6 constant " + literal);
    }
    return new Range(b, bits, reason);
  }
}
