package dev.vcg.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import dev.vcg.services.web.FetchPolicy;
import dev.vcg.services.web.GuardedFetcher;
import dev.vcg.testkit.Canary;
import dev.vcg.testkit.CapturedLogs;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed asset URLs carry credentials in their query: whatever happens to a download, the query
 * never reaches an exception, a log line or a result's {@code toString}.
 */
class SignedUrlCanaryTest {
  private static final byte[] PNG = TestImages.encode(TestImages.split(16, 8, Color.RED, Color.BLUE, 0.5), "png");
  private static final byte[] JPEG = TestImages.encode(TestImages.split(16, 8, Color.RED, Color.BLUE, 0.5), "jpeg");

  @Test
  void theSignatureOfASignedUrlAppearsNowhere(@TempDir Path dir) throws Exception {
    Canary canary = Canary.create();
    CountDownLatch release = new CountDownLatch(1);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", ex -> {
      String path = ex.getRequestURI().getPath();
      try (OutputStream out = ex.getResponseBody()) {
        switch (path) {
          case "/ok.png" -> send(ex, 200, "image/png", PNG, out);
          case "/lie.png" -> send(ex, 200, "image/png", JPEG, out);
          case "/big.png" -> send(ex, 200, "image/png", new byte[10_000], out);
          case "/page" -> send(ex, 200, "text/html", "<html>".getBytes(), out);
          case "/gone.png" -> send(ex, 404, "text/plain", "gone".getBytes(), out);
          case "/redirect" -> {
            ex.getResponseHeaders().add("Location", "http://169.254.169.254/x?sig=" + canary.value());
            ex.sendResponseHeaders(302, -1);
          }
          case "/stall.png" -> {
            ex.getResponseHeaders().add("Content-Type", "image/png");
            ex.sendResponseHeaders(200, PNG.length);
            out.write(PNG, 0, 20);
            out.flush();
            release.await(30, TimeUnit.SECONDS);
          }
          default -> send(ex, 500, "text/plain", "?".getBytes(), out);
        }
      } catch (IOException | InterruptedException ignored) {
        // the client went away
      }
    });
    server.start();
    try {
      int port = server.getAddress().getPort();
      MediaDownloader downloader = MediaDownloader.builder()
          .fetcher(GuardedFetcher.builder().policy(FetchPolicy.builder().allowLoopbackForTesting(true).allowPort(port)
              .build()).build())
          .limits(DownloadLimits.builder().maxImageBytes(5_000).imageDeadline(Duration.ofMillis(1500))
              .videoDeadline(Duration.ofMillis(1500)).build())
          .build();
      LocalAssetStore store = LocalAssetStore.builder().baseDirectory(dir).downloader(downloader).build();
      String query = "?X-Amz-Credential=AKIA%2F" + canary.value() + "&X-Amz-Signature=" + canary.value()
          + "&token=" + canary.value() + "#" + canary.value();
      CapturedLogs.clear();

      List<Object> seen = new ArrayList<>();
      MediaRef.File ok = store.store("run", null, new MediaRef.Url(
          URI.create("http://127.0.0.1:" + port + "/ok.png" + query), "image/png"));
      seen.add(ok);
      seen.add(downloader.download(URI.create("http://127.0.0.1:" + port + "/ok.png" + query), MediaDownloader.Kind.IMAGE));
      for (String path : List.of("/lie.png", "/big.png", "/page", "/gone.png", "/redirect", "/stall.png", "/500")) {
        URI url = URI.create("http://127.0.0.1:" + port + path + query);
        Throwable stored = catchThrowable(() -> store.store("run", "x", MediaRef.url(url)));
        Throwable downloaded = catchThrowable(() -> downloader.download(url, MediaDownloader.Kind.IMAGE));
        assertThat(stored).as(path).isNotNull();
        assertThat(downloaded).as(path).isNotNull();
        seen.add(stored);
        seen.add(downloaded);
      }
      seen.add(catchThrowable(() -> store.store("run", "x", MediaRef.url(URI.create(
          "http://user:" + canary.value() + "@127.0.0.1:" + port + "/ok.png")))));
      seen.add(catchThrowable(() -> downloader.download(URI.create("http://nowhere.invalid/x.png" + query),
          MediaDownloader.Kind.IMAGE)));

      assertThat(CapturedLogs.active()).isTrue();
      assertThat(CapturedLogs.events("dev.vcg")).isNotEmpty();
      seen.add(CapturedLogs.text());
      canary.assertAbsent(seen.toArray());
    } finally {
      release.countDown();
      server.stop(0);
    }
  }

  private static void send(com.sun.net.httpserver.HttpExchange ex, int status, String type, byte[] body, OutputStream out)
      throws IOException {
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, body.length);
    out.write(body);
  }
}
