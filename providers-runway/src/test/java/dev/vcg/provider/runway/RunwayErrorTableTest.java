package dev.vcg.provider.runway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.AuthenticationException;
import dev.vcg.provider.InvalidRequestException;
import dev.vcg.provider.NotFoundException;
import dev.vcg.provider.OutcomeUnknownException;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.QuotaExceededException;
import dev.vcg.provider.RateLimitedException;
import dev.vcg.provider.ServerException;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoRequest;
import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every documented Runway error status and body, on an idempotent call (a task poll) and on the
 * paid task creation, becomes the right exception type with provider id, status, request id,
 * Runway's message and a trimmed body.
 */
class RunwayErrorTableTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final RunwayStubs runway = new RunwayStubs(wm);

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(400, "error-400-validation.json", InvalidRequestException.class, false,
            "Validation of body failed: ratio: Invalid option"),
        Arguments.of(400, "error-400-invalid-asset.json", InvalidRequestException.class, false,
            "promptImage: Invalid data URI."),
        Arguments.of(400, "error-400-insufficient-credits.json", QuotaExceededException.class, false,
            "You do not have enough credits"),
        Arguments.of(401, "error-401-unauthorized.json", AuthenticationException.class, false, "Invalid API key"),
        Arguments.of(404, "error-404-task-not-found.json", NotFoundException.class, false, "Task not found"),
        Arguments.of(429, "error-429-rate-limited.json", RateLimitedException.class, true,
            "exceeded the daily task limit"),
        Arguments.of(502, "error-502-overloaded.json", ServerException.class, true, "Bad Gateway"),
        Arguments.of(503, "error-502-overloaded.json", ServerException.class, true, "Bad Gateway"),
        Arguments.of(504, "error-502-overloaded.json", ServerException.class, true, "Bad Gateway"));
  }

  @ParameterizedTest(name = "task poll: HTTP {0} {1} -> {2}")
  @MethodSource("table")
  void pollErrorsAreTyped(int status, String fixture, Class<? extends ProviderException> type, boolean retryable,
                          String message) {
    runway.sequence(RunwayStubs.TASK, RunwayStubs.json(status, fixture).withHeader("x-request-id", "req-" + status));

    ProviderException e = catchThrowableOfType(ProviderException.class, () -> runway.video(
        runway.config("gen4_turbo").maxRetries(0).build()).poll(VideoJob.of("runway", RunwayStubs.TASK_ID, "gen4_turbo")));

    assertThat(e).isExactlyInstanceOf(type);
    assertThat(e.isRetryable()).isEqualTo(retryable);
    assertThat(e.providerId()).isEqualTo("runway");
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.requestId()).contains("req-" + status);
    assertThat(e.getMessage()).contains(message).doesNotContain(runway.key.reveal());
    assertThat(e.error().body()).isEqualToIgnoringWhitespace(RunwayStubs.raw(fixture));
    wm.verify(1, getRequestedFor(urlEqualTo(RunwayStubs.TASK)));
  }

  @ParameterizedTest(name = "task creation: HTTP {0} {1}")
  @MethodSource("table")
  void creationErrorsAreTypedAndAmbiguousOnesAreOutcomeUnknown(int status, String fixture,
                                                               Class<? extends ProviderException> type,
                                                               boolean retryable, String message) {
    runway.createFails("/v1/image_to_video", RunwayStubs.json(status, fixture));

    ProviderException e = catchThrowableOfType(ProviderException.class, () -> runway.video(
        runway.config("gen4_turbo").maxRetries(0).build()).submit(VideoRequest.builder().prompt("x")
        .startFrame(MediaRef.url(URI.create("https://example.com/a.jpg"))).build()));

    if (status >= 500) {
      assertThat(e).isExactlyInstanceOf(OutcomeUnknownException.class);
      assertThat(e.isRetryable()).isFalse();
    } else {
      assertThat(e).isExactlyInstanceOf(type);
    }
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.getMessage()).contains(message);
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/image_to_video")));
  }

  @ParameterizedTest(name = "task creation: HTTP {0} without a body")
  @org.junit.jupiter.params.provider.ValueSource(ints = {401, 404, 429})
  void errorsWithoutABodyAreTypedByStatus(int status) {
    runway.createFails("/v1/image_to_video", aResponse().withStatus(status));

    ProviderException e = catchThrowableOfType(ProviderException.class, () -> runway.video(
        runway.config("gen4_turbo").maxRetries(0).build()).submit(VideoRequest.builder().prompt("x")
        .startFrame(MediaRef.url(URI.create("https://example.com/a.jpg"))).build()));

    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.getMessage()).contains("no error body");
  }
}
