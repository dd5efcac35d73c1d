package dev.vcg.provider.fal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ImageRequest;
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
 * Transport faults, retry sequences, Retry-After forms and ambiguous paid submissions, through the
 * fal providers and the shared HTTP layer with a recording sleeper (no real waiting for retries).
 */
class FalFaultsTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String STATUS = "/fal-ai/kling-video/requests/" + FalStubs.KLING_ID + "/status";

  private final FalStubs fal = new FalStubs(wm);

  private FalVideoProvider kling() {
    return fal.video(fal.config(FalStubs.KLING_21).build());
  }

  private static VideoJob job() {
    return VideoJob.of("fal", FalStubs.KLING_ID, FalStubs.KLING_21);
  }

  private static VideoRequest clip() {
    return VideoRequest.builder().prompt("x").startFrame(MediaRef.url(URI.create("https://example.com/a.jpg"))).build();
  }

  private ResponseDefinitionBuilder running() {
    return fal.json(202, "status-in-progress-kling.json");
  }

  private ResponseDefinitionBuilder error500() {
    return fal.json(500, "error-500-internal.json");
  }

  @ParameterizedTest(name = "status poll: {0} then an answer")
  @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
      "RANDOM_DATA_THEN_CLOSE"})
  void faultOnAPollIsRetried(Fault fault) {
    fal.sequence(STATUS, aResponse().withFault(fault), running());

    assertThat(kling().poll(job()).state()).isEqualTo(JobState.RUNNING);
    assertThat(wm.findAll(getRequestedFor(urlPathEqualTo(STATUS))).size()).isBetween(2, 3);
  }

  @ParameterizedTest(name = "status poll: {0} every time")
  @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
      "RANDOM_DATA_THEN_CLOSE"})
  void persistentFaultOnAPollIsATypedRetryableError(Fault fault) {
    fal.sequence(STATUS, aResponse().withFault(fault));

    ProviderException e = catchThrowableOfType(ProviderException.class, () -> kling().poll(job()));

    assertThat(e).isInstanceOfAny(ProviderConnectionException.class, ProviderTimeoutException.class);
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.providerId()).isEqualTo("fal");
    assertThat(e.statusCode()).isZero();
  }

  @Test
  void stalledBodyOfAPollTimesOut() {
    fal.sequence(STATUS, running().withChunkedDribbleDelay(5, 10_000));

    long start = System.nanoTime();
    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> fal.video(fal.config(FalStubs.KLING_21).requestTimeout(Duration.ofMillis(800)).maxRetries(0).build())
            .poll(job()));

    assertThat(e).isInstanceOf(ProviderTimeoutException.class);
    assertThat(e.isRetryable()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void twoServerErrorsThenSuccessWaitsWithBackoffInRange() {
    fal.sequence(STATUS, error500(), error500(), running());

    assertThat(kling().poll(job()).state()).isEqualTo(JobState.RUNNING);

    wm.verify(3, getRequestedFor(urlPathEqualTo(STATUS)));
    assertThat(fal.sleeper.delaysMillis()).hasSize(2);
    assertThat(fal.sleeper.delaysMillis().get(0)).isBetween(375L, 500L);
    assertThat(fal.sleeper.delaysMillis().get(1)).isBetween(750L, 1000L);
  }

  @Test
  void threeServerErrorsMakeExactlyThreeRequests() {
    fal.sequence(STATUS, error500());

    ServerException e = catchThrowableOfType(ServerException.class, () -> kling().poll(job()));

    assertThat(e.statusCode()).isEqualTo(500);
    wm.verify(3, getRequestedFor(urlPathEqualTo(STATUS)));
    assertThat(fal.sleeper.delaysMillis()).hasSize(2);
  }

  @Test
  void retryAfterSecondsIsObeyedExactly() {
    fal.sequence(STATUS, fal.json(429, "error-404-request-not-found.json").withHeader("Retry-After", "2"), running());

    assertThat(kling().poll(job()).state()).isEqualTo(JobState.RUNNING);
    assertThat(fal.sleeper.delays()).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void retryAfterMillisecondsIsObeyedExactly() {
    fal.sequence(STATUS, aResponse().withStatus(429).withHeader("retry-after-ms", "150"), running());

    assertThat(kling().poll(job()).state()).isEqualTo(JobState.RUNNING);
    assertThat(fal.sleeper.delays()).containsExactly(Duration.ofMillis(150));
  }

  @Test
  void retryAfterHttpDateIsRelativeToTheInjectedClock() {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(fal.clock.instant().plusSeconds(3).atOffset(ZoneOffset.UTC));
    fal.sequence(STATUS, aResponse().withStatus(429).withHeader("Retry-After", date), running());

    assertThat(kling().poll(job()).state()).isEqualTo(JobState.RUNNING);
    assertThat(fal.sleeper.delays()).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void retryAfterLongerThanSixtySecondsIsATypedErrorWithoutRetry() {
    fal.sequence(STATUS, aResponse().withStatus(429).withHeader("Retry-After", "61"), running());

    RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> kling().poll(job()));

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(61));
    assertThat(e.isRetryable()).isTrue();
    wm.verify(1, getRequestedFor(urlPathEqualTo(STATUS)));
    assertThat(fal.sleeper.delays()).isEmpty();
  }

  @ParameterizedTest(name = "video submit answered HTTP {0} is not retried")
  @ValueSource(ints = {500, 502, 504})
  void ambiguousStatusOnTheVideoSubmitIsOutcomeUnknownAfterOneRequest(int status) {
    fal.submit(FalStubs.KLING_21, aResponse().withStatus(status).withBody("{\"detail\":\"boom\"}"));

    OutcomeUnknownException e = catchThrowableOfType(OutcomeUnknownException.class, () -> kling().submit(clip()));

    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.isRetryable()).isFalse();
    wm.verify(1, postRequestedFor(urlEqualTo("/" + FalStubs.KLING_21)));
  }

  @ParameterizedTest(name = "video submit with {0} is not retried")
  @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
      "RANDOM_DATA_THEN_CLOSE"})
  void brokenConnectionOnTheVideoSubmitIsOutcomeUnknownAfterOneRequest(Fault fault) {
    fal.submit(FalStubs.KLING_21, aResponse().withFault(fault));

    catchThrowableOfType(OutcomeUnknownException.class, () -> kling().submit(clip()));

    wm.verify(1, postRequestedFor(urlEqualTo("/" + FalStubs.KLING_21)));
  }

  @Test
  void timeoutOfTheVideoSubmitIsOutcomeUnknownAfterOneRequest() {
    fal.submit(FalStubs.KLING_21, fal.json(200, "queue-submit-response-kling.json").withFixedDelay(3000));

    OutcomeUnknownException e = catchThrowableOfType(OutcomeUnknownException.class,
        () -> fal.video(fal.config(FalStubs.KLING_21).requestTimeout(Duration.ofMillis(500)).build()).submit(clip()));

    assertThat(e.getMessage()).contains("not retried");
    wm.verify(1, postRequestedFor(urlEqualTo("/" + FalStubs.KLING_21)));
  }

  @Test
  void stalledBodyOfTheVideoSubmitIsOutcomeUnknownAfterOneRequest() {
    fal.submit(FalStubs.KLING_21, fal.json(200, "queue-submit-response-kling.json").withChunkedDribbleDelay(5, 10_000));

    long start = System.nanoTime();
    OutcomeUnknownException e = catchThrowableOfType(OutcomeUnknownException.class,
        () -> fal.video(fal.config(FalStubs.KLING_21).requestTimeout(Duration.ofMillis(800)).build()).submit(clip()));

    assertThat(e.isRetryable()).isFalse();
    assertThat(e.providerId()).isEqualTo("fal");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    wm.verify(1, postRequestedFor(urlEqualTo("/" + FalStubs.KLING_21)));
    assertThat(fal.sleeper.delays()).isEmpty();
  }

  @Test
  void stalledBodyOfTheImageSubmitIsOutcomeUnknownAfterOneRequest() {
    fal.submit("fal-ai/flux/dev", fal.json(200, "queue-submit-response-flux-dev.json").withChunkedDribbleDelay(5, 10_000));

    catchThrowableOfType(OutcomeUnknownException.class, () -> fal.image(fal.config("fal-ai/flux/dev")
        .requestTimeout(Duration.ofMillis(800)).build()).generate(ImageRequest.builder().prompt("x").build()));

    wm.verify(1, postRequestedFor(urlEqualTo("/fal-ai/flux/dev")));
  }

  @Test
  void ambiguousFailuresOfTheImageSubmitAreOutcomeUnknownAfterOneRequest() {
    FalImageProvider flux = fal.image(fal.config("fal-ai/flux/dev").requestTimeout(Duration.ofMillis(500)).build());
    ImageRequest r = ImageRequest.builder().prompt("x").build();

    fal.submit("fal-ai/flux/dev", error500());
    catchThrowableOfType(OutcomeUnknownException.class, () -> flux.generate(r));
    fal.submit("fal-ai/flux/dev", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    catchThrowableOfType(OutcomeUnknownException.class, () -> flux.generate(r));
    fal.submit("fal-ai/flux/dev", okJson("{}").withFixedDelay(3000));
    catchThrowableOfType(OutcomeUnknownException.class, () -> flux.generate(r));

    wm.verify(3, postRequestedFor(urlEqualTo("/fal-ai/flux/dev")));
  }

  @Test
  void submitRateLimitedIsRetriedBecauseItWasNotProcessed() {
    fal.sequence(p -> post(urlEqualTo(p)), "/" + FalStubs.KLING_21,
        aResponse().withStatus(429).withHeader("Retry-After", "1"), fal.json(200, "queue-submit-response-kling.json"));

    VideoJob job = kling().submit(clip());

    assertThat(job.id()).isEqualTo(FalStubs.KLING_ID);
    wm.verify(2, postRequestedFor(urlEqualTo("/" + FalStubs.KLING_21)));
    assertThat(fal.sleeper.delays()).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void submitAcceptedWithoutARequestIdIsOutcomeUnknown() {
    fal.submit(FalStubs.KLING_21, okJson("{\"status\":\"IN_QUEUE\"}"));

    OutcomeUnknownException e = catchThrowableOfType(OutcomeUnknownException.class, () -> kling().submit(clip()));

    assertThat(e.getMessage()).contains("request_id");
    wm.verify(1, postRequestedFor(urlEqualTo("/" + FalStubs.KLING_21)));
  }

  @Test
  void submitRequestIdFromTheHeaderWhenTheBodyHasNone() {
    fal.submit(FalStubs.KLING_21, okJson("{\"status\":\"IN_QUEUE\"}").withHeader("x-fal-request-id", "abc-123"));

    assertThat(kling().submit(clip()).id()).isEqualTo("abc-123");
  }
}
