package dev.vcg.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.examples.cli.Vcg;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vcg serve}: usage errors, and a real run on a free port until interrupted. */
class ServeCommandTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void wrongArgumentsAreUsageErrors() {
    assertThat(vcg("serve", "--port", "eighty")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port must be a number");
    assertThat(vcg("serve", "--port", "70000")).isEqualTo(2);
    assertThat(vcg("serve", "now")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("serve takes no arguments");
    assertThat(vcg("serve", "--help")).isEqualTo(0);
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: vcg serve [--port N] [--host 127.0.0.1]")
        .contains("/api/gateway/video/create").contains("/api/projects/{id}/generate")
        .contains("/api/projects/{id}/events").contains("/api/providers/{type}/models");
    assertThat(vcg("--help")).isEqualTo(0);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("serve");
  }

  @Test
  void servesUntilInterruptedThenStops() throws Exception {
    CountDownLatch listening = new CountDownLatch(1);
    AtomicReference<String> url = new AtomicReference<>();
    Pattern p = Pattern.compile("listening on (http://\\S+)");
    StringBuffer seen = new StringBuffer();
    OutputStream watcher = new OutputStream() {
      @Override
      public void write(int b) {
        seen.append((char) b);
        if (b == '\n') {
          Matcher m = p.matcher(seen);
          if (m.find() && url.get() == null) {
            url.set(m.group(1));
            listening.countDown();
          }
        }
      }
    };
    AtomicReference<Thread> runner = new AtomicReference<>();
    CompletableFuture<Integer> code = new CompletableFuture<>();
    Thread t = new Thread(() -> code.complete(Vcg.run(new String[] {"serve", "--port", "0", "--store",
        dir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(watcher, true,
        StandardCharsets.UTF_8))), "serve-under-test");
    runner.set(t);
    t.start();
    try {
      assertThat(listening.await(60, TimeUnit.SECONDS)).as(seen.toString()).isTrue();
      assertThat(url.get()).startsWith("http://127.0.0.1:");

      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(url.get() + "/api/gateway/video/nothing")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.body()).contains("\"not_found\"");
      HttpResponse<String> providers = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(url.get() + "/api/providers")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(providers.statusCode()).isEqualTo(200);
      assertThat(providers.body()).contains("\"providers\"");
    } finally {
      t.interrupt();
    }
    assertThat(code.get(60, TimeUnit.SECONDS)).isEqualTo(0);
    assertThat(seen.toString()).contains("vcg serve: stopped");
  }

  private int vcg(String... args) {
    out.reset();
    err.reset();
    return Vcg.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
