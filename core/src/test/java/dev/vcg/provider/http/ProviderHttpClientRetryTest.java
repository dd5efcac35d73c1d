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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.AuthenticationException;
import dev.vcg.provider.InvalidRequestException;
import dev.vcg.provider.NotFoundException;
import dev.vcg.provider.OutcomeUnknownException;
import dev.vcg.provider.PermissionDeniedException;
import dev.vcg.provider.ProviderConnectionException;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.ProviderTimeoutException;
import dev.vcg.provider.QuotaExceededException;
import dev.vcg.provider.RateLimitedException;
import dev.vcg.provider.ServerException;
import dev.vcg.testkit.MutableClock;
import dev.vcg.testkit.RecordingSleeper;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Retries, backoff, Retry-After, paid submissions and status mapping against a neutral fake provider. */
class ProviderHttpClientRetryTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T12:00:00Z"));
  private final RecordingSleeper sleeper = new RecordingSleeper();

  @AfterEach
  void noBodyLeftOpen() {
    assertThat(BodyCollector.OPEN.get()).as("response bodies still open").isZero();
  }

  private ProviderHttpClient client() {
    return client(b -> { });
  }

  private ProviderHttpClient client(Consumer<ProviderHttpClient.Builder> custom) {
    ProviderHttpClient.Builder b = ProviderHttpClient.builder("fake")
        .defaultBaseUrl(URI.create(wm.baseUrl() + "/v1"))
        .apiKey(ApiKey.of("sk-test-" + UUID.randomUUID()))
        .clock(clock)
        .sleeper(sleeper)
        .requestTimeout(Duration.ofSeconds(5))
        // A JDK client of its own: the JDK re-sends a GET once when a pooled connection from an
        // earlier test turns out to be closed, which would break the exact request counts here.
        .httpClient(java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    custom.accept(b);
    return b.build();
  }

  /** Stubs {@code method url} to answer with the given responses in turn (the last one repeats). */
  private static void sequence(String method, String url, ResponseDefinitionBuilder... responses) {
    String scenario = method + url + UUID.randomUUID();
    for (int i = 0; i < responses.length; i++) {
      var mapping = ("GET".equals(method) ? get(urlEqualTo(url)) : post(urlEqualTo(url)))
          .inScenario(scenario)
          .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "s" + i)
          .willReturn(responses[i]);
      if (i < responses.length - 1) {
        mapping = mapping.willSetStateTo("s" + (i + 1));
      }
      wm.stubFor(mapping);
    }
  }

  private static ResponseDefinitionBuilder status(int status) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":\"status " + status + "\",\"type\":\"t" + status + "\"}}");
  }

  private static ResponseDefinitionBuilder ok() {
    return okJson("{\"id\":\"job-1\",\"n\":7}");
  }

  record Job(String id, int n) {
  }

  @ParameterizedTest(name = "HTTP {0} then 200 is retried once")
  @ValueSource(ints = {408, 429, 500, 502, 503, 504})
  void retryableStatusIsRetried(int status) {
    sequence("GET", "/v1/jobs/1", status(status), ok());

    Job job = client().getJson("/jobs/1", Job.class);

    assertThat(job).isEqualTo(new Job("job-1", 7));
    wm.verify(2, getRequestedFor(urlEqualTo("/v1/jobs/1")));
    assertThat(sleeper.delaysMillis()).singleElement().satisfies(d -> assertThat(d).isBetween(375L, 500L));
  }

  @ParameterizedTest(name = "fault {0} then 200 is retried once")
  @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
      "RANDOM_DATA_THEN_CLOSE"})
  void faultIsRetried(Fault fault) {
    // POST: the JDK client itself re-sends a GET once when a pooled connection turns out closed,
    // which would hide our own retry from the count
    sequence("POST", "/v1/chat", aResponse().withFault(fault), ok());

    Job job = client().postJson("/chat", Map.of("q", 1), Job.class);

    assertThat(job.id()).isEqualTo("job-1");
    wm.verify(2, postRequestedFor(urlEqualTo("/v1/chat")));
    assertThat(sleeper.delaysMillis()).singleElement().satisfies(d -> assertThat(d).isBetween(375L, 500L));
  }

  @ParameterizedTest(name = "GET with fault {0} then 200 succeeds")
  @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
      "RANDOM_DATA_THEN_CLOSE"})
  void getWithFaultSucceeds(Fault fault) {
    sequence("GET", "/v1/jobs/1", aResponse().withFault(fault), ok());

    assertThat(client().getJson("/jobs/1", Job.class).id()).isEqualTo("job-1");
    assertThat(wm.findAll(getRequestedFor(urlEqualTo("/v1/jobs/1")))).hasSize(2);
  }

  @ParameterizedTest(name = "fault {0} on every attempt → ProviderConnectionException after 3 attempts")
  @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
      "RANDOM_DATA_THEN_CLOSE"})
  void persistentFaultFailsTyped(Fault fault) {
    wm.stubFor(post(urlEqualTo("/v1/chat")).willReturn(aResponse().withFault(fault)));

    ProviderConnectionException e = catchThrowableOfType(ProviderConnectionException.class,
        () -> client().postJson("/chat", Map.of("q", 1), Job.class));

    assertThat(e.providerId()).isEqualTo("fake");
    assertThat(e.statusCode()).isZero();
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.getMessage()).contains("POST").contains("/v1/chat").contains("attempt 3 of 3");
    wm.verify(3, postRequestedFor(urlEqualTo("/v1/chat")));
    assertThat(sleeper.delays()).hasSize(2);
  }

  @Test
  void twoServerErrorsThenSuccessWaitsWithExponentialBackoff() {
    sequence("GET", "/v1/jobs/1", status(500), status(500), ok());

    JsonResponse<Job> response = client().send("GET", "/jobs/1", null, Job.class, CallOptions.defaults());

    assertThat(response.body().id()).isEqualTo("job-1");
    assertThat(response.attempts()).isEqualTo(3);
    assertThat(sleeper.delaysMillis()).hasSize(2);
    assertThat(sleeper.delaysMillis().get(0)).isBetween(375L, 500L);
    assertThat(sleeper.delaysMillis().get(1)).isBetween(750L, 1000L);
  }

  @Test
  void threeServerErrorsMakeExactlyThreeRequests() {
    wm.stubFor(get(urlEqualTo("/v1/jobs/1")).willReturn(status(500).withHeader("x-request-id", "req-500")));

    ServerException e = catchThrowableOfType(ServerException.class, () -> client().getJson("/jobs/1", Job.class));

    wm.verify(3, getRequestedFor(urlEqualTo("/v1/jobs/1")));
    assertThat(e.statusCode()).isEqualTo(500);
    assertThat(e.requestId()).contains("req-500");
    assertThat(e.error().code()).isEqualTo("t500");
    assertThat(e.error().body()).contains("status 500");
    assertThat(e.getMessage()).contains("[fake] HTTP 500").contains("status 500").contains("try again later");
  }

  @Test
  void maxRetriesFromConfigAndPerCall() {
    wm.stubFor(get(urlEqualTo("/v1/jobs/1")).willReturn(status(503)));

    assertThatThrownBy(() -> client().getJson("/jobs/1", Job.class, CallOptions.builder().maxRetries(0).build()))
        .isInstanceOf(ServerException.class);
    wm.verify(1, getRequestedFor(urlEqualTo("/v1/jobs/1")));

    wm.resetRequests();
    ProviderHttpClient five = client(b -> b.config(dev.vcg.provider.ProviderConfig.builder("fake").maxRetries(5)
        .build()));
    assertThatThrownBy(() -> five.getJson("/jobs/1", Job.class)).isInstanceOf(ServerException.class);
    wm.verify(6, getRequestedFor(urlEqualTo("/v1/jobs/1")));
    assertThat(sleeper.delaysMillis()).hasSize(5);
    assertThat(sleeper.delaysMillis().get(4)).isBetween(6000L, 8000L);
  }

  @Test
  void retryAfterSecondsIsObeyedExactly() {
    sequence("GET", "/v1/jobs/1", status(429).withHeader("Retry-After", "2"), ok());

    client().getJson("/jobs/1", Job.class);

    assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void retryAfterFractionalSecondsIsObeyed() {
    sequence("GET", "/v1/jobs/1", status(503).withHeader("Retry-After", "1.5"), ok());

    client().getJson("/jobs/1", Job.class);

    assertThat(sleeper.delays()).containsExactly(Duration.ofMillis(1500));
  }

  @Test
  void retryAfterMsWinsOverRetryAfter() {
    sequence("GET", "/v1/jobs/1", status(429).withHeader("retry-after-ms", "150").withHeader("Retry-After", "9"), ok());

    client().getJson("/jobs/1", Job.class);

    assertThat(sleeper.delays()).containsExactly(Duration.ofMillis(150));
  }

  @Test
  void retryAfterHttpDateIsRelativeToTheClock() {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(7).atZone(ZoneOffset.UTC));
    sequence("GET", "/v1/jobs/1", status(429).withHeader("Retry-After", date), ok());

    client().getJson("/jobs/1", Job.class);

    assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterLongerThanSixtySecondsIsNotWaitedFor() {
    wm.stubFor(get(urlEqualTo("/v1/jobs/1")).willReturn(status(429).withHeader("Retry-After", "61")));

    RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
        () -> client().getJson("/jobs/1", Job.class));

    wm.verify(1, getRequestedFor(urlEqualTo("/v1/jobs/1")));
    assertThat(sleeper.delays()).isEmpty();
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(61));
    assertThat(e.statusCode()).isEqualTo(429);
    assertThat(e.getMessage()).contains("retry after 61 s").contains("reschedule");
  }

  @Test
  void retryAfterOfExactlySixtySecondsIsObeyed() {
    sequence("GET", "/v1/jobs/1", status(429).withHeader("Retry-After", "60"), ok());

    client().getJson("/jobs/1", Job.class);

    assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(60));
  }

  @ParameterizedTest(name = "Retry-After: \"{0}\" falls back to backoff")
  @ValueSource(strings = {"soon", "inf", "Infinity", "NaN", "-3", "0", "Wed, 99 Foo 2026 00:00:00 GMT"})
  void unusableRetryAfterFallsBackToBackoff(String value) {
    sequence("GET", "/v1/jobs/1", status(429).withHeader("Retry-After", value), ok());

    client().getJson("/jobs/1", Job.class);

    assertThat(sleeper.delaysMillis()).singleElement().satisfies(d -> assertThat(d).isBetween(375L, 500L));
  }

  @Test
  void rateLimitExhaustedCarriesTheLastDelay() {
    wm.stubFor(get(urlEqualTo("/v1/jobs/1")).willReturn(status(429).withHeader("Retry-After", "3")));

    RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
        () -> client().getJson("/jobs/1", Job.class));

    wm.verify(3, getRequestedFor(urlEqualTo("/v1/jobs/1")));
    assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
  }

  @ParameterizedTest(name = "HTTP {0} is not retried")
  @ValueSource(ints = {400, 401, 402, 403, 404, 422})
  void clientErrorsAreNotRetriedAndTyped(int status) {
    wm.stubFor(post(urlEqualTo("/v1/chat")).willReturn(status(status)));

    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> client().postJson("/chat", Map.of("q", 1), Job.class));

    wm.verify(1, postRequestedFor(urlEqualTo("/v1/chat")));
    assertThat(sleeper.delays()).isEmpty();
    Class<?> expected = Map.of(400, InvalidRequestException.class, 401, AuthenticationException.class,
        402, QuotaExceededException.class, 403, PermissionDeniedException.class, 404, NotFoundException.class,
        422, InvalidRequestException.class).get(status);
    assertThat(e).isExactlyInstanceOf(expected);
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).contains("status " + status);
  }

  @Test
  void shouldRetryHeaderWins() {
    sequence("GET", "/v1/jobs/1", status(400).withHeader("x-should-retry", "true"), ok());
    client().getJson("/jobs/1", Job.class);
    wm.verify(2, getRequestedFor(urlEqualTo("/v1/jobs/1")));

    wm.resetAll();
    wm.stubFor(get(urlEqualTo("/v1/jobs/2")).willReturn(status(503).withHeader("x-should-retry", "false")));
    assertThatThrownBy(() -> client().getJson("/jobs/2", Job.class)).isInstanceOf(ServerException.class);
    wm.verify(1, getRequestedFor(urlEqualTo("/v1/jobs/2")));
  }

  @Test
  void providerAddedRetryableStatus() {
    sequence("GET", "/v1/jobs/1", status(409), ok());

    client(b -> b.retryableStatus(409)).getJson("/jobs/1", Job.class);

    wm.verify(2, getRequestedFor(urlEqualTo("/v1/jobs/1")));
  }

  // ----- paid submissions

  @Test
  void paidSubmissionIsNotRetriedAfterReadTimeout() {
    wm.stubFor(post(urlEqualTo("/v1/videos")).willReturn(ok().withFixedDelay(2000)));

    long start = System.nanoTime();
    OutcomeUnknownException e = catchThrowableOfType(OutcomeUnknownException.class,
        () -> client().postJson("/videos", Map.of("prompt", "a cat"), Job.class,
            CallOptions.builder().paidSubmission(true).timeout(Duration.ofMillis(300)).build()));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1800));
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/videos")));
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).contains("unknown whether").contains("not retried");
  }

  @ParameterizedTest(name = "paid submission + HTTP {0} → OutcomeUnknownException after one request")
  @ValueSource(ints = {500, 502, 504, 408})
  void paidSubmissionIsNotRetriedAfterAmbiguousStatus(int status) {
    wm.stubFor(post(urlEqualTo("/v1/videos")).willReturn(status(status).withHeader("x-request-id", "req-9")));

    OutcomeUnknownException e = catchThrowableOfType(OutcomeUnknownException.class,
        () -> client().postJson("/videos", Map.of("prompt", "a cat"), Job.class, CallOptions.paidSubmission()));

    wm.verify(1, postRequestedFor(urlEqualTo("/v1/videos")));
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.requestId()).contains("req-9");
    assertThat(e.getMessage()).contains("request req-9");
  }

  @ParameterizedTest(name = "paid submission + {0} → OutcomeUnknownException after one request")
  @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
      "RANDOM_DATA_THEN_CLOSE"})
  void paidSubmissionIsNotRetriedAfterConnectionFailureAfterSending(Fault fault) {
    wm.stubFor(post(urlEqualTo("/v1/videos")).willReturn(aResponse().withFault(fault)));

    assertThatThrownBy(() -> client().postJson("/videos", Map.of("prompt", "a cat"), Job.class,
        CallOptions.paidSubmission())).isInstanceOf(OutcomeUnknownException.class);

    wm.verify(1, postRequestedFor(urlEqualTo("/v1/videos")));
  }

  @Test
  void paidSubmissionIsRetriedOn429() {
    sequence("POST", "/v1/videos", status(429), ok());

    Job job = client().postJson("/videos", Map.of("prompt", "a cat"), Job.class, CallOptions.paidSubmission());

    assertThat(job.id()).isEqualTo("job-1");
    wm.verify(2, postRequestedFor(urlEqualTo("/v1/videos")));
  }

  @Test
  void paidSubmissionIsRetriedOn503WithRetryAfterOnly() {
    sequence("POST", "/v1/videos", status(503).withHeader("Retry-After", "1"), ok());
    client().postJson("/videos", Map.of("prompt", "a cat"), Job.class, CallOptions.paidSubmission());
    wm.verify(2, postRequestedFor(urlEqualTo("/v1/videos")));
    assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(1));

    wm.resetAll();
    wm.stubFor(post(urlEqualTo("/v1/images")).willReturn(status(503)));
    assertThatThrownBy(() -> client().postJson("/images", Map.of("prompt", "a cat"), Job.class,
        CallOptions.paidSubmission())).isInstanceOf(OutcomeUnknownException.class);
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/images")));
  }

  @Test
  void paidSubmissionIsRetriedWhenTheConnectionIsRefused() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    ProviderHttpClient client = ProviderHttpClient.builder("fake")
        .defaultBaseUrl(URI.create("http://127.0.0.1:" + closedPort))
        .apiKey(ApiKey.of("sk-test-" + UUID.randomUUID())).sleeper(sleeper).clock(clock).build();

    ProviderConnectionException e = catchThrowableOfType(ProviderConnectionException.class,
        () -> client.postJson("/videos", Map.of("prompt", "a cat"), Job.class, CallOptions.paidSubmission()));

    assertThat(sleeper.delays()).hasSize(2);
    assertThat(e.getMessage()).contains("could not connect").contains("attempt 3 of 3");
  }

  @Test
  void paidSubmissionWithUnreadableSuccessBodyIsOutcomeUnknown() {
    wm.stubFor(post(urlEqualTo("/v1/videos")).willReturn(aResponse().withStatus(200).withBody("<html>oops</html>")));

    assertThatThrownBy(() -> client().postJson("/videos", Map.of("p", 1), Job.class, CallOptions.paidSubmission()))
        .isInstanceOf(OutcomeUnknownException.class).hasMessageContaining("could not read the answer");
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/videos")));
  }

  // ----- timeouts and deadlines

  @Test
  void readTimeoutOfIdempotentCallIsRetriedThenTyped() {
    wm.stubFor(get(urlEqualTo("/v1/jobs/1")).willReturn(ok().withFixedDelay(1500)));

    ProviderTimeoutException e = catchThrowableOfType(ProviderTimeoutException.class, () -> client().getJson(
        "/jobs/1", Job.class, CallOptions.builder().timeout(Duration.ofMillis(200)).maxRetries(1).build()));

    wm.verify(2, getRequestedFor(urlEqualTo("/v1/jobs/1")));
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.getMessage()).contains("timeout");
  }

  @Test
  void stalledBodyTimesOutWithinTheDeadline() {
    wm.stubFor(get(urlEqualTo("/v1/jobs/1")).willReturn(ok().withBody("{\"id\":\"" + "x".repeat(2000) + "\",\"n\":1}")
        .withChunkedDribbleDelay(20, 20_000)));

    long start = System.nanoTime();
    assertThatThrownBy(() -> client().getJson("/jobs/1", Job.class,
        CallOptions.builder().timeout(Duration.ofSeconds(1)).maxRetries(0).build()))
        .isInstanceOf(ProviderTimeoutException.class);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void bodyGapLongerThanTheStallTimeoutFailsTheAttempt() {
    wm.stubFor(get(urlEqualTo("/v1/jobs/1")).willReturn(ok().withBody("{\"id\":\"" + "x".repeat(2000) + "\",\"n\":1}")
        .withChunkedDribbleDelay(4, 8_000)));

    long start = System.nanoTime();
    ProviderTimeoutException e = catchThrowableOfType(ProviderTimeoutException.class, () -> client().getJson(
        "/jobs/1", Job.class, CallOptions.builder().timeout(Duration.ofSeconds(30))
            .stallTimeout(Duration.ofMillis(500)).maxRetries(0).build()));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3500));
    assertThat(e.getMessage()).contains("stalled");
  }

  @Test
  void overallDeadlineStopsRetriesWhoseWaitWouldPassIt() {
    RecordingSleeper advancing = new RecordingSleeper(clock);
    wm.stubFor(get(urlEqualTo("/v1/jobs/1")).willReturn(status(500)));

    assertThatThrownBy(() -> client(b -> b.sleeper(advancing)).getJson("/jobs/1", Job.class,
        CallOptions.builder().deadline(Duration.ofMillis(1100)).maxRetries(5).build()))
        .isInstanceOf(ServerException.class);

    // first wait 375..500 ms fits, the second (750..1000 ms) would end after 1.1 s
    wm.verify(2, getRequestedFor(urlEqualTo("/v1/jobs/1")));
    assertThat(advancing.delays()).hasSize(1);
  }

  @Test
  void interruptedCallStopsWithoutRetrying() {
    wm.stubFor(get(urlEqualTo("/v1/jobs/1")).willReturn(ok().withFixedDelay(3000)));
    wm.stubFor(post(urlEqualTo("/v1/videos")).willReturn(ok().withFixedDelay(3000)));

    Thread.currentThread().interrupt();
    ProviderException read = catchThrowableOfType(ProviderException.class,
        () -> client().getJson("/jobs/1", Job.class));
    boolean stillInterrupted = Thread.interrupted();
    Thread.currentThread().interrupt();
    ProviderException paid = catchThrowableOfType(ProviderException.class,
        () -> client().postJson("/videos", Map.of("p", 1), Job.class, CallOptions.paidSubmission()));
    Thread.interrupted();

    assertThat(stillInterrupted).as("the interrupt flag is kept").isTrue();
    assertThat(read.isRetryable()).isFalse();
    assertThat(read.getMessage()).contains("interrupted");
    assertThat(paid).isInstanceOf(OutcomeUnknownException.class);
    assertThat(sleeper.delays()).isEmpty();
    assertThat(wm.findAll(getRequestedFor(urlEqualTo("/v1/jobs/1")))).hasSizeLessThanOrEqualTo(1);
  }

  // ----- error handler hook

  @Test
  void handlerRefinesKindAndRetry() {
    ProviderErrorHandler handler = response -> {
      ErrorDetails d = ProviderErrorHandler.standard().describe(response);
      if (response.json().map(j -> j.path("error").path("availability").path("retryable").asBoolean()).orElse(false)) {
        return d.toBuilder().retryable(true).build();
      }
      return d;
    };
    sequence("GET", "/v1/jobs/1", aResponse().withStatus(404)
        .withBody("{\"error\":{\"message\":\"upstream down\",\"availability\":{\"retryable\":true}}}"), ok());

    client(b -> b.errorHandler(handler)).getJson("/jobs/1", Job.class);

    wm.verify(2, getRequestedFor(urlEqualTo("/v1/jobs/1")));
  }

  @Test
  void standardHandlerRecognisesQuotaAndContentPolicy() {
    wm.stubFor(post(urlEqualTo("/v1/a")).willReturn(aResponse().withStatus(429).withBody(
        "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\","
            + "\"param\":null,\"code\":\"insufficient_quota\"}}")));
    wm.stubFor(post(urlEqualTo("/v1/b")).willReturn(aResponse().withStatus(400).withBody(
        "{\"error\":{\"message\":\"Your request was rejected\",\"type\":\"image_generation_user_error\","
            + "\"code\":\"moderation_blocked\"}}")));
    wm.stubFor(post(urlEqualTo("/v1/c")).willReturn(aResponse().withStatus(422).withBody(
        "{\"detail\":[{\"loc\":[\"body\",\"prompt\"],\"msg\":\"flagged\",\"type\":\"content_policy_violation\"}]}")));

    ProviderException quota = catchThrowableOfType(ProviderException.class,
        () -> client().postJson("/a", Map.of(), Job.class));
    ProviderException policy = catchThrowableOfType(ProviderException.class,
        () -> client().postJson("/b", Map.of(), Job.class));
    ProviderException fal = catchThrowableOfType(ProviderException.class,
        () -> client().postJson("/c", Map.of(), Job.class));

    assertThat(quota).isExactlyInstanceOf(QuotaExceededException.class);
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/a")));
    assertThat(policy).isExactlyInstanceOf(dev.vcg.provider.ContentPolicyException.class);
    assertThat(fal).isExactlyInstanceOf(dev.vcg.provider.ContentPolicyException.class);
    assertThat(fal.getMessage()).contains("body.prompt: flagged");
    assertThat(fal.error().code()).isEqualTo("content_policy_violation");
  }

  @Test
  void errorInsideA200BodyIsTypedAndRetriedByItsStatus() {
    ProviderErrorHandler inBand = new ProviderErrorHandler() {
      @Override
      public ErrorDetails describe(RawResponse response) {
        return ProviderErrorHandler.standard().describe(response);
      }

      @Override
      public java.util.Optional<ErrorDetails> inBandError(RawResponse response) {
        JsonNode error = response.json().map(j -> j.get("error")).orElse(null);
        if (error == null) {
          return java.util.Optional.empty();
        }
        return java.util.Optional.of(ErrorDetails.builder().message(error.path("message").asText())
            .status(error.path("code").asInt(502)).build());
      }
    };
    sequence("POST", "/v1/chat", okJson("{\"error\":{\"code\":502,\"message\":\"provider fell over\"}}"), ok());
    Job job = client(b -> b.errorHandler(inBand)).postJson("/chat", Map.of(), Job.class);
    assertThat(job.id()).isEqualTo("job-1");
    wm.verify(2, postRequestedFor(urlEqualTo("/v1/chat")));

    wm.resetAll();
    wm.stubFor(post(urlEqualTo("/v1/chat")).willReturn(okJson("{\"error\":{\"code\":400,\"message\":\"bad\"}}")));
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> client(b -> b.errorHandler(inBand)).postJson("/chat", Map.of(), Job.class));
    assertThat(e.statusCode()).isEqualTo(400);
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/chat")));
  }

  @Test
  void brokenHandlerFallsBackToStandard() {
    wm.stubFor(get(urlEqualTo("/v1/jobs/1")).willReturn(status(404)));

    ProviderException e = catchThrowableOfType(ProviderException.class, () -> client(b -> b.errorHandler(r -> {
      throw new IllegalStateException("bug");
    })).getJson("/jobs/1", Job.class));

    assertThat(e).isExactlyInstanceOf(NotFoundException.class);
    assertThat(e.getMessage()).contains("status 404");
  }

  @Test
  void requestIdFromProviderHeader() {
    wm.stubFor(get(urlEqualTo("/v1/jobs/1")).willReturn(status(401).withHeader("x-fal-request-id", "fal-77")
        .withHeader("x-request-id", "other")));

    AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
        () -> client(b -> b.requestIdHeader("x-fal-request-id")).getJson("/jobs/1", Job.class));

    assertThat(e.requestId()).contains("fal-77");
    assertThat(e.getMessage()).contains("check the API key");
  }
}
