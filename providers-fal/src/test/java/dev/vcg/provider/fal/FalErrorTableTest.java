package dev.vcg.provider.fal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.AuthenticationException;
import dev.vcg.provider.ContentPolicyException;
import dev.vcg.provider.InvalidRequestException;
import dev.vcg.provider.NotFoundException;
import dev.vcg.provider.PermissionDeniedException;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.QuotaExceededException;
import dev.vcg.provider.RateLimitedException;
import dev.vcg.provider.ServerException;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoRequest;
import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every documented fal error status and body, on an idempotent call (a status poll) and on the paid
 * submission, becomes the right exception type with provider id, status, request id, fal's message
 * and a trimmed body.
 */
class FalErrorTableTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String STATUS = "/fal-ai/kling-video/requests/" + FalStubs.KLING_ID + "/status";
  private static final String REQUEST_ID = "9a8b7c6d-0000-4000-8000-00000000abcd";

  private final FalStubs fal = new FalStubs(wm);

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(400, "cancel-response-400-already-completed.json", InvalidRequestException.class, false, null,
            "ALREADY_COMPLETED"),
        Arguments.of(401, "error-401-unauthorized.json", AuthenticationException.class, false, null,
            "Authentication is required"),
        Arguments.of(403, "error-403-exhausted-balance.json", QuotaExceededException.class, false,
            "exhausted_balance", "Exhausted balance"),
        Arguments.of(404, "error-404-request-not-found.json", NotFoundException.class, false, null,
            "Request not found"),
        Arguments.of(422, "error-422-validation.json", InvalidRequestException.class, false, "literal_error",
            "body.duration: Input should be '5' or '10'; body.prompt: Field required"),
        Arguments.of(422, "error-422-content-policy.json", ContentPolicyException.class, false,
            "content_policy_violation", "flagged by a content checker"),
        Arguments.of(422, "error-422-image-too-large.json", InvalidRequestException.class, false, "image_too_large",
            "Maximum allowed is 4096x4096"),
        Arguments.of(422, "error-422-detail-string.json", InvalidRequestException.class, false, null,
            "Image URL could not be downloaded"),
        Arguments.of(429, "error-404-request-not-found.json", RateLimitedException.class, true, null,
            "Request not found"),
        Arguments.of(500, "error-500-internal.json", ServerException.class, true, "internal_error",
            "Internal server error"),
        Arguments.of(503, "error-503-runner-scheduling-failure.json", ServerException.class, true,
            "runner_scheduling_failure", "No runner could be allocated"),
        Arguments.of(504, "error-504-request-timeout.json", ServerException.class, true, "request_timeout",
            "Request timed out"));
  }

  private VideoJob job() {
    return VideoJob.of("fal", FalStubs.KLING_ID, FalStubs.KLING_21);
  }

  @ParameterizedTest(name = "status poll: HTTP {0} {1} -> {2}")
  @MethodSource("table")
  void statusErrorsAreTyped(int status, String fixture, Class<? extends ProviderException> type, boolean retryable,
                            String code, String message) {
    fal.sequence(STATUS, fal.json(status, fixture).withHeader("x-fal-request-id", REQUEST_ID));

    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> fal.video(fal.config(FalStubs.KLING_21).maxRetries(0).build()).poll(job()));

    assertThat(e).isExactlyInstanceOf(type);
    assertThat(e.isRetryable()).isEqualTo(retryable);
    assertThat(e.providerId()).isEqualTo("fal");
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.requestId()).contains(REQUEST_ID);
    assertThat(e.error().code()).isEqualTo(code);
    assertThat(e.getMessage()).contains(message);
    assertThat(e.error().body()).isEqualToIgnoringWhitespace(fal.fixture(fixture));
    assertThat(e.getMessage()).doesNotContain(fal.key.reveal());
    wm.verify(1, getRequestedFor(urlPathEqualTo(STATUS)));
  }

  @ParameterizedTest(name = "paid submit: HTTP {0} {1}")
  @MethodSource("table")
  void submitErrorsAreTypedAndAmbiguousOnesAreOutcomeUnknown(int status, String fixture,
                                                             Class<? extends ProviderException> type,
                                                             boolean retryable, String code, String message) {
    fal.submit(FalStubs.KLING_21, fal.json(status, fixture).withHeader("x-fal-request-id", REQUEST_ID));

    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> fal.video(fal.config(FalStubs.KLING_21).maxRetries(0).build()).submit(VideoRequest.builder()
            .prompt("x").startFrame(MediaRef.url(URI.create("https://example.com/a.jpg"))).build()));

    boolean ambiguous = status == 500 || status == 504 || status == 503;
    if (ambiguous) {
      assertThat(e).isExactlyInstanceOf(dev.vcg.provider.OutcomeUnknownException.class);
      assertThat(e.isRetryable()).isFalse();
      assertThat(e.getMessage()).contains("not retried");
    } else {
      assertThat(e).isExactlyInstanceOf(type);
    }
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.requestId()).contains(REQUEST_ID);
    assertThat(e.getMessage()).contains(message);
    wm.verify(1, postRequestedFor(urlEqualTo("/" + FalStubs.KLING_21)));
  }

  @Test
  void forbiddenWithoutBalanceTextIsAPermissionError() {
    fal.sequence(STATUS, aResponse().withStatus(403).withHeader("Content-Type", "application/json")
        .withBody("{\"detail\":\"Not allowed to access this app\"}"));

    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> fal.video(fal.config(FalStubs.KLING_21).maxRetries(0).build()).poll(job()));

    assertThat(e).isExactlyInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void errorTypeFromTheHeaderWhenTheBodyHasNone() {
    fal.sequence(STATUS, aResponse().withStatus(503).withHeader("X-Fal-Error-Type", "runner_disconnected")
        .withBody("upstream gone"));

    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> fal.video(fal.config(FalStubs.KLING_21).maxRetries(0).build()).poll(job()));

    assertThat(e.error().code()).isEqualTo("runner_disconnected");
    assertThat(e.getMessage()).contains("upstream gone");
  }

  @Test
  void gatewayTimeoutOfTheCallersOwnStartTimeoutIsNotRetried() {
    ResponseDefinitionBuilder userTimeout = fal.json(504, "error-504-request-timeout.json")
        .withHeader("x-fal-request-timeout-type", "user").withHeader("X-Fal-Error-Type", "request_timeout");
    fal.sequence(STATUS, userTimeout);

    ProviderException e = catchThrowableOfType(ProviderException.class,
        () -> fal.video(fal.config(FalStubs.KLING_21).build()).poll(job()));

    assertThat(e).isInstanceOf(ServerException.class);
    wm.verify(1, getRequestedFor(urlPathEqualTo(STATUS)));

    wm.resetAll();
    fal.sequence(STATUS, fal.json(504, "error-504-request-timeout.json"));
    catchThrowableOfType(ProviderException.class, () -> fal.video(fal.config(FalStubs.KLING_21).build()).poll(job()));
    wm.verify(3, getRequestedFor(urlPathEqualTo(STATUS)));
  }

  @Test
  void falRetryableHeaderFalseStopsRetries() {
    fal.sequence(STATUS, fal.json(503, "error-503-runner-scheduling-failure.json").withHeader("X-Fal-Retryable", "false"));

    catchThrowableOfType(ServerException.class, () -> fal.video(fal.config(FalStubs.KLING_21).build()).poll(job()));

    wm.verify(1, getRequestedFor(urlPathEqualTo(STATUS)));
  }
}
