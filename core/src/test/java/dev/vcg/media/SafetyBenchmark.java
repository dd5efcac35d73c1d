package dev.vcg.media;

import com.sun.net.httpserver.HttpServer;
import dev.vcg.services.web.FetchPolicy;
import dev.vcg.services.web.FetchRequest;
import dev.vcg.services.web.FetchResult;
import dev.vcg.services.web.GuardedFetcher;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Measures what the safety limits cost: time and bytes allocated to refuse image bombs, to decode
 * a large image subsampled, and to stop a gzip bomb at the page cap. Not a unit test; run it with
 * the test class path:
 *
 * <pre>
 * mvn -q -pl core -am test-compile
 * java -cp core/target/classes:core/target/test-classes:$HOME/.m2/repository/org/slf4j/slf4j-api/2.0.20/slf4j-api-2.0.20.jar \
 *     dev.vcg.media.SafetyBenchmark
 * </pre>
 */
public final class SafetyBenchmark {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private SafetyBenchmark() {
  }

  private interface Task {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    ImageInspector inspector = ImageInspector.create();
    byte[] pngBomb = TestImages.pngDeclaring(100_000, 100_000);
    byte[] jpegBomb = TestImages.jpegDeclaring(30_000, 30_000);
    measure("refuse 1 KB PNG declaring 100000x100000", 2_000, () -> refuse(inspector, pngBomb));
    measure("refuse JPEG declaring 30000x30000", 2_000, () -> refuse(inspector, jpegBomb));

    byte[] large = TestImages.encode(TestImages.split(6_000, 4_000, Color.RED, Color.BLUE, 0.5), "png");
    measure("decode 6000x4000 PNG subsampled to <=1024", 5, () -> inspector.decode(large, 1024));

    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gz, 64 * 1024)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 1024; i++) {
        out.write(zeros);
      }
    }
    byte[] bomb = gz.toByteArray();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      ex.getResponseHeaders().add("Content-Type", "text/html");
      ex.getResponseHeaders().add("Content-Encoding", "gzip");
      ex.sendResponseHeaders(200, bomb.length);
      try (OutputStream body = ex.getResponseBody()) {
        body.write(bomb);
      } catch (IOException ignored) {
        // the client stops reading at its cap
      }
    });
    server.start();
    try {
      int port = server.getAddress().getPort();
      GuardedFetcher fetcher = GuardedFetcher.builder()
          .policy(FetchPolicy.builder().allowLoopbackForTesting(true).allowPort(port).build()).build();
      FetchRequest page = FetchRequest.builder("http://127.0.0.1:" + port + "/").acceptedTypes("text/html")
          .maxBytes(2L << 20).truncateAtLimit(true).build();
      System.out.printf(Locale.ROOT, "gzip bomb: %d KB on the wire, 1 GB inflated%n", bomb.length / 1024);
      measure("stop a 1 GB gzip bomb at the 2 MB page cap", 20, () -> {
        FetchResult r = fetcher.fetch(page);
        if (!r.truncated() || r.size() != 2 << 20) {
          throw new AssertionError("not truncated at the cap");
        }
      });
    } finally {
      server.stop(0);
    }
  }

  private static void refuse(ImageInspector inspector, byte[] bomb) {
    try {
      inspector.inspect(bomb);
      throw new AssertionError("accepted a bomb");
    } catch (MediaException expected) {
      if (expected.reason() != MediaException.Reason.TOO_LARGE) {
        throw expected;
      }
    }
  }

  private static void measure(String name, int iterations, Task task) throws Exception {
    for (int i = 0; i < Math.max(3, iterations / 10); i++) {
      task.run();
    }
    long thread = Thread.currentThread().getId();
    long allocated = THREADS.getThreadAllocatedBytes(thread);
    long start = System.nanoTime();
    long worst = 0;
    for (int i = 0; i < iterations; i++) {
      long t0 = System.nanoTime();
      task.run();
      worst = Math.max(worst, System.nanoTime() - t0);
    }
    long elapsed = System.nanoTime() - start;
    long bytes = THREADS.getThreadAllocatedBytes(thread) - allocated;
    System.out.printf(Locale.ROOT, "%-48s mean %9.3f ms  worst %9.3f ms  allocated %10.1f KB/op%n", name,
        elapsed / 1e6 / iterations, worst / 1e6, bytes / 1024.0 / iterations);
  }
}
