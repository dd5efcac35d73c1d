package dev.vcg.provider.runway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.JobState;
import dev.vcg.provider.OutcomeUnknownException;
import dev.vcg.provider.ProviderConnectionException;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.ProviderTimeoutException;
import dev.vcg.provider.RateLimitedException;
import dev.vcg.provider.ServerException;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoRequest;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Transport faults, retry sequences, Retry-After forms and ambiguous paid task creations, through
 * the Runway providers and the shared HTTP layer with a recording sleeper.
 */
class RunwayFaultsTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final RunwayStubs runway = new RunwayStubs(wm);

  private RunwayVideoProvider gen4() {
    return runway.video(runway.config("gen4_turbo").build());
  }

  private static VideoJob job() {
    return VideoJob.of("runway", RunwayStubs.TASK_ID, "gen4_turbo");
  }

  private static VideoRequest clip() {
    return VideoRequest.builder().prompt("x").startFrame(MediaRef.url(URI.create("https://example.com/a.jpg"))).build();
  }

  @ParameterizedTest(name = "task poll: {0} then an answer")
  @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
      "RANDOM_DATA_THEN_CLOSE"})
  void faultOnAPollIsRetried(Fault fault) {
    runway.sequence(RunwayStubs.TASK, aResponse().withFault(fault), RunwayStubs.json(200, "task-running.json"));

    assertThat(gen4().poll(job()).state()).isEqualTo(JobState.RUNNING);
    assertThat(wm.findAll(getRequestedFor(urlEqualTo(RunwayStubs.TASK))).size()).isBetween(2, 3);
  }

  @ParameterizedTest(name = "task poll: {0} every time")
  @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
      "RANDOM_DATA_THEN_CLOSE"})
  void persistentFaultOnAPollIsATypedRetryableError(Fault fault) {
    runway.sequence(RunwayStubs.TASK, aResponse().withFault(fault));

    ProviderException e = catchThrowableOfType(ProviderException.class, () -> gen4().poll(job()));

    assertThat(e).isInstanceOfAny(ProviderConnectionException.class, ProviderTimeoutException.class);
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.providerId()).isEqualTo("runway");
  }

  @Test
  void stalledBodyOfAPollTimesOut() {
    runway.sequence(RunwayStubs.TASK, RunwayStubs.json(200, "task-running.json").withChunkedDribbleDelay(5, 10_000));

    long start = System.nanoTime();
    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> runway.video(runway.config("gen4_turbo").requestTimeout(Duration.ofMillis(800)).maxRetries(0).build())
            .poll(job()));

    assertThat(e).isInstanceOf(ProviderTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void twoServerErrorsThenSuccessWaitsWithBackoffInRange() {
    runway.sequence(RunwayStubs.TASK, RunwayStubs.json(502, "error-502-overloaded.json"),
        RunwayStubs.json(502, "error-502-overloaded.json"), RunwayStubs.json(200, "task-succeeded.json"));

    assertThat(gen4().poll(job()).state()).isEqualTo(JobState.SUCCEEDED);

    wm.verify(3, getRequestedFor(urlEqualTo(RunwayStubs.TASK)));
    assertThat(runway.sleeper.delaysMillis()).hasSize(2);
    assertThat(runway.sleeper.delaysMillis().get(0)).isBetween(375L, 500L);
    assertThat(runway.sleeper.delaysMillis().get(1)).isBetween(750L, 1000L);
  }

  @Test
  void threeServerErrorsMakeExactlyThreeRequests() {
    runway.sequence(RunwayStubs.TASK, RunwayStubs.json(502, "error-502-overloaded.json"));

    catchThrowableOfType(ServerException.class, () -> gen4().poll(job()));

    wm.verify(3, getRequestedFor(urlEqualTo(RunwayStubs.TASK)));
  }

  @Test
  void retryAfterInEachFormIsObeyedExactly() {
    runway.sequence(RunwayStubs.TASK, RunwayStubs.json(429, "error-429-rate-limited.json").withHeader("Retry-After", "2"),
        aResponse().withStatus(429).withHeader("retry-after-ms", "250"),
        RunwayStubs.json(200, "task-running.json"));

    assertThat(gen4().poll(job()).state()).isEqualTo(JobState.RUNNING);
    assertThat(runway.sleeper.delays()).containsExactly(Duration.ofSeconds(2), Duration.ofMillis(250));

    runway.sleeper.clear();
    runway.clock.set(java.time.Instant.parse("2026-01-01T00:10:00Z"));
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(runway.clock.instant().plusSeconds(4)
        .atOffset(ZoneOffset.UTC));
    runway.sequence(RunwayStubs.TASK, aResponse().withStatus(503).withHeader("Retry-After", date),
        RunwayStubs.json(200, "task-running.json"));
    assertThat(gen4().poll(job()).state()).isEqualTo(JobState.RUNNING);
    assertThat(runway.sleeper.delays()).containsExactly(Duration.ofSeconds(4));
  }

  @Test
  void retryAfterLongerThanSixtySecondsIsATypedErrorWithoutRetry() {
    runway.sequence(RunwayStubs.TASK, RunwayStubs.json(429, "error-429-rate-limited.json").withHeader("Retry-After", "61"),
        RunwayStubs.json(200, "task-running.json"));

    RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> gen4().poll(job()));

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(61));
    wm.verify(1, getRequestedFor(urlEqualTo(RunwayStubs.TASK)));
    assertThat(runway.sleeper.delays()).isEmpty();
  }

  @ParameterizedTest(name = "task creation answered HTTP {0} is not retried")
  @ValueSource(ints = {500, 502, 504})
  void ambiguousStatusOnCreationIsOutcomeUnknownAfterOneRequest(int status) {
    runway.createFails("/v1/image_to_video", RunwayStubs.json(status, "error-502-overloaded.json"));

    OutcomeUnknownException e = catchThrowableOfType(OutcomeUnknownException.class, () -> gen4().submit(clip()));

    assertThat(e.statusCode()).isEqualTo(status);
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/image_to_video")));
  }

  @ParameterizedTest(name = "task creation with {0} is not retried")
  @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
      "RANDOM_DATA_THEN_CLOSE"})
  void brokenConnectionOnCreationIsOutcomeUnknownAfterOneRequest(Fault fault) {
    runway.createFails("/v1/image_to_video", aResponse().withFault(fault));

    catchThrowableOfType(OutcomeUnknownException.class, () -> gen4().submit(clip()));

    wm.verify(1, postRequestedFor(urlEqualTo("/v1/image_to_video")));
  }

  @Test
  void timeoutOfCreationIsOutcomeUnknownAfterOneRequestForVideoAndImage() {
    runway.createFails("/v1/image_to_video", RunwayStubs.json(200, "create-task-response.json").withFixedDelay(3000));
    runway.createFails("/v1/text_to_image", RunwayStubs.json(200, "create-task-response.json").withFixedDelay(3000));

    catchThrowableOfType(OutcomeUnknownException.class, () -> runway.video(runway.config("gen4_turbo")
        .requestTimeout(Duration.ofMillis(500)).build()).submit(clip()));
    catchThrowableOfType(OutcomeUnknownException.class, () -> runway.image(runway.config("gen4_image")
        .requestTimeout(Duration.ofMillis(500)).build()).generate(ImageRequest.builder().prompt("x")
        .size(new ImageSize(1024, 1024)).build()));

    wm.verify(1, postRequestedFor(urlEqualTo("/v1/image_to_video")));
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/text_to_image")));
  }

  @Test
  void stalledBodyOfCreationIsOutcomeUnknownAfterOneRequestForVideoAndImage() {
    runway.createFails("/v1/image_to_video", RunwayStubs.json(200, "create-task-response.json")
        .withChunkedDribbleDelay(5, 10_000));
    runway.createFails("/v1/text_to_image", RunwayStubs.json(200, "create-task-response.json")
        .withChunkedDribbleDelay(5, 10_000));

    long start = System.nanoTime();
    OutcomeUnknownException e = catchThrowableOfType(OutcomeUnknownException.class, () -> runway.video(runway
        .config("gen4_turbo").requestTimeout(Duration.ofMillis(800)).build()).submit(clip()));
    catchThrowableOfType(OutcomeUnknownException.class, () -> runway.image(runway.config("gen4_image")
        .requestTimeout(Duration.ofMillis(800)).build()).generate(ImageRequest.builder().prompt("x")
        .size(new ImageSize(1024, 1024)).build()));

    assertThat(e.isRetryable()).isFalse();
    assertThat(e.providerId()).isEqualTo("runway");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/image_to_video")));
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/text_to_image")));
    assertThat(runway.sleeper.delays()).isEmpty();
  }

  @Test
  void rateLimitedCreationIsRetriedBecauseItWasNotProcessed() {
    runway.sequence(p -> post(urlEqualTo(p)), "/v1/image_to_video",
        RunwayStubs.json(429, "error-429-rate-limited.json").withHeader("Retry-After", "1"),
        RunwayStubs.json(200, "create-task-response.json"));

    assertThat(gen4().submit(clip()).id()).isEqualTo(RunwayStubs.TASK_ID);
    wm.verify(2, postRequestedFor(urlEqualTo("/v1/image_to_video")));
    assertThat(runway.sleeper.delays()).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void creationAcceptedWithoutATaskIdIsOutcomeUnknown() {
    runway.createFails("/v1/image_to_video", aResponse().withStatus(201).withHeader("Content-Type", "application/json")
        .withBody("{\"taskId\":\"x\"}"));

    OutcomeUnknownException e = catchThrowableOfType(OutcomeUnknownException.class, () -> gen4().submit(clip()));

    assertThat(e.getMessage()).contains("task id");
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/image_to_video")));
  }
}
