package dev.vcg.services.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.InvalidInputException;
import dev.vcg.services.web.internal.AddressPolicy;
import dev.vcg.services.web.internal.UrlGuard;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SsrfGuardTest {
  private final FetchPolicy policy = FetchPolicy.defaults();

  static Stream<String> refusedBeforeDns() {
    return SsrfPayloads.REFUSED_BEFORE_DNS.stream();
  }

  static Stream<String> refusedAfterDns() {
    return SsrfPayloads.REFUSED_AFTER_DNS.stream();
  }

  @Test
  void theTableHasAtLeastFortyPayloads() {
    assertThat(SsrfPayloads.REFUSED_BEFORE_DNS.size() + SsrfPayloads.REFUSED_AFTER_DNS.size())
        .isGreaterThanOrEqualTo(40);
  }

  @ParameterizedTest
  @MethodSource("refusedBeforeDns")
  void payloadIsRefusedFromItsTextWithoutAnyLookup(String url) {
    SsrfPayloads.RecordingResolver dns = new SsrfPayloads.RecordingResolver();
    assertThatThrownBy(() -> UrlGuard.vet(UrlGuard.check(url, policy), dns, policy))
        .isInstanceOf(UrlRefusedException.class)
        .isInstanceOf(InvalidInputException.class);
    assertThat(dns.lookups).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("refusedAfterDns")
  void nameResolvingToANonPublicAddressIsRefusedAfterOneLookup(String url) throws Exception {
    SsrfPayloads.RecordingResolver dns = new SsrfPayloads.RecordingResolver();
    UrlGuard.Target target = UrlGuard.check(url, policy);
    assertThatThrownBy(() -> UrlGuard.vet(target, dns, policy))
        .isInstanceOf(UrlRefusedException.class)
        .hasMessageContaining("resolves to a non-public address");
    assertThat(dns.lookups).containsExactly(target.host());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://example.com/",
      "https://EXAMPLE.com:443/a/b?q=1",
      "http://example.com./",
      "https://93.184.216.34/",
      "http://[2606:2800:220:1:248:1893:25c8:1946]/",
      "http://[2002:5db8:d822::1]/",
      "http://[64:ff9b::5db8:d822]/",
      "http://[::ffff:93.184.216.34]/",
      "https://sub_domain.example.com/"})
  void publicUrlsPass(String url) throws Exception {
    UrlGuard.Target t = UrlGuard.check(url, policy);
    assertThat(UrlGuard.vet(t, new SsrfPayloads.RecordingResolver(), policy)).isNotEmpty();
  }

  @Test
  void internationalHostsAreConvertedToPunycodeAndPathsToAscii() {
    UrlGuard.Target t = UrlGuard.check("http://b\u00FCcher.de/\u00E4?x=\u00FC#frag", policy);
    assertThat(t.host()).isEqualTo("xn--bcher-kva.de");
    assertThat(t.requestTarget()).isEqualTo("/%C3%A4?x=%C3%BC");
    assertThat(t.hostHeader()).isEqualTo("xn--bcher-kva.de");
    assertThat(t.uri().toString()).isEqualTo("http://xn--bcher-kva.de/%C3%A4?x=%C3%BC");
  }

  @Test
  void hostsAreNormalised() {
    UrlGuard.Target t = UrlGuard.check("HTTPS://WWW.Example.COM.", policy);
    assertThat(t.scheme()).isEqualTo("https");
    assertThat(t.host()).isEqualTo("www.example.com");
    assertThat(t.port()).isEqualTo(443);
    assertThat(t.requestTarget()).isEqualTo("/");
  }

  @Test
  void refusalMessagesCarryNeitherQueryNorUserInfo() {
    assertThatThrownBy(() -> UrlGuard.check(
        "http://169.254.169.254/latest?X-Amz-Signature=SECRET123&token=TOKEN456", policy))
        .isInstanceOf(UrlRefusedException.class)
        .satisfies(e -> {
          assertThat(e.getMessage()).contains("169.254.169.254/latest").contains("link-local")
              .doesNotContain("SECRET123").doesNotContain("TOKEN456");
          assertThat(((UrlRefusedException) e).url()).doesNotContain("SECRET123");
        });
    assertThatThrownBy(() -> UrlGuard.check("http://admin:hunter2@example.com/", policy))
        .hasMessageContaining("user info").hasMessageNotContaining("hunter2");
  }

  @Test
  void redirectsAreCheckedLikeNewUrls() {
    UrlGuard.Target https = UrlGuard.check("https://example.com/a/b", policy);
    assertThat(UrlGuard.checkRedirect(https, "../c?d=1", policy).uri().toString())
        .isEqualTo("https://example.com/c?d=1");
    assertThat(UrlGuard.checkRedirect(https, "//cdn.example.net/x", policy).uri().toString())
        .isEqualTo("https://cdn.example.net/x");
    assertThatThrownBy(() -> UrlGuard.checkRedirect(https, "http://example.com/", policy))
        .isInstanceOf(UrlRefusedException.class).hasMessageContaining("downgrades https to http");
    UrlGuard.Target http = UrlGuard.check("http://example.com/", policy);
    assertThatThrownBy(() -> UrlGuard.checkRedirect(http, "http://169.254.169.254/", policy))
        .isInstanceOf(UrlRefusedException.class).hasMessageContaining("link-local");
    assertThatThrownBy(() -> UrlGuard.checkRedirect(http, "file:///etc/passwd", policy))
        .isInstanceOf(UrlRefusedException.class).hasMessageContaining("scheme");
    assertThatThrownBy(() -> UrlGuard.checkRedirect(http, "http://exa mple.com/", policy))
        .isInstanceOf(UrlRefusedException.class).hasMessageContaining("malformed");
  }

  @Test
  void policyOptionsWidenOnlyWhatTheyName() throws Exception {
    FetchPolicy https = FetchPolicy.builder().requireHttps(true).build();
    assertThatThrownBy(() -> UrlGuard.check("http://example.com/", https))
        .hasMessageContaining("plain http");
    assertThat(UrlGuard.check("https://example.com/", https).port()).isEqualTo(443);

    FetchPolicy port = FetchPolicy.builder().allowPort(8443).build();
    assertThat(UrlGuard.check("https://example.com:8443/", port).hostHeader()).isEqualTo("example.com:8443");
    assertThatThrownBy(() -> UrlGuard.check("https://example.com:8444/", port)).hasMessageContaining("port 8444");

    FetchPolicy loop = FetchPolicy.builder().allowLoopbackForTesting(true).build();
    assertThat(UrlGuard.check("http://127.0.0.1/", loop).literal()).isEqualTo(InetAddress.getByName("127.0.0.1"));
    assertThat(UrlGuard.check("http://[::1]/", loop).hostHeader()).isEqualTo("[::1]");
    for (String stillRefused : List.of("http://localhost/", "http://10.0.0.1/", "http://169.254.169.254/",
        "http://[::ffff:127.0.0.1]:99/", "http://0x7f000001/", "http://[fd00::1]/")) {
      assertThatThrownBy(() -> UrlGuard.check(stillRefused, loop)).as(stillRefused)
          .isInstanceOf(UrlRefusedException.class);
    }
  }

  @Test
  void blockListEdgesAreExact() throws Exception {
    for (String ok : List.of("172.15.255.255", "172.32.0.0", "100.63.255.255", "100.128.0.0",
        "198.17.255.255", "198.20.0.0", "223.255.255.255", "1.1.1.1", "11.0.0.0", "126.255.255.255",
        "128.0.0.0", "169.253.255.255", "169.255.0.0", "192.167.255.255", "192.169.0.0",
        "2000::1", "3fff:ffff::1", "2a00:1450:4001::200e")) {
      assertThat(AddressPolicy.refusal(InetAddress.getByName(ok), false)).as(ok).isEmpty();
    }
    for (String bad : List.of("172.16.0.0", "172.31.255.255", "100.64.0.0", "100.127.255.255",
        "198.18.0.0", "198.19.255.255", "224.0.0.0", "239.255.255.255", "240.0.0.1", "0.1.2.3",
        "127.255.255.255", "10.255.255.255", "192.0.0.8", "192.0.2.1", "192.88.99.1",
        "1fff:ffff::1", "4000::1", "::2", "2001:db8::1", "100::1", "fec0::1", "febf::1")) {
      assertThat(AddressPolicy.refusal(InetAddress.getByName(bad), false)).as(bad).isPresent();
    }
  }

  @Test
  void everyIpv4AddressIsJudgedTheSameInItsEmbeddedIpv6Forms() throws Exception {
    Random random = new Random(20261121L);
    for (int i = 0; i < 5000; i++) {
      byte[] v4 = new byte[4];
      random.nextBytes(v4);
      if (i % 4 == 0) {
        v4[0] = (byte) new int[] {0, 10, 100, 127, 169, 172, 192, 198, 203, 224, 240, 255}[i % 12];
      }
      boolean blocked = AddressPolicy.refusal(InetAddress.getByAddress(v4), false).isPresent();
      assertThat(blocked(embed(new byte[16], 12, v4, false))).as("::%s", str(v4)).isEqualTo(blocked);
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xFF;
      mapped[11] = (byte) 0xFF;
      assertThat(blocked(embed(mapped, 12, v4, false))).as("::ffff:%s", str(v4)).isEqualTo(blocked);
      byte[] nat64 = UrlGuard.parseIpv6("64:ff9b::");
      assertThat(blocked(embed(nat64, 12, v4, false))).as("64:ff9b::%s", str(v4)).isEqualTo(blocked);
      byte[] sixToFour = UrlGuard.parseIpv6("2002::1");
      assertThat(blocked(embed(sixToFour, 2, v4, false))).as("2002:%s::1", str(v4)).isEqualTo(blocked);
      byte[] teredo = UrlGuard.parseIpv6("2001:0:5db8:d822::");
      assertThat(blocked(embed(teredo, 12, v4, true))).as("teredo client %s", str(v4)).isEqualTo(blocked);
    }
  }

  @Test
  void ipv6ParserAcceptsStandardFormsAndRejectsTheRest() throws Exception {
    for (String s : List.of("::", "::1", "1::", "1:2:3:4:5:6:7:8", "1::8", "::ffff:1.2.3.4",
        "fe80::1:2", "2001:db8::192.0.2.33", "64:ff9b::7f00:1")) {
      assertThat(UrlGuard.parseIpv6(s)).as(s).isEqualTo(InetAddressBytes.of(s));
    }
    for (String s : List.of("", ":", ":::", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::1",
        "::ffff:01.2.3.4", "::1.2.3", "1:2:3:4:5:6:7", "\uFF11::1")) {
      assertThat(UrlGuard.parseIpv6(s)).as(s).isNull();
    }
  }

  private static boolean blocked(byte[] v6) throws Exception {
    InetAddress a = Inet6Address.getByAddress(null, v6, -1);
    return AddressPolicy.refusal(a, false).isPresent();
  }

  private static byte[] embed(byte[] base, int offset, byte[] v4, boolean invert) {
    byte[] out = base.clone();
    for (int i = 0; i < 4; i++) {
      out[offset + i] = (byte) (invert ? ~v4[i] : v4[i]);
    }
    return out;
  }

  private static String str(byte[] v4) {
    return (v4[0] & 0xFF) + "." + (v4[1] & 0xFF) + "." + (v4[2] & 0xFF) + "." + (v4[3] & 0xFF);
  }

  /** The JDK's parse, expanded to 16 bytes, as an oracle for our parser. */
  private static final class InetAddressBytes {
    static byte[] of(String s) throws Exception {
      byte[] b = InetAddress.getByName("[" + s + "]").getAddress();
      if (b.length == 16) {
        return b;
      }
      byte[] out = new byte[16];
      out[10] = (byte) 0xFF;
      out[11] = (byte) 0xFF;
      System.arraycopy(b, 0, out, 12, 4);
      return out;
    }
  }
}
