package dev.vcg.services.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** SSRF bypass payloads and a fake DNS that resolves some names to non-public addresses. */
final class SsrfPayloads {
  /** A public address (example.com's) that fake DNS returns for names it does not know. */
  static final String PUBLIC = "93.184.216.34";

  /** Names resolved by {@link RecordingResolver} to addresses that must be refused. */
  static final Map<String, List<String>> DNS = Map.of(
      "rebind.example.com", List.of(PUBLIC, "127.0.0.1"),
      "private.example.com", List.of("10.0.0.5"),
      "metadata.example.com", List.of("169.254.169.254"),
      "alibaba-metadata.example.com", List.of("100.100.100.200"),
      "ula.example.com", List.of("fd00:ec2::254"),
      "nat64.example.com", List.of("64:ff9b::a9fe:a9fe"),
      "mapped.example.com", List.of("::ffff:10.1.2.3"),
      "localtest.me", List.of("127.0.0.1"),
      "v6loop.example.com", List.of(PUBLIC, "::1"));

  /** Payloads refused from their text alone, before any name is resolved. */
  static final List<String> REFUSED_BEFORE_DNS = List.of(
      // §4.3 encodings of 127.0.0.1 and friends
      "http://127.0.0.1/",
      "http://2130706433/",
      "http://0x7f000001/",
      "http://017700000001/",
      "http://0177.0.0.1/",
      "http://0x7f.0.0.1/",
      "http://127.000.000.001/",
      "http://127.1/",
      "http://127.0.1/",
      "http://0/",
      "http://0.0.0.0/",
      "http://3232235521/",
      "http://0251.0376.0251.0376/latest/meta-data/",
      "http://127.0.0.1./",
      // IPv6 forms, mapped / compatible / NAT64 / 6to4 / Teredo
      "http://[::1]/",
      "http://[0:0:0:0:0:0:0:1]/",
      "http://[::]/",
      "http://[::ffff:127.0.0.1]/",
      "http://[::ffff:7f00:1]/",
      "http://[0:0:0:0:0:ffff:169.254.169.254]/",
      "http://[::ffff:a9fe:a9fe]/",
      "http://[::127.0.0.1]/",
      "http://[64:ff9b::7f00:1]/",
      "http://[64:ff9b::a9fe:a9fe]/",
      "http://[64:ff9b::10.0.0.1]/",
      "http://[64:ff9b:1::1]/",
      "http://[2002:7f00:1::]/",
      "http://[2002:a9fe:a9fe::1]/",
      "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",
      "http://[2001:0:a9fe:a9fe:8000:63bf:3fff:fdd2]/",
      "http://[fe80::1]/",
      "http://[fc00::1]/",
      "http://[fd00:ec2::254]/latest/meta-data/",
      "http://[ff02::1]/",
      "http://[::ffff:0:7f00:1]/",
      "http://[::ffff:127.0.0.1%25eth0]/",
      // cloud metadata and private ranges
      "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
      "http://100.100.100.200/latest/meta-data/",
      "http://10.0.0.1/",
      "http://172.16.0.1/",
      "http://192.168.1.1/admin",
      "http://100.64.0.1/",
      "http://198.18.0.1/",
      "http://224.0.0.1/",
      "http://255.255.255.255/",
      // names that are never public
      "http://localhost/",
      "http://localhost./",
      "http://LOCALHOST/",
      "http://LocalHost.:80/",
      "http://app.localhost/",
      "http://metadata.google.internal/computeMetadata/v1/",
      "http://metadata.google.internal./computeMetadata/v1/",
      "http://metadata/computeMetadata/v1/",
      "http://printer.local/",
      "http://router.home.arpa/",
      "http://intranet/",
      // user info and parser differentials
      "http://evil@127.0.0.1/",
      "http://user:pass@example.com/",
      "http://example.com@127.0.0.1/",
      "http://127.0.0.1#@good.com/",
      "http://127.0.0.1\\@good.com/",
      "http://%31%32%37.0.0.1/",
      "http://%6c%6f%63%61%6c%68%6f%73%74/",
      "http://\uFF11\uFF12\uFF17.\uFF10.\uFF10.\uFF11/",
      "http://\uFF4C\uFF4F\uFF43\uFF41\uFF4C\uFF48\uFF4F\uFF53\uFF54/",
      "http://127\u30020\u30020\u30021/",
      "http://a..example.com/",
      "http://" + "a".repeat(250) + ".com/",
      // schemes and ports
      "ftp://example.com/file",
      "file:///etc/passwd",
      "gopher://127.0.0.1:6379/_INFO",
      "jar:http://example.com/x.jar!/",
      "dict://example.com:11211/",
      "http://example.com:8080/",
      "https://example.com:22/",
      "http://example.com:0/",
      "http://example.com:99999/",
      "//example.com/",
      "/relative/path",
      "");

  /** Payloads whose names resolve (through fake DNS) to an address that must be refused. */
  static final List<String> REFUSED_AFTER_DNS = List.of(
      "http://rebind.example.com/",
      "http://private.example.com/",
      "http://metadata.example.com/latest/meta-data/",
      "http://alibaba-metadata.example.com/",
      "https://ula.example.com/",
      "http://nat64.example.com/",
      "http://mapped.example.com/",
      "http://localtest.me/",
      "http://v6loop.example.com/");

  private SsrfPayloads() {
  }

  /** A fake DNS that records every name it is asked for. */
  static final class RecordingResolver implements HostResolver {
    final List<String> lookups = Collections.synchronizedList(new ArrayList<>());

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
      lookups.add(host);
      List<InetAddress> out = new ArrayList<>();
      for (String a : DNS.getOrDefault(host, List.of(PUBLIC))) {
        out.add(InetAddress.getByName(a));
      }
      return out;
    }
  }
}
