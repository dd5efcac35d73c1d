package dev.vcg.provider.fal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vcg.direction.CameraMove;
import dev.vcg.internal.Json;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.AuthenticationException;
import dev.vcg.provider.InvalidRequestException;
import dev.vcg.provider.JobState;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.NotFoundException;
import dev.vcg.provider.ServerException;
import dev.vcg.provider.UnsupportedCapabilityException;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoRequest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** fal image-to-video (Kling and other models) against fal's documented queue contract. */
class FalVideoProviderTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final FalStubs fal = new FalStubs(wm);

  private static MediaRef url(String u) {
    return MediaRef.url(URI.create(u));
  }

  private static VideoRequest.Builder request(String prompt, String start) {
    return VideoRequest.builder().prompt(prompt).startFrame(url(start));
  }

  @Test
  void kling21ProSendsImageUrlAndTailImageUrlAndReturnsAFollowableJob() {
    fal.klingRoundTrip(FalStubs.KLING_21, fal.json(202, "status-in-progress-kling.json"));

    VideoJob job = fal.video(fal.config(FalStubs.KLING_21).build()).submit(request(
        "The camera slowly pushes in as the woman turns her head and smiles, hair moving in the wind",
        "https://example.com/start-frame.jpg").endFrame(url("https://example.com/end-frame.jpg"))
        .durationSeconds(5).negativePrompt("blur, distort, and low quality").extraParameter("cfg_scale", 0.5)
        .build());

    wm.verify(1, postRequestedFor(urlEqualTo("/" + FalStubs.KLING_21))
        .withHeader("Authorization", equalTo("Key " + fal.key.reveal()))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson(FalStubs.raw("kling-v2.1-pro-i2v-request.json"))));
    assertThat(job.providerId()).isEqualTo("fal");
    assertThat(job.id()).isEqualTo(FalStubs.KLING_ID);
    assertThat(job.model()).isEqualTo(FalStubs.KLING_21);
    String base = wm.baseUrl() + "/fal-ai/kling-video/requests/" + FalStubs.KLING_ID;
    assertThat(job.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
        FalVideoProvider.ATTR_STATUS_URL, base + "/status",
        FalVideoProvider.ATTR_RESPONSE_URL, base,
        FalVideoProvider.ATTR_CANCEL_URL, base + "/cancel",
        FalVideoProvider.ATTR_DURATION, "5"));
  }

  @Test
  void kling21ProAcceptsADataUriStartFrame() {
    fal.klingRoundTrip(FalStubs.KLING_21, fal.json(202, "status-in-progress-kling.json"));
    String dataUri = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhK"
        + "mMIQAAAABJRU5ErkJggg==";

    fal.video(fal.config(FalStubs.KLING_21).build()).submit(VideoRequest.builder()
        .prompt("Gentle parallax, leaves drifting down").startFrame(url(dataUri)).durationSeconds(10).build());

    wm.verify(postRequestedFor(urlEqualTo("/" + FalStubs.KLING_21))
        .withRequestBody(equalToJson(FalStubs.raw("kling-v2.1-pro-i2v-request-data-uri.json"))));
  }

  @Test
  void localFrameFileIsSentAsADataUri(@TempDir Path dir) throws Exception {
    fal.klingRoundTrip(FalStubs.KLING_21, fal.json(202, "status-in-progress-kling.json"));
    byte[] png = Base64.getDecoder().decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    Path frame = Files.write(dir.resolve("f0.png"), png);

    fal.video(fal.config(FalStubs.KLING_21).build()).submit(VideoRequest.builder().prompt("drift")
        .startFrame(MediaRef.file(frame)).build());

    wm.verify(postRequestedFor(urlEqualTo("/" + FalStubs.KLING_21)).withRequestBody(
        matchingJsonPath("$.image_url", equalTo("data:image/png;base64," + Base64.getEncoder().encodeToString(png)))));
  }

  @Test
  void kling16ProSendsAspectRatio() {
    String model = "fal-ai/kling-video/v1.6/pro/image-to-video";
    fal.klingRoundTrip(model, fal.json(202, "status-in-progress-kling.json"));

    fal.video(fal.config(model).build()).submit(request("A paper boat drifts across a puddle, ripples spreading",
        "https://example.com/boat.jpg").endFrame(url("https://example.com/boat-end.jpg"))
        .aspectRatio(AspectRatio.LANDSCAPE_16_9).negativePrompt("blur, distort, and low quality")
        .extraParameter("cfg_scale", 0.5).build());

    wm.verify(postRequestedFor(urlEqualTo("/" + model))
        .withRequestBody(equalToJson(FalStubs.raw("kling-v1.6-pro-i2v-request.json"))));
  }

  @Test
  void kling26ProSendsStartAndEndImageUrlAndAudioOffByDefault() {
    String model = "fal-ai/kling-video/v2.6/pro/image-to-video";
    fal.klingRoundTrip(model, fal.json(202, "status-in-progress-kling.json"));

    fal.video(fal.config(model).build()).submit(request("The dancer spins twice and lands facing the camera",
        "https://example.com/dancer-start.jpg").endFrame(url("https://example.com/dancer-end.jpg"))
        .durationSeconds(10).negativePrompt("blur, distort, and low quality").build());

    wm.verify(postRequestedFor(urlEqualTo("/" + model))
        .withRequestBody(equalToJson(FalStubs.raw("kling-v2.6-pro-i2v-request.json"))));
  }

  @Test
  void kling3ProTakesEightSecondsAsAStringAndAudioCanBeSwitchedOn() {
    String model = "fal-ai/kling-video/v3/pro/image-to-video";
    fal.klingRoundTrip(model, fal.json(202, "status-in-progress-kling.json"));
    VideoRequest r = request("Slow dolly-out revealing the whole mountain range", "https://example.com/peak.jpg")
        .endFrame(url("https://example.com/range.jpg")).durationSeconds(8)
        .negativePrompt("blur, distort, and low quality").extraParameter("cfg_scale", 0.5).build();

    fal.video(fal.config(model).build()).submit(r);
    wm.verify(postRequestedFor(urlEqualTo("/" + model))
        .withRequestBody(equalToJson(FalStubs.raw("kling-v3-pro-i2v-request.json"))));

    wm.resetRequests();
    fal.video(fal.config(model).option("video.generate-audio", "true").build()).submit(r);
    wm.verify(postRequestedFor(urlEqualTo("/" + model))
        .withRequestBody(matchingJsonPath("$.generate_audio", equalTo("true"))));
  }

  @Test
  void cameraMoveIsDescribedAtTheEndOfThePrompt() {
    fal.klingRoundTrip(FalStubs.KLING_21, fal.json(202, "status-in-progress-kling.json"));

    fal.video(fal.config(FalStubs.KLING_21).build()).submit(request("A lighthouse in a storm",
        "https://example.com/a.jpg").cameraMove(CameraMove.PUSH_IN).build());
    wm.verify(postRequestedFor(urlEqualTo("/" + FalStubs.KLING_21))
        .withRequestBody(matchingJsonPath("$.prompt", equalTo("A lighthouse in a storm. Camera: slow push in."))));

    wm.resetRequests();
    fal.video(fal.config(FalStubs.KLING_21).option("video.camera-in-prompt", "false").build()).submit(
        request("A lighthouse in a storm", "https://example.com/a.jpg").cameraMove(CameraMove.PUSH_IN).build());
    wm.verify(postRequestedFor(urlEqualTo("/" + FalStubs.KLING_21))
        .withRequestBody(matchingJsonPath("$.prompt", equalTo("A lighthouse in a storm"))));
  }

  @Test
  void capabilitiesAreRefusedBeforeAnyCall() {
    FalVideoProvider standard = fal.video(fal.config("fal-ai/kling-video/v2.1/standard/image-to-video").build());
    FalVideoProvider pro = fal.video(fal.config(FalStubs.KLING_21).build());
    FalVideoProvider v16 = fal.video(fal.config("fal-ai/kling-video/v1.6/pro/image-to-video").build());

    assertThat(standard.capabilities().supportsEndFrame()).isFalse();
    assertThatThrownBy(() -> standard.submit(request("x", "https://example.com/a.jpg")
        .endFrame(url("https://example.com/b.jpg")).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("end frame");
    assertThatThrownBy(() -> pro.submit(request("x", "https://example.com/a.jpg").durationSeconds(7).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("[5, 10]");
    assertThatThrownBy(() -> v16.submit(request("x", "https://example.com/a.jpg")
        .aspectRatio(AspectRatio.LANDSCAPE_4_3).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("4:3");
    assertThatThrownBy(() -> pro.submit(request("x".repeat(2501), "https://example.com/a.jpg").build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("2500");
    assertThatThrownBy(() -> pro.submit(request("x", "https://example.com/a.jpg")
        .model("fal-ai/kling-video/v2/master/image-to-video").endFrame(url("https://example.com/b.jpg")).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("v2/master");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void requestModelIsCheckedAgainstItsOwnCapabilities() {
    String v3 = "fal-ai/kling-video/v3/pro/image-to-video";
    fal.klingRoundTrip(v3, fal.json(202, "status-in-progress-kling.json"));
    FalVideoProvider standard = fal.video(fal.config("fal-ai/kling-video/v2.1/standard/image-to-video").build());

    VideoJob job = standard.submit(request("x", "https://example.com/a.jpg").model(v3)
        .endFrame(url("https://example.com/b.jpg")).durationSeconds(12).build());

    assertThat(job.model()).isEqualTo(v3);
    wm.verify(postRequestedFor(urlEqualTo("/" + v3)).withRequestBody(matchingJsonPath("$.duration", equalTo("12")))
        .withRequestBody(matchingJsonPath("$.end_image_url", equalTo("https://example.com/b.jpg"))));
  }

  @Test
  void knownModelsDeclareTheirRealLimits() {
    FalVideoProvider v3 = fal.video(fal.config("fal-ai/kling-video/v3/pro/image-to-video").build());
    assertThat(v3.capabilities().durationsSeconds()).containsExactly(3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    assertThat(v3.capabilities().supportsEndFrame()).isTrue();
    assertThat(v3.capabilities().aspectFollowsImage()).isTrue();
    assertThat(v3.capabilities().supportsSeed()).isFalse();
    FalVideoProvider v16 = fal.video(fal.config("fal-ai/kling-video/v1.6/pro/image-to-video").build());
    assertThat(v16.capabilities().aspectRatios())
        .containsExactly(AspectRatio.LANDSCAPE_16_9, AspectRatio.PORTRAIT_9_16, AspectRatio.SQUARE);
    assertThat(fal.video(fal.config(null).build()).model()).isEqualTo(FalStubs.KLING_21);
  }

  @Test
  void unknownModelWorksWithConfiguredFieldNames() {
    String model = "acme/animator/v1/image-to-video";
    fal.submit(model, okJson("{\"status\":\"IN_QUEUE\",\"request_id\":\"req-1\"}"));
    FalVideoProvider acme = fal.video(fal.config(model)
        .option("video.start-image-field", "first_frame_url")
        .option("video.end-image-field", "last_frame_url")
        .option("video.aspect-ratio-field", "ratio")
        .option("video.aspect-ratios", "16:9,9:16")
        .option("video.durations", "4-6")
        .option("video.duration-type", "integer")
        .option("video.negative-prompt-field", "none")
        .option("video.audio-field", "with_sound").build());

    assertThat(acme.capabilities().durationsSeconds()).containsExactly(4, 5, 6);
    assertThat(acme.capabilities().supportsEndFrame()).isTrue();
    VideoJob job = acme.submit(request("go", "https://example.com/a.jpg").endFrame(url("https://example.com/b.jpg"))
        .durationSeconds(6).aspectRatio(AspectRatio.PORTRAIT_9_16).negativePrompt("ignored").build());

    wm.verify(postRequestedFor(urlEqualTo("/" + model)).withRequestBody(equalToJson("{\"prompt\":\"go\","
        + "\"first_frame_url\":\"https://example.com/a.jpg\",\"last_frame_url\":\"https://example.com/b.jpg\","
        + "\"duration\":6,\"ratio\":\"9:16\",\"with_sound\":false}")));
    assertThat(job.attributes().get(FalVideoProvider.ATTR_STATUS_URL))
        .isEqualTo(wm.baseUrl() + "/acme/animator/requests/req-1/status");
  }

  @Test
  void unknownModelDefaultsToImageUrlWithoutEndFrame() {
    FalVideoProvider other = fal.video(fal.config("fal-ai/minimax/video-01/image-to-video").build());

    assertThat(other.capabilities().supportsEndFrame()).isFalse();
    assertThat(other.capabilities().durationsSeconds()).containsExactly(5, 10);
    assertThat(other.capabilities().aspectFollowsImage()).isTrue();
  }

  @Test
  void pollMapsEveryQueueStatusAndFetchesTheResultOnceCompleted() {
    fal.klingRoundTrip(FalStubs.KLING_21, fal.json(202, "status-in-queue.json"),
        fal.json(202, "status-in-progress-kling.json"), fal.json(200, "status-completed-kling.json"));
    FalVideoProvider kling = fal.video(fal.config(FalStubs.KLING_21).build());
    VideoJob job = kling.submit(request("x", "https://example.com/a.jpg").durationSeconds(10).build());

    JobStatus queued = kling.poll(job);
    assertThat(queued.state()).isEqualTo(JobState.QUEUED);
    assertThat(queued.rawStatus()).isEqualTo("IN_QUEUE");
    assertThat(queued.pollAfter()).isEqualTo(Duration.ofSeconds(5));
    wm.verify(0, getRequestedFor(urlEqualTo("/fal-ai/kling-video/requests/" + FalStubs.KLING_ID)));

    JobStatus running = kling.poll(job);
    assertThat(running.state()).isEqualTo(JobState.RUNNING);
    assertThat(running.progress()).isEqualTo(-1);

    JobStatus done = kling.poll(job);
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.rawStatus()).isEqualTo("COMPLETED");
    assertThat(done.result().video()).isEqualTo(new MediaRef.Url(URI.create(
        "https://v3.fal.media/files/penguin/Wm3Kc8rTq1LzX5bN7vHdP_output.mp4"), "video/mp4"));
    assertThat(done.result().durationSeconds()).isEqualTo(10.0);
    assertThat(done.result().actualCost()).isEmpty();
    wm.verify(3, getRequestedFor(urlEqualTo("/fal-ai/kling-video/requests/" + FalStubs.KLING_ID + "/status?logs=0"))
        .withHeader("Authorization", equalTo("Key " + fal.key.reveal())));
    wm.verify(1, getRequestedFor(urlEqualTo("/fal-ai/kling-video/requests/" + FalStubs.KLING_ID)));
    // polling never waits itself: the engine schedules the next poll
    assertThat(fal.sleeper.delays()).isEmpty();
  }

  @Test
  void pollOfAJobFromAnotherInstanceUsesItsSavedUrls() throws Exception {
    fal.klingRoundTrip(FalStubs.KLING_21, fal.json(200, "status-completed-kling.json"));
    VideoJob submitted = fal.video(fal.config(FalStubs.KLING_21).build())
        .submit(request("x", "https://example.com/a.jpg").build());
    // the job is checkpointed as JSON and read back after a restart
    VideoJob restored = Json.mapper().readValue(Json.mapper().writeValueAsString(submitted), VideoJob.class);

    JobStatus status = fal.video(fal.config("fal-ai/flux/dev").build()).poll(restored);

    assertThat(status.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(status.result().durationSeconds()).isEqualTo(5.0);
  }

  @Test
  void pollOfAJobWithoutAttributesBuildsOwnerAppUrls() {
    fal.sequence("/fal-ai/kling-video/requests/" + FalStubs.KLING_ID + "/status",
        fal.json(202, "status-in-progress-kling.json"));

    JobStatus status = fal.video(fal.config(null).build())
        .poll(VideoJob.of("fal", FalStubs.KLING_ID, "fal-ai/kling-video/v2.6/pro/image-to-video"));

    assertThat(status.state()).isEqualTo(JobState.RUNNING);
  }

  @Test
  void completedWithErrorIsFailedWithFalsMessage() {
    fal.klingRoundTrip(FalStubs.KLING_21, okJson("{\"status\":\"COMPLETED\",\"request_id\":\"" + FalStubs.KLING_ID
        + "\",\"logs\":null,\"error\":\"Runner disconnected\",\"error_type\":\"runner_disconnected\"}"));
    FalVideoProvider kling = fal.video(fal.config(FalStubs.KLING_21).build());

    JobStatus status = kling.poll(kling.submit(request("x", "https://example.com/a.jpg").build()));

    assertThat(status.state()).isEqualTo(JobState.FAILED);
    assertThat(status.rawStatus()).isEqualTo("COMPLETED");
    assertThat(status.failure()).contains("Runner disconnected").contains("runner_disconnected");
    wm.verify(0, getRequestedFor(urlEqualTo("/fal-ai/kling-video/requests/" + FalStubs.KLING_ID)));
  }

  @Test
  void completedThenResultAnswering422ContentPolicyIsFailedAndNamesIt() {
    fal.klingRoundTrip(FalStubs.KLING_21, fal.json(200, "status-completed-kling.json"));
    wm.stubFor(get(urlEqualTo("/fal-ai/kling-video/requests/" + FalStubs.KLING_ID))
        .willReturn(fal.json(422, "error-422-content-policy.json")));
    FalVideoProvider kling = fal.video(fal.config(FalStubs.KLING_21).build());

    JobStatus status = kling.poll(kling.submit(request("x", "https://example.com/a.jpg").build()));

    assertThat(status.state()).isEqualTo(JobState.FAILED);
    assertThat(status.failure()).contains("content_policy_violation").contains("flagged by a content checker")
        .contains("safety system");
  }

  @Test
  void clientCancelledRequestIsCancelled() {
    fal.klingRoundTrip(FalStubs.KLING_21, okJson("{\"status\":\"COMPLETED\",\"error\":\"Request cancelled\","
        + "\"error_type\":\"client_cancelled\"}"));
    FalVideoProvider kling = fal.video(fal.config(FalStubs.KLING_21).build());

    assertThat(kling.poll(kling.submit(request("x", "https://example.com/a.jpg").build())).state())
        .isEqualTo(JobState.CANCELLED);
  }

  @Test
  void pollFailuresThatAreNotJobFailuresAreThrownTyped() {
    fal.klingRoundTrip(FalStubs.KLING_21, fal.json(200, "status-completed-kling.json"));
    FalVideoProvider kling = fal.video(fal.config(FalStubs.KLING_21).maxRetries(0).build());
    VideoJob job = kling.submit(request("x", "https://example.com/a.jpg").build());

    wm.stubFor(get(urlEqualTo("/fal-ai/kling-video/requests/" + FalStubs.KLING_ID))
        .willReturn(fal.json(500, "error-500-internal.json")));
    assertThatThrownBy(() -> kling.poll(job)).isInstanceOf(ServerException.class)
        .satisfies(e -> assertThat(((ServerException) e).isRetryable()).isTrue());

    fal.sequence("/fal-ai/kling-video/requests/" + FalStubs.KLING_ID + "/status",
        fal.json(404, "error-404-request-not-found.json"));
    assertThatThrownBy(() -> kling.poll(job)).isInstanceOf(NotFoundException.class)
        .hasMessageContaining("Request not found");

    fal.sequence("/fal-ai/kling-video/requests/" + FalStubs.KLING_ID + "/status",
        fal.json(401, "error-401-unauthorized.json"));
    assertThatThrownBy(() -> kling.poll(job)).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void cancelPutsToTheCancelUrlAndToleratesFinishedAndUnknownRequests() {
    fal.klingRoundTrip(FalStubs.KLING_21, fal.json(202, "status-in-progress-kling.json"));
    FalVideoProvider kling = fal.video(fal.config(FalStubs.KLING_21).build());
    VideoJob job = kling.submit(request("x", "https://example.com/a.jpg").build());
    String cancel = "/fal-ai/kling-video/requests/" + FalStubs.KLING_ID + "/cancel";

    kling.cancel(job);
    wm.verify(1, putRequestedFor(urlEqualTo(cancel)).withHeader("Authorization", equalTo("Key " + fal.key.reveal())));

    wm.stubFor(put(urlEqualTo(cancel)).willReturn(fal.json(400, "cancel-response-400-already-completed.json")));
    kling.cancel(job);
    wm.stubFor(put(urlEqualTo(cancel)).willReturn(fal.json(404, "cancel-response-404-not-found.json")));
    kling.cancel(job);
    wm.stubFor(put(urlEqualTo(cancel)).willReturn(aResponse().withStatus(200)));
    kling.cancel(job);
    wm.stubFor(put(urlEqualTo(cancel)).willReturn(aResponse().withStatus(409)
        .withHeader("Content-Type", "application/json").withBody("{\"status\":\"ALREADY_COMPLETED\"}")));
    kling.cancel(job);
    wm.verify(5, putRequestedFor(urlEqualTo(cancel)));

    wm.stubFor(put(urlEqualTo(cancel)).willReturn(fal.json(422, "error-422-validation.json")));
    assertThatThrownBy(() -> kling.cancel(job)).isInstanceOf(InvalidRequestException.class);

    wm.stubFor(put(urlEqualTo(cancel)).willReturn(fal.json(401, "error-401-unauthorized.json")));
    assertThatThrownBy(() -> kling.cancel(job)).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void jobsOfOtherProvidersAreRefused() {
    FalVideoProvider kling = fal.video(fal.config(FalStubs.KLING_21).build());

    assertThatThrownBy(() -> kling.poll(VideoJob.of("runway", "abc", "gen4_turbo")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runway");
    assertThatThrownBy(() -> kling.cancel(VideoJob.of("fal", "../../etc", FalStubs.KLING_21)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void invalidOptionsFailWhenTheProviderIsBuilt() {
    assertThatThrownBy(() -> fal.video(fal.config(FalStubs.KLING_21).option("video.durations", "five").build()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("video.durations");
    assertThatThrownBy(() -> fal.video(fal.config(FalStubs.KLING_21).option("video.poll-interval", "soon").build()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("video.poll-interval");
    assertThatThrownBy(() -> fal.video(fal.config(FalStubs.KLING_21).option("video.start-image-field", "a b").build()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("video.start-image-field");
    assertThatThrownBy(() -> fal.video(fal.config("../evil").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("owner/app");
  }
}
