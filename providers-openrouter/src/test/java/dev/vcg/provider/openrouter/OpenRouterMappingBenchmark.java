package dev.vcg.provider.openrouter;

import com.sun.net.httpserver.HttpServer;
import dev.vcg.internal.Json;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.ChatMessage;
import dev.vcg.provider.ChatRequest;
import dev.vcg.provider.ContentPart;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ResponseFormat;
import dev.vcg.provider.openrouter.internal.ChatBody;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Measures what a chat call costs this module on top of the HTTP layer: building the request body
 * (small text chat, and a vision chat carrying a 5 MB image as a data URI) and a full chat call
 * against a loopback server answering the documented success body. Not a unit test; run it with
 * the test class path ({@code -Dn=…} calls per round, {@code -DcallsOnly=true} for the calls only), e.g.:
 *
 * <pre>
 * mvn -q -pl providers-openrouter -am test-compile
 * java -Xmx256m -Dsun.net.httpserver.nodelay=true -Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider \
 *     -cp (module classes, test-classes, vcg-core classes and its dependencies) \
 *     dev.vcg.provider.openrouter.OpenRouterMappingBenchmark
 * </pre>
 */
public final class OpenRouterMappingBenchmark {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private OpenRouterMappingBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int n = Integer.getInteger("n", 20_000);
    boolean callsOnly = Boolean.getBoolean("callsOnly");
    ChatRequest small = ChatRequest.builder()
        .addMessage(ChatMessage.system("You are a film director."))
        .addMessage(ChatMessage.user("Plan a 30 second teaser for a coffee shop."))
        .responseFormat(ResponseFormat.jsonSchema("plan", "{\"type\":\"object\",\"properties\":{\"title\":"
            + "{\"type\":\"string\"}},\"required\":[\"title\"]}", true))
        .temperature(0.7).maxTokens(2000).addFallbackModel("openai/gpt-4o").build();
    byte[] image = new byte[5 << 20];
    new Random(1).nextBytes(image);
    image[0] = (byte) 0x89;
    image[1] = 'P';
    image[2] = 'N';
    image[3] = 'G';
    image[4] = 0x0D;
    image[5] = 0x0A;
    image[6] = 0x1A;
    image[7] = 0x0A;
    ChatRequest vision = ChatRequest.builder().addMessage(ChatMessage.user(ContentPart.text("Describe"),
        ContentPart.image(MediaRef.bytes(image, "image/png")))).build();

    for (int round = 0; round < (callsOnly ? 0 : 3); round++) {
      measure("small body build+write", n, () -> Json.mapper().writeValueAsBytes(
          ChatBody.of("anthropic/claude-sonnet-4.5", small, null, false)));
      measure("5 MB vision body build+write", 20, () -> Json.mapper().writeValueAsBytes(
          ChatBody.of("openai/gpt-4o", vision, null, false)));
    }

    byte[] answer = Fixtures.read("chat-response-success.json").getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    ExecutorService executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.createContext("/api/v1/chat/completions", ex -> {
      ex.getRequestBody().readAllBytes();
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, answer.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(answer);
      }
    });
    server.start();
    try {
      OpenRouterLlmProvider llm = OpenRouterLlmProvider.builder().config(ProviderConfig.builder("openrouter")
          .apiKey(ApiKey.of("sk-or-bench")).option("http.circuit-breaker", "false")
          .baseUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1")).build()).build();
      for (int round = 0; round < 3; round++) {
        measure("chat call over loopback", Math.max(1, n / 10), () -> llm.chat(small));
      }
    } finally {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  interface Op {
    Object run() throws Exception;
  }

  private static void measure(String name, int n, Op op) throws Exception {
    long thread = Thread.currentThread().getId();
    long bytes0 = THREADS.getThreadAllocatedBytes(thread);
    long t0 = System.nanoTime();
    int sink = 0;
    for (int i = 0; i < n; i++) {
      sink += op.run().hashCode() & 1;
    }
    long nanos = System.nanoTime() - t0;
    long bytes = THREADS.getThreadAllocatedBytes(thread) - bytes0;
    System.out.printf(Locale.ROOT, "%-32s %10.1f us/op %12.1f KB allocated/op (%d)%n", name, nanos / 1e3 / n,
        bytes / 1024.0 / n, sink);
  }
}
