package dev.vcg.provider.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.OutcomeUnknownException;
import dev.vcg.provider.ProviderConnectionException;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.ProviderTimeoutException;
import dev.vcg.provider.RateLimitedException;
import dev.vcg.provider.ServerException;
import dev.vcg.testkit.RecordingScheduler;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The asynchronous calls follow the same rules as the synchronous ones, and cancellation stops them. */
class ProviderHttpClientAsyncTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final RecordingScheduler scheduler = new RecordingScheduler();

  @AfterEach
  void noBodyLeftOpen() {
    assertThat(BodyCollector.OPEN.get()).isZero();
  }

  private ProviderHttpClient client(Consumer<ProviderHttpClient.Builder> custom) {
    ProviderHttpClient.Builder b = ProviderHttpClient.builder("fake").defaultBaseUrl(URI.create(wm.baseUrl()))
        .apiKey(ApiKey.of("sk-test-" + UUID.randomUUID())).scheduler(scheduler)
        .sleeper(d -> {
          throw new AssertionError("asynchronous calls must not sleep");
        });
    custom.accept(b);
    return b.build();
  }

  private ProviderHttpClient client() {
    return client(b -> { });
  }

  private static void sequence(String url, ResponseDefinitionBuilder... responses) {
    String scenario = url + UUID.randomUUID();
    for (int i = 0; i < responses.length; i++) {
      var m = get(urlEqualTo(url)).inScenario(scenario).whenScenarioStateIs(i == 0 ? Scenario.STARTED : "s" + i)
          .willReturn(responses[i]);
      if (i < responses.length - 1) {
        m = m.willSetStateTo("s" + (i + 1));
      }
      wm.stubFor(m);
    }
  }

  private static Throwable failureOf(CompletableFuture<?> f) throws Exception {
    try {
      f.get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the call succeeded");
  }

  record Job(String id) {
  }

  @Test
  void retriesWithBackoffThroughTheScheduler() throws Exception {
    sequence("/jobs/1", aResponse().withStatus(500), aResponse().withStatus(503), okJson("{\"id\":\"j1\"}"));

    JsonResponse<Job> r = client().sendAsync("GET", "/jobs/1", null, Job.class, CallOptions.defaults())
        .get(20, TimeUnit.SECONDS);

    assertThat(r.body().id()).isEqualTo("j1");
    assertThat(r.attempts()).isEqualTo(3);
    assertThat(scheduler.delaysMillis()).hasSize(2);
    assertThat(scheduler.delaysMillis().get(0)).isBetween(375L, 500L);
    assertThat(scheduler.delaysMillis().get(1)).isBetween(750L, 1000L);
  }

  @Test
  void exhaustedRetriesFailTheFutureTyped() throws Exception {
    wm.stubFor(get(urlEqualTo("/jobs/1")).willReturn(aResponse().withStatus(502)));

    Throwable t = failureOf(client().getJsonAsync("/jobs/1", Job.class, CallOptions.defaults()));

    assertThat(t).isInstanceOf(ServerException.class);
    assertThat(((ProviderException) t).statusCode()).isEqualTo(502);
    wm.verify(3, getRequestedFor(urlEqualTo("/jobs/1")));
  }

  @Test
  void retryAfterIsObeyedAndLongOnesEndTheCall() throws Exception {
    sequence("/jobs/1", aResponse().withStatus(429).withHeader("retry-after-ms", "150"), okJson("{\"id\":\"j\"}"));
    client().getJsonAsync("/jobs/1", Job.class, CallOptions.defaults()).get(20, TimeUnit.SECONDS);
    assertThat(scheduler.delays()).containsExactly(Duration.ofMillis(150));

    wm.stubFor(get(urlEqualTo("/jobs/2")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "61")));
    Throwable t = failureOf(client().getJsonAsync("/jobs/2", Job.class, CallOptions.defaults()));
    assertThat(t).isInstanceOf(RateLimitedException.class);
    assertThat(((RateLimitedException) t).retryAfter()).contains(Duration.ofSeconds(61));
    wm.verify(1, getRequestedFor(urlEqualTo("/jobs/2")));
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
      "RANDOM_DATA_THEN_CLOSE"})
  void paidSubmissionIsNotRetriedAfterAFault(Fault fault) throws Exception {
    wm.stubFor(post(urlEqualTo("/videos")).willReturn(aResponse().withFault(fault)));

    Throwable t = failureOf(client().postJsonAsync("/videos", Map.of("p", 1), Job.class,
        CallOptions.paidSubmission()));

    assertThat(t).isInstanceOf(OutcomeUnknownException.class);
    wm.verify(1, postRequestedFor(urlEqualTo("/videos")));
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
      "RANDOM_DATA_THEN_CLOSE"})
  void idempotentCallIsRetriedAfterAFault(Fault fault) throws Exception {
    wm.stubFor(post(urlEqualTo("/chat")).willReturn(aResponse().withFault(fault)));

    Throwable t = failureOf(client().postJsonAsync("/chat", Map.of("p", 1), Job.class, CallOptions.defaults()));

    assertThat(t).isInstanceOf(ProviderConnectionException.class);
    wm.verify(3, postRequestedFor(urlEqualTo("/chat")));
  }

  @Test
  void stalledBodyTimesOutWithinTheDeadline() throws Exception {
    wm.stubFor(get(urlEqualTo("/slow")).willReturn(okJson("{\"id\":\"" + "x".repeat(2000) + "\"}")
        .withChunkedDribbleDelay(20, 20_000)));

    long start = System.nanoTime();
    Throwable t = failureOf(client().getJsonAsync("/slow", Job.class,
        CallOptions.builder().timeout(Duration.ofSeconds(1)).maxRetries(0).build()));

    assertThat(t).isInstanceOf(ProviderTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void paidSubmissionReadTimeoutIsOutcomeUnknown() throws Exception {
    wm.stubFor(post(urlEqualTo("/videos")).willReturn(okJson("{\"id\":\"v\"}").withFixedDelay(2000)));

    Throwable t = failureOf(client().postJsonAsync("/videos", Map.of("p", 1), Job.class,
        CallOptions.builder().paidSubmission(true).timeout(Duration.ofMillis(300)).build()));

    assertThat(t).isInstanceOf(OutcomeUnknownException.class);
    wm.verify(1, postRequestedFor(urlEqualTo("/videos")));
  }

  @Test
  void cancellingDuringTheBackoffPreventsFurtherRequests() throws Exception {
    wm.stubFor(get(urlEqualTo("/jobs/1")).willReturn(aResponse().withStatus(503)));
    List<Runnable> parked = new ArrayList<>();
    CompletableFuture<Void> firstRetryScheduled = new CompletableFuture<>();
    ProviderHttpClient client = client(b -> b.scheduler((task, delay) -> {
      CompletableFuture<Void> handle = new CompletableFuture<>();
      synchronized (parked) {
        parked.add(task);
      }
      firstRetryScheduled.complete(null);
      return handle;
    }));

    CompletableFuture<Job> call = client.getJsonAsync("/jobs/1", Job.class, CallOptions.defaults());
    firstRetryScheduled.get(10, TimeUnit.SECONDS);
    assertThat(call.cancel(true)).isTrue();

    // even if the parked retry still runs, it sends nothing
    parked.get(0).run();
    wm.verify(1, getRequestedFor(urlEqualTo("/jobs/1")));
    assertThatThrownBy(call::join).isInstanceOf(CancellationException.class);
  }

  @Test
  void cancellingDuringTheRequestAbortsIt() throws Exception {
    wm.stubFor(get(urlEqualTo("/slow")).willReturn(okJson("{\"id\":\"" + "x".repeat(4000) + "\"}")
        .withChunkedDribbleDelay(40, 8000)));

    CompletableFuture<Job> call = client().getJsonAsync("/slow", Job.class, CallOptions.defaults());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (BodyCollector.OPEN.get() == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(BodyCollector.OPEN.get()).as("body being read").isEqualTo(1);
    call.cancel(true);

    assertThat(BodyCollector.OPEN.get()).as("body reading stopped at once").isZero();
    assertThat(scheduler.delays()).isEmpty();
    wm.verify(1, getRequestedFor(urlEqualTo("/slow")));
  }
}
