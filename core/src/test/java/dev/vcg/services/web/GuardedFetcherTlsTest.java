package dev.vcg.services.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS through the pinned connection: certificate and SNI checked against the URL's host name. */
class GuardedFetcherTlsTest {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static SSLContext serverTls;
  private static SSLContext clientTls;

  private ScriptedServer https;
  private ScriptedServer http;

  @BeforeAll
  static void certificate(@TempDir Path dir) throws Exception {
    Path store = dir.resolve("site.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "site", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=site.test", "-ext", "san=dns:site.test", "-validity", "3650",
        "-keystore", store.toString(), "-storetype", "PKCS12",
        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
        .redirectErrorStream(true).start();
    try (InputStream out = keytool.getInputStream()) {
      out.readAllBytes();
    }
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).isZero();

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("site", keys.getCertificate("site"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, tmf.getTrustManagers(), null);
  }

  @AfterEach
  void close() throws Exception {
    if (https != null) {
      https.close();
    }
    if (http != null) {
      http.close();
    }
  }

  private GuardedFetcher fetcher(FetchPolicy policy) {
    HostResolver dns = host -> List.of(InetAddress.getLoopbackAddress());
    return GuardedFetcher.builder().policy(policy).resolver(dns).sslSocketFactory(clientTls.getSocketFactory()).build();
  }

  private static FetchPolicy.Builder local(int... ports) {
    FetchPolicy.Builder b = FetchPolicy.builder().allowLoopbackForTesting(true);
    for (int p : ports) {
      b.allowPort(p);
    }
    return b;
  }

  @Test
  void httpsToTheVettedAddressVerifiesTheHostNameAndSendsItAsSniAndHost() throws Exception {
    https = new ScriptedServer(serverTls, (r, out) -> ScriptedServer.respond(out, 200, "text/html", "secure".getBytes()));
    GuardedFetcher f = fetcher(local(https.port()).build());

    FetchResult r = f.fetch(FetchRequest.builder("https://site.test:" + https.port() + "/p").build());

    assertThat(r.text()).isEqualTo("secure");
    ScriptedServer.Request req = https.requests.get(0);
    assertThat(req.sni()).isEqualTo("site.test");
    assertThat(req.headers()).containsEntry("host", "site.test:" + https.port());
  }

  @Test
  void aCertificateForAnotherNameIsATlsFailure() throws Exception {
    https = new ScriptedServer(serverTls, (r, out) -> ScriptedServer.respond(out, 200, "text/html", "x".getBytes()));
    GuardedFetcher f = fetcher(local(https.port()).build());

    assertThatThrownBy(() -> f.fetch(FetchRequest.builder("https://other.test:" + https.port() + "/").build()))
        .isInstanceOfSatisfying(WebFetchException.class, e -> {
          assertThat(e.reason()).isEqualTo(WebFetchException.Reason.TLS);
          assertThat(e.isRetryable()).isFalse();
        });
    assertThat(https.requests).isEmpty();
  }

  @Test
  void aRedirectFromHttpsToHttpIsRefused() throws Exception {
    http = new ScriptedServer((r, out) -> ScriptedServer.respond(out, 200, "text/html", "plain".getBytes()));
    https = new ScriptedServer(serverTls, (r, out) ->
        ScriptedServer.redirect(out, 302, "http://site.test:" + http.port() + "/plain"));
    GuardedFetcher f = fetcher(local(https.port(), http.port()).build());

    assertThatThrownBy(() -> f.fetch(FetchRequest.builder("https://site.test:" + https.port() + "/").build()))
        .isInstanceOf(UrlRefusedException.class).hasMessageContaining("downgrades https to http");
    assertThat(http.requests).isEmpty();
  }

  @Test
  void aStalledTlsHandshakeEndsAtTheDeadline() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      GuardedFetcher f = fetcher(local(silent.getLocalPort()).deadline(Duration.ofMillis(300))
          .readTimeout(Duration.ofSeconds(20)).build());
      assertThatThrownBy(() -> f.fetch(FetchRequest.builder("https://site.test:" + silent.getLocalPort() + "/").build()))
          .isInstanceOfSatisfying(WebFetchException.class,
              e -> assertThat(e.reason()).isEqualTo(WebFetchException.Reason.TIMEOUT));
    }
  }

  @Test
  void requireHttpsRefusesPlainHttpUrls() throws Exception {
    http = new ScriptedServer((r, out) -> ScriptedServer.respond(out, 200, "text/html", "plain".getBytes()));
    GuardedFetcher f = fetcher(local(http.port()).requireHttps(true).build());
    assertThatThrownBy(() -> f.fetch(FetchRequest.builder(http.url("/")).build()))
        .isInstanceOf(UrlRefusedException.class);
    assertThat(http.requests).isEmpty();
  }
}
