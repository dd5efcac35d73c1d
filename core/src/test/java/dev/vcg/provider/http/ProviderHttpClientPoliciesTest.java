package dev.vcg.provider.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.sun.net.httpserver.HttpServer;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.NotFoundException;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ServerException;
import dev.vcg.testkit.MutableClock;
import dev.vcg.testkit.RecordingSleeper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bulkhead and the circuit breaker, per provider and key. */
class ProviderHttpClientPoliciesTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final MutableClock clock = MutableClock.create();
  private final ApiKey key = ApiKey.of("sk-test-" + UUID.randomUUID());
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
    assertThat(BodyCollector.OPEN.get()).isZero();
  }

  private ProviderHttpClient client(String baseUrl, Consumer<ProviderHttpClient.Builder> custom) {
    ProviderHttpClient.Builder b = ProviderHttpClient.builder("fake").defaultBaseUrl(URI.create(baseUrl))
        .apiKey(key).clock(clock).sleeper(new RecordingSleeper()).maxRetries(0);
    custom.accept(b);
    return b.build();
  }

  // ----- bulkhead

  /** A server whose answers wait for a latch, counting requests in flight. */
  private static final class GateServer implements AutoCloseable {
    final HttpServer server;
    final ExecutorService pool = Executors.newCachedThreadPool();
    final CountDownLatch gate = new CountDownLatch(1);
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final java.util.concurrent.Semaphore arrived = new java.util.concurrent.Semaphore(0);

    GateServer() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      server.setExecutor(pool);
      server.createContext("/", exchange -> {
        requests.incrementAndGet();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        arrived.release();
        try {
          gate.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        inFlight.decrementAndGet();
        byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
      gate.countDown();
      server.stop(0);
      pool.shutdownNow();
    }
  }

  @Test
  void bulkheadRefusesACallBeyondTheLimitWithoutSendingIt() throws Exception {
    GateServer server = new GateServer();
    closeables.add(server);
    ExecutorService callers = Executors.newFixedThreadPool(2);
    closeables.add(callers::shutdownNow);
    ProviderHttpClient client = client(server.url(), b -> b.maxConcurrentCalls(2).maxQueueWait(Duration.ZERO));

    Future<JsonNode> first = callers.submit(() -> client.getJson("/a", JsonNode.class));
    Future<JsonNode> second = callers.submit(() -> client.getJson("/b", JsonNode.class));
    assertThat(server.arrived.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();

    ConcurrencyLimitException e = catchThrowableOfType(ConcurrencyLimitException.class,
        () -> client.getJson("/c", JsonNode.class));

    assertThat(e.isRetryable()).isTrue();
    assertThat(e.getMessage()).contains("too many calls").contains("was not sent");
    assertThat(server.requests.get()).isEqualTo(2);
    server.gate.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS).get("ok").asBoolean()).isTrue();
    assertThat(second.get(10, TimeUnit.SECONDS).get("ok").asBoolean()).isTrue();
    assertThat(client.getJson("/d", JsonNode.class).get("ok").asBoolean()).isTrue();
  }

  @Test
  void bulkheadQueuesCallsUpToTheWaitAndSharesTheLimitAcrossClientsOfOneKey() throws Exception {
    GateServer server = new GateServer();
    closeables.add(server);
    ExecutorService callers = Executors.newFixedThreadPool(6);
    closeables.add(callers::shutdownNow);
    ProviderHttpClient one = client(server.url(), b -> b.maxConcurrentCalls(2).maxQueueWait(Duration.ofSeconds(20)));
    ProviderHttpClient two = client(server.url(), b -> b.maxConcurrentCalls(2).maxQueueWait(Duration.ofSeconds(20)));

    List<Future<JsonNode>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ProviderHttpClient c = i % 2 == 0 ? one : two;
      calls.add(callers.submit(() -> c.getJson("/x", JsonNode.class)));
    }
    assertThat(server.arrived.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();
    assertThat(server.arrived.tryAcquire(1, 200, TimeUnit.MILLISECONDS)).as("a third call got through").isFalse();
    server.gate.countDown();
    for (Future<JsonNode> f : calls) {
      assertThat(f.get(10, TimeUnit.SECONDS).get("ok").asBoolean()).isTrue();
    }
    assertThat(server.requests.get()).isEqualTo(6);
    assertThat(server.maxInFlight.get()).isEqualTo(2);
  }

  // ----- circuit breaker

  @Test
  void breakerOpensAfterMostlyFailingCallsThenHalfOpensAndCloses() {
    wm.stubFor(get(urlEqualTo("/x")).willReturn(aResponse().withStatus(500)));
    ProviderHttpClient client = client(wm.baseUrl(), b -> { });

    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> client.getJson("/x", JsonNode.class)).isInstanceOf(ServerException.class);
    }
    CircuitOpenException open = catchThrowableOfType(CircuitOpenException.class,
        () -> client.getJson("/x", JsonNode.class));

    wm.verify(10, getRequestedFor(urlEqualTo("/x")));
    assertThat(open.isRetryable()).isTrue();
    assertThat(open.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(open.getMessage()).contains("paused for 30 s").contains("was not sent");

    clock.advance(Duration.ofSeconds(29));
    assertThatThrownBy(() -> client.getJson("/x", JsonNode.class)).isInstanceOf(CircuitOpenException.class);
    wm.verify(10, getRequestedFor(urlEqualTo("/x")));

    clock.advance(Duration.ofSeconds(1));
    wm.stubFor(get(urlEqualTo("/x")).willReturn(okJson("{\"ok\":1}")));
    client.getJson("/x", JsonNode.class);
    client.getJson("/x", JsonNode.class);
    wm.stubFor(get(urlEqualTo("/x")).willReturn(aResponse().withStatus(500)));
    // closed again: failures count afresh, a single failure does not open it
    assertThatThrownBy(() -> client.getJson("/x", JsonNode.class)).isInstanceOf(ServerException.class);
    assertThatThrownBy(() -> client.getJson("/x", JsonNode.class)).isInstanceOf(ServerException.class);
    wm.verify(14, getRequestedFor(urlEqualTo("/x")));
  }

  @Test
  void failedTrialCallReopensTheBreaker() {
    wm.stubFor(get(urlEqualTo("/x")).willReturn(aResponse().withStatus(502)));
    ProviderHttpClient client = client(wm.baseUrl(), b -> { });
    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> client.getJson("/x", JsonNode.class)).isInstanceOf(ServerException.class);
    }
    clock.advance(Duration.ofSeconds(30));

    assertThatThrownBy(() -> client.getJson("/x", JsonNode.class)).isInstanceOf(ServerException.class);
    assertThatThrownBy(() -> client.getJson("/x", JsonNode.class)).isInstanceOf(CircuitOpenException.class);

    wm.verify(11, getRequestedFor(urlEqualTo("/x")));
  }

  @Test
  void clientErrorsAndRateLimitsDoNotOpenTheBreaker() {
    wm.stubFor(get(urlEqualTo("/missing")).willReturn(aResponse().withStatus(404)));
    wm.stubFor(get(urlEqualTo("/busy")).willReturn(aResponse().withStatus(429)));
    ProviderHttpClient client = client(wm.baseUrl(), b -> { });

    for (int i = 0; i < 15; i++) {
      assertThatThrownBy(() -> client.getJson("/missing", JsonNode.class)).isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> client.getJson("/busy", JsonNode.class))
          .isInstanceOf(dev.vcg.provider.RateLimitedException.class);
    }

    wm.verify(15, getRequestedFor(urlEqualTo("/missing")));
    wm.verify(15, getRequestedFor(urlEqualTo("/busy")));
  }

  @Test
  void breakerNeedsHalfOfTenCallsInTheWindow() {
    wm.stubFor(get(urlEqualTo("/ok")).willReturn(okJson("{}")));
    wm.stubFor(get(urlEqualTo("/bad")).willReturn(aResponse().withStatus(503)));
    ProviderHttpClient client = client(wm.baseUrl(), b -> { });

    for (int i = 0; i < 6; i++) {
      client.getJson("/ok", JsonNode.class);
    }
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> client.getJson("/bad", JsonNode.class)).isInstanceOf(ServerException.class);
    }
    // 4 of 10 failed: still closed
    client.getJson("/ok", JsonNode.class);
    // calls older than 60 s leave the window
    clock.advance(Duration.ofSeconds(61));
    for (int i = 0; i < 5; i++) {
      client.getJson("/ok", JsonNode.class);
    }
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> client.getJson("/bad", JsonNode.class)).isInstanceOf(ServerException.class);
    }
    // 9 calls in the window: too few to judge
    client.getJson("/ok", JsonNode.class);
    clock.advance(Duration.ofSeconds(1));
    // 5 of 11 failed: still closed; the sixth failure makes 6 of 12
    assertThatThrownBy(() -> client.getJson("/bad", JsonNode.class)).isInstanceOf(ServerException.class);
    assertThatThrownBy(() -> client.getJson("/bad", JsonNode.class)).isInstanceOf(ServerException.class);
    assertThatThrownBy(() -> client.getJson("/ok", JsonNode.class)).isInstanceOf(CircuitOpenException.class);
  }

  @Test
  void breakerIsPerKeyAndCanBeDisabled() {
    wm.stubFor(get(urlEqualTo("/x")).willReturn(aResponse().withStatus(500)));
    ProviderHttpClient client = client(wm.baseUrl(), b -> { });
    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> client.getJson("/x", JsonNode.class)).isInstanceOf(ServerException.class);
    }
    assertThatThrownBy(() -> client.getJson("/x", JsonNode.class)).isInstanceOf(CircuitOpenException.class);

    ProviderHttpClient otherKey = client(wm.baseUrl(), b -> b.apiKey(ApiKey.of("sk-other-" + UUID.randomUUID())));
    assertThatThrownBy(() -> otherKey.getJson("/x", JsonNode.class)).isInstanceOf(ServerException.class);

    ProviderHttpClient noBreaker = client(wm.baseUrl(), b -> b.config(ProviderConfig.builder("fake")
        .option("http.circuit-breaker", "false").build()));
    for (int i = 0; i < 12; i++) {
      assertThatThrownBy(() -> noBreaker.getJson("/x", JsonNode.class)).isInstanceOf(ServerException.class);
    }
  }
}
