package dev.vcg.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.vcg.internal.Json;
import dev.vcg.provider.ApiKey;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;

/**
 * Measures what the HTTP layer costs over a bare JDK client (per-call time for a small JSON
 * answer) and that downloads stream (a 256 MB download under a small heap). Not a unit test; run
 * it with the test class path and a small heap, e.g.:
 *
 * <pre>
 * mvn -q -pl core -am test-compile
 * java -Xmx64m -Dsun.net.httpserver.nodelay=true \
 *     -Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider \
 *     -cp core/target/classes:core/target/test-classes:(jackson, methanol, failsafe, slf4j-api jars) \
 *     dev.vcg.provider.http.HttpLayerBenchmark
 * </pre>
 *
 * <p>{@code slf4j.provider} switches off the test-jar's capturing log backend (which keeps every
 * event in memory); {@code -Dn=2000} sets the number of calls per round.
 */
public final class HttpLayerBenchmark {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean PROCESS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private HttpLayerBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    byte[] json = "{\"id\":\"task_123\",\"status\":\"RUNNING\",\"progress\":0.42,\"output\":[]}"
        .getBytes(StandardCharsets.UTF_8);
    long bigSize = 256L << 20;
    byte[] chunk = new byte[1 << 16];
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/json", ex -> {
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, json.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(json);
      }
    });
    server.createContext("/big", ex -> {
      ex.sendResponseHeaders(200, bigSize);
      try (OutputStream out = ex.getResponseBody()) {
        for (long sent = 0; sent < bigSize; sent += chunk.length) {
          out.write(chunk);
        }
      }
    });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    try {
      ProviderHttpClient layer = ProviderHttpClient.builder("bench").defaultBaseUrl(URI.create(base))
          .apiKey(ApiKey.of("sk-bench")).circuitBreaker(true).build();
      HttpClient bare = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/json")).build();
      int n = Integer.getInteger("n", 2000);
      for (int round = 0; round < 5; round++) {
        long c0 = PROCESS.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          Json.mapper().readTree(bare.send(request, HttpResponse.BodyHandlers.ofByteArray()).body());
        }
        long t1 = System.nanoTime();
        long c1 = PROCESS.getProcessCpuTime();
        long a0 = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
          layer.getJson("/json", JsonNode.class);
        }
        long t2 = System.nanoTime();
        long c2 = PROCESS.getProcessCpuTime();
        long a1 = THREADS.getCurrentThreadAllocatedBytes();
        System.out.printf(Locale.ROOT, "round %d: bare JDK %.0f µs/call (%.0f µs CPU), ProviderHttpClient %.0f µs/call"
            + " (%.0f µs CPU, server included), %.1f KB allocated per call on the calling thread%n", round,
            (t1 - t0) / 1e3 / n, (c1 - c0) / 1e3 / n, (t2 - t1) / 1e3 / n, (c2 - c1) / 1e3 / n,
            (a1 - a0) / 1024.0 / n);
      }
      ProviderHttpClient layerOnBare = ProviderHttpClient.builder("bench").defaultBaseUrl(URI.create(base))
          .apiKey(ApiKey.of("sk-bench-2")).httpClient(bare).build();
      for (int round = 0; round < 3; round++) {
        long c0 = PROCESS.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          layerOnBare.getJson("/json", JsonNode.class);
        }
        System.out.printf(Locale.ROOT, "round %d: ProviderHttpClient on a bare JDK client (no Methanol) %.0f µs/call"
            + " (%.0f µs CPU)%n", round, (System.nanoTime() - t0) / 1e3 / n, (PROCESS.getProcessCpuTime() - c0) / 1e3 / n);
      }
      for (int round = 0; round < 3; round++) {
        long t2 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          layer.getJsonAsync("/json", JsonNode.class, CallOptions.defaults()).join();
        }
        System.out.printf(Locale.ROOT, "round %d: getJsonAsync(...).join() %.0f µs/call%n", round,
            (System.nanoTime() - t2) / 1e3 / n);
      }
      Path dir = Files.createTempDirectory("vcg-bench");
      Path target = dir.resolve("big.bin");
      for (int round = 0; round < 2; round++) {
        long t0 = System.nanoTime();
        layer.download(URI.create(base + "/big"), target, bigSize);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "download %d MB to a file with -Xmx%d MB: %.2f s (%.0f MB/s), file %d MB%n",
            bigSize >> 20, Runtime.getRuntime().maxMemory() >> 20, seconds, (bigSize >> 20) / seconds,
            Files.size(target) >> 20);
        Files.delete(target);
      }
      Files.delete(dir);
    } finally {
      server.stop(0);
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
  }
}
