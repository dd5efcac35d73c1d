package dev.vcg.services.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GuardedFetcherTest {
  private static final int MB = 1024 * 1024;
  private final List<AutoCloseable> closing = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void close() throws Exception {
    release.countDown();
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private ScriptedServer server(ScriptedServer.Handler handler) throws IOException {
    ScriptedServer s = new ScriptedServer(handler);
    closing.add(s);
    return s;
  }

  private static FetchPolicy.Builder local(int... ports) {
    FetchPolicy.Builder b = FetchPolicy.builder().allowLoopbackForTesting(true);
    for (int p : ports) {
      b.allowPort(p);
    }
    return b;
  }

  private static GuardedFetcher fetcher(FetchPolicy policy) {
    return GuardedFetcher.builder().policy(policy).build();
  }

  private static FetchRequest page(String url) {
    return FetchRequest.builder(url).acceptedTypes("text/html", "application/xhtml+xml")
        .maxBytes(2L * MB).truncateAtLimit(true).build();
  }

  static Stream<String> allPayloads() {
    return Stream.concat(SsrfPayloads.REFUSED_BEFORE_DNS.stream(), SsrfPayloads.REFUSED_AFTER_DNS.stream());
  }

  @ParameterizedTest
  @MethodSource("allPayloads")
  void ssrfPayloadIsRefusedWithNoConnectionMade(String url) {
    RecordingSockets sockets = new RecordingSockets();
    SsrfPayloads.RecordingResolver dns = new SsrfPayloads.RecordingResolver();
    GuardedFetcher f = GuardedFetcher.builder().resolver(dns).socketFactory(sockets).build();
    assertThatThrownBy(() -> f.fetch(page(url))).isInstanceOf(UrlRefusedException.class);
    assertThat(sockets.connects).isEmpty();
  }

  @Test
  void dnsRebindingCannotMoveTheConnectionOffTheVettedAddress() throws Exception {
    ScriptedServer s = server((r, out) -> ScriptedServer.respond(out, 200, "text/html", "<p>public</p>".getBytes()));
    AtomicInteger calls = new AtomicInteger();
    // Attacker DNS: public on the first answer, loopback on every later one.
    HostResolver rebinding = host -> List.of(InetAddress.getByName(
        calls.getAndIncrement() == 0 ? SsrfPayloads.PUBLIC : "127.0.0.1"));
    RecordingSockets sockets = new RecordingSockets().route(SsrfPayloads.PUBLIC, s.port());
    GuardedFetcher f = GuardedFetcher.builder().resolver(rebinding).socketFactory(sockets).build();

    FetchResult r = f.fetch(page("http://rebind.attacker.example/"));

    assertThat(r.text()).isEqualTo("<p>public</p>");
    assertThat(calls).hasValue(1);
    assertThat(sockets.connects).containsExactly(new InetSocketAddress(SsrfPayloads.PUBLIC, 80));
    assertThat(s.requests).singleElement().satisfies(req ->
        assertThat(req.headers()).containsEntry("host", "rebind.attacker.example"));
  }

  @Test
  void aRedirectBackToTheSameNameIsResolvedAgainAndRefusedWhenItRebindsToLoopback() throws Exception {
    ScriptedServer s = server((r, out) -> ScriptedServer.redirect(out, 302, "/next"));
    AtomicInteger calls = new AtomicInteger();
    HostResolver rebinding = host -> List.of(InetAddress.getByName(
        calls.getAndIncrement() == 0 ? SsrfPayloads.PUBLIC : "127.0.0.1"));
    RecordingSockets sockets = new RecordingSockets().route(SsrfPayloads.PUBLIC, s.port());
    GuardedFetcher f = GuardedFetcher.builder().resolver(rebinding).socketFactory(sockets).build();

    assertThatThrownBy(() -> f.fetch(page("http://rebind.attacker.example/")))
        .isInstanceOf(UrlRefusedException.class).hasMessageContaining("loopback");
    assertThat(calls).hasValue(2);
    assertThat(sockets.connects).hasSize(1);
  }

  @Test
  void aMixedAnswerIsRefusedEvenWhenThePublicAddressComesFirst() {
    RecordingSockets sockets = new RecordingSockets();
    HostResolver mixed = host -> List.of(InetAddress.getByName(SsrfPayloads.PUBLIC), InetAddress.getByName("10.1.1.1"));
    GuardedFetcher f = GuardedFetcher.builder().resolver(mixed).socketFactory(sockets).build();
    assertThatThrownBy(() -> f.fetch(page("https://mixed.example.com/")))
        .isInstanceOf(UrlRefusedException.class).hasMessageContaining("10.0.0.0/8");
    assertThat(sockets.connects).isEmpty();
  }

  @Test
  void theNextVettedAddressIsTriedWhenTheFirstDoesNotAnswer() throws Exception {
    ScriptedServer s = server((r, out) -> ScriptedServer.respond(out, 200, "text/html", "ok".getBytes()));
    int closedPort;
    try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = ss.getLocalPort();
    }
    RecordingSockets sockets = new RecordingSockets().route("93.184.216.1", closedPort).route("93.184.216.2", s.port());
    HostResolver two = host -> List.of(InetAddress.getByName("93.184.216.1"), InetAddress.getByName("93.184.216.2"));
    GuardedFetcher f = GuardedFetcher.builder().resolver(two).socketFactory(sockets).build();

    assertThat(f.fetch(page("http://two.example.com/")).text()).isEqualTo("ok");
    assertThat(sockets.connects).extracting(a -> a.getAddress().getHostAddress())
        .containsExactly("93.184.216.1", "93.184.216.2");
  }

  @Test
  void aRedirectToCloudMetadataIsRefusedBeforeConnecting() throws Exception {
    ScriptedServer s = server((r, out) -> ScriptedServer.redirect(out, 301, "http://169.254.169.254/latest/meta-data/"));
    RecordingSockets sockets = new RecordingSockets().passLoopback();
    GuardedFetcher f = GuardedFetcher.builder().policy(local(s.port()).build()).socketFactory(sockets).build();

    assertThatThrownBy(() -> f.fetch(page(s.url("/start"))))
        .isInstanceOf(UrlRefusedException.class).hasMessageContaining("169.254.169.254").hasMessageContaining("link-local");
    assertThat(sockets.connects).hasSize(1).allSatisfy(a -> assertThat(a.getPort()).isEqualTo(s.port()));
  }

  @Test
  void fiveRedirectsAreFollowedAndTheSixthIsRefused() throws Exception {
    ScriptedServer s = server((r, out) -> {
      int n = Integer.parseInt(r.path().substring(3));
      if (n == 0) {
        ScriptedServer.respond(out, 200, "text/html", "end".getBytes());
      } else {
        ScriptedServer.redirect(out, n % 2 == 0 ? 307 : 302, "/r/" + (n - 1));
      }
    });
    GuardedFetcher f = fetcher(local(s.port()).build());

    FetchResult five = f.fetch(page(s.url("/r/5")));
    assertThat(five.text()).isEqualTo("end");
    assertThat(five.redirects()).isEqualTo(5);
    assertThat(five.url().getPath()).isEqualTo("/r/0");

    int before = s.requests.size();
    assertThatThrownBy(() -> f.fetch(page(s.url("/r/6"))))
        .isInstanceOf(UrlRefusedException.class).hasMessageContaining("more than 5 redirects");
    assertThat(s.requests.size() - before).isEqualTo(6);

    GuardedFetcher none = fetcher(local(s.port()).maxRedirects(0).build());
    assertThatThrownBy(() -> none.fetch(page(s.url("/r/1")))).hasMessageContaining("more than 0 redirects");
  }

  @Test
  void theRequestCarriesTheOriginalHostAndNoCredentials() throws Exception {
    ScriptedServer s = server((r, out) -> ScriptedServer.respond(out, 200, "text/html; charset=utf-8", "é".getBytes(StandardCharsets.UTF_8)));
    GuardedFetcher f = fetcher(local(s.port()).userAgent("vcg-test/1").build());

    FetchResult r = f.fetch(page(s.url("/a%20b/c?x=1&y=%C3%A9#frag")));

    assertThat(r.text()).isEqualTo("é");
    assertThat(r.charset()).contains("utf-8");
    assertThat(r.mediaType()).isEqualTo("text/html");
    ScriptedServer.Request req = s.requests.get(0);
    assertThat(req.line()).isEqualTo("GET /a%20b/c?x=1&y=%C3%A9 HTTP/1.1");
    assertThat(req.headers()).containsEntry("host", "127.0.0.1:" + s.port())
        .containsEntry("user-agent", "vcg-test/1")
        .containsEntry("accept", "text/html, application/xhtml+xml")
        .containsEntry("accept-encoding", "gzip, deflate")
        .containsEntry("connection", "close")
        .doesNotContainKeys("authorization", "cookie", "proxy-authorization");
  }

  @Test
  void aThreeMegabytePageStopsAtTheCapAndSaysSo() {
    WireMockServer wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    closing.add(wm::stop);
    byte[] big = new byte[3 * MB];
    Arrays.fill(big, (byte) 'a');
    wm.stubFor(get(urlEqualTo("/big")).willReturn(aResponse().withHeader("Content-Type", "text/html").withBody(big)));
    GuardedFetcher f = fetcher(local(wm.port()).build());

    FetchResult r = f.fetch(page("http://127.0.0.1:" + wm.port() + "/big"));

    assertThat(r.truncated()).isTrue();
    assertThat(r.size()).isEqualTo(2 * MB);
    assertThat(r.warnings()).singleElement().asString().contains("cut at 2097152 bytes");
    wm.verify(1, getRequestedFor(urlEqualTo("/big")));

    FetchRequest strict = FetchRequest.builder("http://127.0.0.1:" + wm.port() + "/big").maxBytes(2L * MB).build();
    assertThatThrownBy(() -> f.fetch(strict)).isInstanceOf(ContentRefusedException.class)
        .hasMessageContaining("larger than the limit of 2097152 bytes");
  }

  @Test
  void aGzipBombStopsAtTheCapCountedAfterInflation() throws Exception {
    byte[] bomb = gzip(new byte[100 * MB]);
    assertThat(bomb.length).isLessThan(200 * 1024);
    ScriptedServer s = server((r, out) -> {
      ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
          + "Content-Length: " + bomb.length + "\r\n\r\n");
      out.write(bomb);
    });
    GuardedFetcher f = fetcher(local(s.port()).build());

    FetchResult r = f.fetch(page(s.url("/bomb")));
    assertThat(r.truncated()).isTrue();
    assertThat(r.size()).isEqualTo(2 * MB);

    FetchRequest strict = FetchRequest.builder(s.url("/bomb")).maxBytes(2L * MB).build();
    assertThatThrownBy(() -> f.fetch(strict)).isInstanceOf(ContentRefusedException.class);
  }

  @Test
  void aGzipHeaderStuffedWithAnEndlessCommentStopsAtTheEncodedByteLimit() throws Exception {
    ScriptedServer s = server((r, out) -> {
      ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n");
      out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0x10, 0, 0, 0, 0, 0, (byte) 0xff});
      byte[] comment = new byte[64 * 1024];
      Arrays.fill(comment, (byte) 'c');
      for (int i = 0; i < 200; i++) {
        out.write(comment);
      }
    });
    GuardedFetcher f = fetcher(local(s.port()).build());
    FetchRequest small = FetchRequest.builder(s.url("/")).maxBytes(100_000).truncateAtLimit(true).build();

    assertThatThrownBy(() -> f.fetch(small)).isInstanceOf(ContentRefusedException.class)
        .hasMessageContaining("compressed body");
  }

  @Test
  void chunkedGzipAndBothDeflateFormsAreDecoded() throws Exception {
    byte[] text = "<html>hello hello hello</html>".repeat(100).getBytes(StandardCharsets.UTF_8);
    ScriptedServer s = server((r, out) -> {
      switch (r.path()) {
        case "/chunked-gzip" -> {
          byte[] gz = gzip(text);
          ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
              + "Content-Encoding: gzip\r\n\r\n");
          int half = gz.length / 2;
          ScriptedServer.write(out, Integer.toHexString(half) + ";ext=1\r\n");
          out.write(gz, 0, half);
          ScriptedServer.write(out, "\r\n" + Integer.toHexString(gz.length - half) + "\r\n");
          out.write(gz, half, gz.length - half);
          ScriptedServer.write(out, "\r\n0\r\nX-Trailer: y\r\n\r\n");
        }
        case "/zlib" -> respondEncoded(out, "deflate", deflate(text, false));
        case "/raw-deflate" -> respondEncoded(out, "deflate", deflate(text, true));
        default -> ScriptedServer.respond(out, 404, "text/plain", new byte[0]);
      }
    });
    GuardedFetcher f = fetcher(local(s.port()).build());
    for (String path : List.of("/chunked-gzip", "/zlib", "/raw-deflate")) {
      FetchResult r = f.fetch(page(s.url(path)));
      assertThat(r.body()).as(path).isEqualTo(text);
      assertThat(r.truncated()).isFalse();
      assertThat(r.warnings()).isEmpty();
    }
  }

  @Test
  void aServerThatSendsHeadersThenStallsHitsTheDeadline() throws Exception {
    ScriptedServer s = server((r, out) -> {
      ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n<html>");
      out.flush();
      stall();
    });
    GuardedFetcher f = fetcher(local(s.port()).deadline(Duration.ofMillis(300)).readTimeout(Duration.ofSeconds(20)).build());

    assertThatThrownBy(() -> f.fetch(page(s.url("/stall"))))
        .isInstanceOf(WebFetchException.class)
        .hasMessageContaining("deadline of 300 ms")
        .satisfies(e -> {
          assertThat(((WebFetchException) e).reason()).isEqualTo(WebFetchException.Reason.TIMEOUT);
          assertThat(((WebFetchException) e).isRetryable()).isTrue();
        });
  }

  @Test
  void aTricklingBodyCannotStretchTheDeadline() throws Exception {
    ScriptedServer s = server((r, out) -> {
      ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n");
      for (int i = 0; i < 10_000; i++) {
        out.write('x');
        out.flush();
        Thread.sleep(20);
      }
    });
    GuardedFetcher f = fetcher(local(s.port()).deadline(Duration.ofMillis(400)).readTimeout(Duration.ofSeconds(5)).build());

    assertThatThrownBy(() -> f.fetch(page(s.url("/trickle"))))
        .isInstanceOf(WebFetchException.class).hasMessageContaining("deadline of 400 ms");
  }

  @Test
  void aSilentServerHitsTheReadTimeout() throws Exception {
    ScriptedServer s = server((r, out) -> stall());
    GuardedFetcher f = fetcher(local(s.port()).readTimeout(Duration.ofMillis(200)).build());

    assertThatThrownBy(() -> f.fetch(page(s.url("/silent"))))
        .isInstanceOf(WebFetchException.class).hasMessageContaining("sent nothing for 200 ms");
  }

  @Test
  void aPerRequestDeadlineOverridesThePolicy() throws Exception {
    ScriptedServer s = server((r, out) -> stall());
    GuardedFetcher f = fetcher(local(s.port()).build());
    FetchRequest quick = FetchRequest.builder(s.url("/")).deadline(Duration.ofMillis(250)).build();
    assertThatThrownBy(() -> f.fetch(quick)).hasMessageContaining("deadline of 250 ms");
  }

  @Test
  void aWrongContentTypeIsRefused() throws Exception {
    ScriptedServer s = server((r, out) -> ScriptedServer.respond(out, 200, "application/json", "{}".getBytes()));
    GuardedFetcher f = fetcher(local(s.port()).build());
    assertThatThrownBy(() -> f.fetch(page(s.url("/api"))))
        .isInstanceOf(ContentRefusedException.class)
        .hasMessageContaining("'application/json' is not one of");
    ScriptedServer none = server((r, out) -> ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"));
    GuardedFetcher g = fetcher(local(none.port()).build());
    assertThatThrownBy(() -> g.fetch(page(none.url("/")))).isInstanceOf(ContentRefusedException.class);
    assertThat(g.fetch(FetchRequest.builder(none.url("/")).build()).text()).isEqualTo("hi");
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsRead() throws Exception {
    ScriptedServer s = server((r, out) -> {
      ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 600000000\r\n\r\n");
      out.flush();
      stall();
    });
    GuardedFetcher f = fetcher(local(s.port()).deadline(Duration.ofSeconds(20)).build());
    FetchRequest img = FetchRequest.builder(s.url("/huge.png")).acceptedTypes("image/*").maxBytes(25L * MB).build();
    assertThatThrownBy(() -> f.fetch(img)).isInstanceOf(ContentRefusedException.class)
        .hasMessageContaining("declares 600000000 bytes");
  }

  @Test
  void errorStatusesAreTypedAndSayWhetherToRetry() throws Exception {
    ScriptedServer s = server((r, out) -> ScriptedServer.respond(out, Integer.parseInt(r.path().substring(1)), "text/html", "no".getBytes()));
    GuardedFetcher f = fetcher(local(s.port()).build());
    assertThatThrownBy(() -> f.fetch(page(s.url("/404")))).isInstanceOfSatisfying(WebFetchException.class, e -> {
      assertThat(e.status()).hasValue(404);
      assertThat(e.reason()).isEqualTo(WebFetchException.Reason.HTTP_STATUS);
      assertThat(e.isRetryable()).isFalse();
    });
    assertThatThrownBy(() -> f.fetch(page(s.url("/503")))).isInstanceOfSatisfying(WebFetchException.class,
        e -> assertThat(e.isRetryable()).isTrue());
    assertThatThrownBy(() -> f.fetch(page(s.url("/429")))).isInstanceOfSatisfying(WebFetchException.class,
        e -> assertThat(e.isRetryable()).isTrue());
  }

  @Test
  void brokenAnswersAreTypedFailures() throws Exception {
    ScriptedServer s = server((r, out) -> {
      switch (r.path()) {
        case "/short" -> ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\nonly this");
        case "/garbage" -> ScriptedServer.write(out, "SSH-2.0-OpenSSH_9.6\r\n\r\n");
        case "/bad-chunk" -> ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
        case "/two-lengths" -> ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd");
        case "/brotli" -> ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\nContent-Length: 1\r\n\r\nx");
        default -> { }
      }
    });
    GuardedFetcher f = fetcher(local(s.port()).build());
    assertReason(f, s.url("/short"), WebFetchException.Reason.IO);
    assertReason(f, s.url("/garbage"), WebFetchException.Reason.PROTOCOL);
    assertReason(f, s.url("/bad-chunk"), WebFetchException.Reason.PROTOCOL);
    assertReason(f, s.url("/two-lengths"), WebFetchException.Reason.PROTOCOL);
    assertReason(f, s.url("/brotli"), WebFetchException.Reason.PROTOCOL);
  }

  @Test
  void aClosedPortIsARetryableConnectFailure() throws Exception {
    int port;
    try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = ss.getLocalPort();
    }
    GuardedFetcher f = fetcher(local(port).build());
    assertThatThrownBy(() -> f.fetch(page("http://127.0.0.1:" + port + "/"))).isInstanceOfSatisfying(WebFetchException.class, e -> {
      assertThat(e.reason()).isEqualTo(WebFetchException.Reason.CONNECT);
      assertThat(e.isRetryable()).isTrue();
    });
  }

  @Test
  void anUnresolvableNameIsADnsFailureWithoutTheQueryInTheMessage() {
    RecordingSockets sockets = new RecordingSockets();
    GuardedFetcher f = GuardedFetcher.builder().socketFactory(sockets)
        .resolver(host -> {
          throw new java.net.UnknownHostException(host);
        }).build();
    assertThatThrownBy(() -> f.fetch(page("https://nowhere.example.com/p?sig=SECRET999")))
        .isInstanceOfSatisfying(WebFetchException.class, e -> {
          assertThat(e.reason()).isEqualTo(WebFetchException.Reason.DNS);
          assertThat(e.getMessage()).contains("nowhere.example.com").doesNotContain("SECRET999");
        });
    assertThat(sockets.connects).isEmpty();
  }

  @Test
  void aStreamedBodyGoesToTheSinkAndTheSinkMayAbort() throws Exception {
    byte[] data = new byte[300_000];
    new java.util.Random(1).nextBytes(data);
    ScriptedServer s = server((r, out) -> ScriptedServer.respond(out, 200, "application/octet-stream", data));
    GuardedFetcher f = fetcher(local(s.port()).build());
    FetchRequest req = FetchRequest.builder(s.url("/blob")).maxBytes(MB).build();

    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (FetchResponse r = f.open(req)) {
      assertThat(r.declaredLength()).hasValue(data.length);
      assertThat(r.mediaType()).isEqualTo("application/octet-stream");
      assertThat(r.transferTo(sink)).isEqualTo(data.length);
    }
    assertThat(sink.toByteArray()).isEqualTo(data);

    List<Integer> written = Collections.synchronizedList(new ArrayList<>());
    OutputStream aborting = new OutputStream() {
      @Override
      public void write(int b) {
        throw new IllegalStateException("no");
      }

      @Override
      public void write(byte[] b, int off, int len) {
        written.add(len);
        throw new dev.vcg.InvalidInputException("the sink refused the content");
      }
    };
    try (FetchResponse r = f.open(req)) {
      assertThatThrownBy(() -> r.transferTo(aborting)).hasMessageContaining("sink refused");
      assertThatThrownBy(() -> r.transferTo(sink)).isInstanceOf(IllegalStateException.class);
    }
    assertThat(written).hasSize(1);
  }

  private static void assertReason(GuardedFetcher f, String url, WebFetchException.Reason reason) {
    assertThatThrownBy(() -> f.fetch(page(url))).as(url)
        .isInstanceOfSatisfying(WebFetchException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  /** Stalling handlers hold their connection open until the test ends. */
  private void stall() throws InterruptedException {
    release.await(30, TimeUnit.SECONDS);
  }

  private static void respondEncoded(OutputStream out, String encoding, byte[] body) throws IOException {
    ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: " + encoding
        + "\r\nContent-Length: " + body.length + "\r\n\r\n");
    out.write(body);
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(b, 64 * 1024)) {
      gz.write(data);
    }
    return b.toByteArray();
  }

  private static byte[] deflate(byte[] data, boolean raw) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
    try (DeflaterOutputStream out = new DeflaterOutputStream(b, d)) {
      out.write(data);
    } finally {
      d.end();
    }
    return b.toByteArray();
  }
}
