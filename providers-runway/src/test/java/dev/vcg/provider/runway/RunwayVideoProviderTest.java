package dev.vcg.provider.runway;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vcg.InvalidInputException;
import dev.vcg.direction.CameraMove;
import dev.vcg.internal.Json;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.AuthenticationException;
import dev.vcg.provider.JobState;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.NotFoundException;
import dev.vcg.provider.UnsupportedCapabilityException;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoRequest;
import dev.vcg.testkit.TestImages;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runway image-to-video against Runway's documented task contract, per model. */
class RunwayVideoProviderTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final RunwayStubs runway = new RunwayStubs(wm);

  private static MediaRef url(String u) {
    return MediaRef.url(URI.create(u));
  }

  private static VideoRequest.Builder clip(String prompt) {
    return VideoRequest.builder().prompt(prompt).startFrame(url("https://example.com/first-frame.jpg"));
  }

  @Test
  void gen4TurboCreatesTheDocumentedTaskWithHeaders() {
    runway.videoRoundTrip();

    VideoJob job = runway.video(runway.config("gen4_turbo")
            .option("content-moderation.public-figure-threshold", "auto").build())
        .submit(clip("The camera slowly orbits the statue while clouds race overhead")
            .aspectRatio(AspectRatio.LANDSCAPE_16_9).durationSeconds(5).seed(4242L).build());

    wm.verify(1, postRequestedFor(urlEqualTo("/v1/image_to_video"))
        .withHeader("Authorization", equalTo("Bearer " + runway.key.reveal()))
        .withHeader("X-Runway-Version", equalTo("2024-11-06"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson(RunwayStubs.raw("image-to-video-request-gen4-turbo.json"))));
    assertThat(job).isEqualTo(new VideoJob("runway", RunwayStubs.TASK_ID, "gen4_turbo",
        Map.of(RunwayVideoProvider.ATTR_DURATION, "5")));
  }

  @Test
  void gen4TurboSendsALocalFrameAsADataUriAndSquareAs960() {
    runway.videoRoundTrip();
    byte[] png = TestImages.png1x1();

    runway.video(runway.config("gen4_turbo").build()).submit(VideoRequest.builder()
        .prompt("Subtle breathing motion, hair moving in a light breeze").startFrame(MediaRef.bytes(png, "image/png"))
        .aspectRatio(AspectRatio.SQUARE).durationSeconds(10).build());

    wm.verify(postRequestedFor(urlEqualTo("/v1/image_to_video")).withRequestBody(equalToJson("{\"model\":\"gen4_turbo\","
        + "\"promptImage\":\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\","
        + "\"promptText\":\"Subtle breathing motion, hair moving in a light breeze\",\"ratio\":\"960:960\","
        + "\"duration\":10}")));
  }

  @Test
  void gen45SendsRequiredDurationAndRatio() {
    runway.videoRoundTrip();

    runway.video(runway.config("gen4.5").build()).submit(
        clip("Handheld tracking shot following the cyclist through the market").durationSeconds(6)
            .aspectRatio(AspectRatio.LANDSCAPE_16_9).seed(4L).build());

    wm.verify(postRequestedFor(urlEqualTo("/v1/image_to_video")).withRequestBody(
        equalToJson("{\"model\":\"gen4.5\",\"promptImage\":\"https://example.com/first-frame.jpg\","
            + "\"promptText\":\"Handheld tracking shot following the cyclist through the market\","
            + "\"ratio\":\"1280:720\",\"duration\":6,\"seed\":4}")));
  }

  @Test
  void veo31SendsFirstAndLastFrameNegativePromptAndAudioOff() {
    runway.videoRoundTrip();

    runway.video(runway.config("veo3.1").option("video.default-ratio", "1920:1080").build()).submit(
        VideoRequest.builder().prompt("A paper plane glides from the desk out of the open window")
            .startFrame(url("https://example.com/start.jpg")).endFrame(url("https://example.com/end.jpg"))
            .negativePrompt("text, watermark").aspectRatio(AspectRatio.LANDSCAPE_16_9).durationSeconds(8)
            .seed(3L).build());

    // a seed is not sent: Veo takes none
    wm.verify(postRequestedFor(urlEqualTo("/v1/image_to_video"))
        .withRequestBody(equalToJson(RunwayStubs.raw("image-to-video-request-veo3.1-first-last.json"))));
  }

  @Test
  void gen3aTurboSendsFirstAndLastFrame() {
    runway.videoRoundTrip();

    runway.video(runway.config("gen3a_turbo").build()).submit(VideoRequest.builder()
        .prompt("A smooth morph from day to night over the city skyline")
        .startFrame(url("https://example.com/start.jpg")).endFrame(url("https://example.com/end.jpg"))
        .aspectRatio(new AspectRatio(5, 3)).durationSeconds(10).seed(99L).build());

    wm.verify(postRequestedFor(urlEqualTo("/v1/image_to_video"))
        .withRequestBody(equalToJson(RunwayStubs.raw("image-to-video-request-gen3a-turbo-first-last.json"))));
  }

  @Test
  void commonRatiosMapToTheNearestPixelRatioAndAMissingOneToTheDefault() {
    runway.videoRoundTrip();
    RunwayVideoProvider gen4 = runway.video(runway.config("gen4_turbo").build());

    gen4.submit(clip("x").aspectRatio(AspectRatio.LANDSCAPE_4_3).build());
    gen4.submit(clip("x").aspectRatio(AspectRatio.CINEMA_21_9).build());
    gen4.submit(clip("x").build());
    runway.video(runway.config("gen4_turbo").option("video.default-ratio", "720:1280").build()).submit(clip("x").build());

    List<String> ratios = wm.findAll(postRequestedFor(urlEqualTo("/v1/image_to_video"))).stream()
        .map(r -> readTree(r.getBodyAsString()).path("ratio").asText()).toList();
    assertThat(ratios).containsExactly("1104:832", "1584:672", "1280:720", "720:1280");
  }

  private static com.fasterxml.jackson.databind.JsonNode readTree(String s) {
    try {
      return Json.mapper().readTree(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void cameraMoveIsDescribedInThePrompt() {
    runway.videoRoundTrip();

    runway.video(runway.config("gen4_turbo").build()).submit(clip("Waves roll in").cameraMove(CameraMove.PAN_LEFT)
        .build());

    wm.verify(postRequestedFor(urlEqualTo("/v1/image_to_video"))
        .withRequestBody(matchingJsonPath("$.promptText", equalTo("Waves roll in. Camera: pan left."))));
  }

  @Test
  void capabilitiesAreRefusedBeforeAnyCall() {
    RunwayVideoProvider gen4 = runway.video(runway.config("gen4_turbo").build());
    RunwayVideoProvider veo = runway.video(runway.config("veo3.1").build());
    RunwayVideoProvider veo3 = runway.video(runway.config("veo3").build());

    assertThatThrownBy(() -> gen4.submit(clip("x").endFrame(url("https://example.com/e.jpg")).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("end frame");
    assertThatThrownBy(() -> gen4.submit(clip("x").durationSeconds(11).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("11 s");
    assertThatThrownBy(() -> veo.submit(clip("x").durationSeconds(5).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("[4, 6, 8]");
    assertThatThrownBy(() -> veo.submit(clip("x").durationSeconds(8).aspectRatio(AspectRatio.SQUARE).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("1:1");
    assertThatThrownBy(() -> veo3.submit(clip("x").durationSeconds(6).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("[8]");
    assertThatThrownBy(() -> gen4.submit(clip("x".repeat(1001)).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("1000");
    assertThatThrownBy(() -> gen4.submit(clip("x").model("veo3").durationSeconds(5).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("veo3");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void modelsDeclareTheirRealLimits() {
    assertThat(runway.video(runway.config(null).build()).model()).isEqualTo("gen4_turbo");
    assertThat(runway.video(runway.config("gen4_turbo").build()).capabilities().durationsSeconds())
        .containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(runway.video(runway.config("veo3.1_fast").build()).capabilities().supportsEndFrame()).isTrue();
    assertThat(runway.video(runway.config("veo3.1").build()).capabilities().aspectRatios())
        .contains(AspectRatio.LANDSCAPE_16_9, AspectRatio.PORTRAIT_9_16).doesNotContain(AspectRatio.SQUARE);
    assertThat(runway.video(runway.config("gen4.5").build()).capabilities().aspectRatios())
        .contains(AspectRatio.LANDSCAPE_4_3, AspectRatio.of("1104:832"), AspectRatio.CINEMA_21_9);
  }

  @Test
  void requestModelOverridesTheConfiguredOne() {
    runway.videoRoundTrip();

    VideoJob job = runway.video(runway.config("gen4_turbo").build()).submit(clip("x").model("veo3.1_fast")
        .endFrame(url("https://example.com/e.jpg")).durationSeconds(4).build());

    assertThat(job.model()).isEqualTo("veo3.1_fast");
    wm.verify(postRequestedFor(urlEqualTo("/v1/image_to_video"))
        .withRequestBody(matchingJsonPath("$.model", equalTo("veo3.1_fast")))
        .withRequestBody(matchingJsonPath("$.promptImage[1].position", equalTo("last"))));
  }

  @Test
  void unknownModelWorksWithConfiguredLimits() {
    runway.videoRoundTrip();
    RunwayVideoProvider next = runway.video(runway.config("gen5_preview").option("video.ratios", "1920:1080,1080:1920")
        .option("video.durations", "5-12").option("video.end-frame", "true").build());

    assertThat(next.capabilities().durationsSeconds()).contains(5, 12);
    next.submit(clip("x").endFrame(url("https://example.com/e.jpg")).durationSeconds(12).seed(1L).build());

    wm.verify(postRequestedFor(urlEqualTo("/v1/image_to_video")).withRequestBody(equalToJson("{\"model\":\"gen5_preview\","
        + "\"promptImage\":[{\"uri\":\"https://example.com/first-frame.jpg\",\"position\":\"first\"},"
        + "{\"uri\":\"https://example.com/e.jpg\",\"position\":\"last\"}],\"promptText\":\"x\",\"ratio\":\"1920:1080\","
        + "\"duration\":12}")));
  }

  @Test
  void framesThatRunwayCannotTakeAreRefusedBeforeAnyCall() {
    RunwayVideoProvider gen4 = runway.video(runway.config("gen4_turbo").build());

    assertThatThrownBy(() -> gen4.submit(VideoRequest.builder().prompt("x").startFrame(url("http://example.com/a.jpg"))
        .build())).isInstanceOf(InvalidInputException.class).hasMessageContaining("https");
    byte[] gif = "GIF89a\u0001\u0000\u0001\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> gen4.submit(VideoRequest.builder().prompt("x").startFrame(MediaRef.bytes(gif, "image/gif"))
        .build())).isInstanceOf(InvalidInputException.class).hasMessageContaining("JPEG, PNG or WebP");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  private static byte[] largePng() {
    byte[] data = new byte[4 * 1024 * 1024];
    new Random(1).nextBytes(data);
    System.arraycopy(TestImages.png1x1(), 0, data, 0, 16);
    return data;
  }

  @Test
  void frameOverTheDataUriLimitIsRefusedWhenUploadsAreOff() {
    RunwayVideoProvider gen4 = runway.video(runway.config("gen4_turbo").option("uploads", "false").build());

    assertThatThrownBy(() -> gen4.submit(VideoRequest.builder().prompt("x")
        .startFrame(MediaRef.bytes(largePng(), "image/png")).build()))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("5 MB");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void frameOverTheDataUriLimitIsUploadedWithoutTheKey() {
    runway.videoRoundTrip();
    // another origin (127.0.0.1 rather than localhost) stands for the storage host
    String storage = wm.baseUrl().replace("localhost", "127.0.0.1") + "/storage/upload";
    wm.stubFor(post(urlEqualTo("/v1/uploads")).willReturn(okJson("{\"uploadUrl\":\"" + storage + "\","
        + "\"fields\":{\"key\":\"uploads/abc/frame.png\",\"policy\":\"p0l1cy\"},\"runwayUri\":\"runway://upload/abc\"}")));
    wm.stubFor(post(urlEqualTo("/storage/upload")).willReturn(aResponse().withStatus(204)));

    runway.video(runway.config("gen4_turbo").build()).submit(VideoRequest.builder().prompt("x")
        .startFrame(MediaRef.bytes(largePng(), "image/png")).build());

    wm.verify(postRequestedFor(urlEqualTo("/v1/uploads"))
        .withHeader("Authorization", equalTo("Bearer " + runway.key.reveal()))
        .withRequestBody(equalToJson("{\"filename\":\"frame.png\",\"type\":\"ephemeral\"}")));
    wm.verify(postRequestedFor(urlEqualTo("/storage/upload")).withHeader("Authorization", absent())
        .withHeader("X-Runway-Version", absent())
        .withHeader("Content-Type", containing("multipart/form-data"))
        .withRequestBody(containing("uploads/abc/frame.png")).withRequestBody(containing("p0l1cy")));
    wm.verify(postRequestedFor(urlEqualTo("/v1/image_to_video"))
        .withRequestBody(matchingJsonPath("$.promptImage", equalTo("runway://upload/abc"))));
  }

  @Test
  void pollMapsEveryTaskStatus() {
    runway.videoRoundTrip(RunwayStubs.json(200, "task-pending.json"),
        okJson("{\"id\":\"" + RunwayStubs.TASK_ID + "\",\"status\":\"THROTTLED\"}"),
        RunwayStubs.json(200, "task-running-zero-progress.json"), RunwayStubs.json(200, "task-running.json"),
        RunwayStubs.json(200, "task-succeeded.json"));
    RunwayVideoProvider gen4 = runway.video(runway.config("gen4_turbo").build());
    VideoJob job = gen4.submit(clip("x").durationSeconds(7).build());

    JobStatus pending = gen4.poll(job);
    assertThat(pending.state()).isEqualTo(JobState.QUEUED);
    assertThat(pending.rawStatus()).isEqualTo("PENDING");
    assertThat(pending.pollAfter()).isEqualTo(Duration.ofSeconds(6));
    JobStatus throttled = gen4.poll(job);
    assertThat(throttled.state()).isEqualTo(JobState.QUEUED);
    assertThat(throttled.rawStatus()).isEqualTo("THROTTLED");
    JobStatus started = gen4.poll(job);
    assertThat(started.state()).isEqualTo(JobState.RUNNING);
    assertThat(started.progress()).isEqualTo(0.0);
    JobStatus running = gen4.poll(job);
    assertThat(running.progress()).isEqualTo(0.42);
    assertThat(running.pollAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
    JobStatus done = gen4.poll(job);
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.result().video()).isEqualTo(new MediaRef.Url(URI.create("https://dnznrvs05pmza.cloudfront.net/"
        + RunwayStubs.TASK_ID + ".mp4?_jwt=eyJhbGciOiJIUzI1NiJ9.EXAMPLE.EXAMPLE"), "video/mp4"));
    assertThat(done.result().durationSeconds()).isEqualTo(7.0);
    assertThat(done.result().actualCost()).isEmpty();
    wm.verify(5, getRequestedFor(urlEqualTo(RunwayStubs.TASK))
        .withHeader("Authorization", equalTo("Bearer " + runway.key.reveal()))
        .withHeader("X-Runway-Version", equalTo("2024-11-06")));
    assertThat(runway.sleeper.delays()).isEmpty();
  }

  @Test
  void failedTasksCarryTheFailureAndNameModerationRefusals() {
    runway.videoRoundTrip(RunwayStubs.json(200, "task-failed-internal.json"));
    RunwayVideoProvider gen4 = runway.video(runway.config("gen4_turbo").build());
    VideoJob job = gen4.submit(clip("x").build());

    JobStatus internal = gen4.poll(job);
    assertThat(internal.state()).isEqualTo(JobState.FAILED);
    assertThat(internal.rawStatus()).isEqualTo("FAILED");
    assertThat(internal.failure()).contains("INTERNAL.BAD_OUTPUT.CODE01").contains("An unexpected error occurred.")
        .contains("may succeed");

    runway.sequence(RunwayStubs.TASK, okJson("{\"id\":\"" + RunwayStubs.TASK_ID + "\",\"status\":\"FAILED\","
        + "\"failure\":\"The prompt was flagged.\",\"failureCode\":\"SAFETY.INPUT.TEXT\"}"));
    JobStatus safety = gen4.poll(job);
    assertThat(safety.state()).isEqualTo(JobState.FAILED);
    assertThat(safety.failure()).startsWith("content policy").contains("SAFETY.INPUT.TEXT")
        .contains("The prompt was flagged.");
  }

  @Test
  void cancelledAndUnknownStatuses() {
    runway.videoRoundTrip(RunwayStubs.json(200, "task-cancelled.json"));
    RunwayVideoProvider gen4 = runway.video(runway.config("gen4_turbo").build());
    VideoJob job = gen4.submit(clip("x").build());

    assertThat(gen4.poll(job).state()).isEqualTo(JobState.CANCELLED);

    runway.sequence(RunwayStubs.TASK, okJson("{\"id\":\"" + RunwayStubs.TASK_ID + "\",\"status\":\"WARMING_UP\"}"));
    JobStatus unknown = gen4.poll(job);
    assertThat(unknown.state()).isEqualTo(JobState.RUNNING);
    assertThat(unknown.rawStatus()).isEqualTo("WARMING_UP");
    assertThat(unknown.pollAfter()).isEqualTo(Duration.ofSeconds(6));
  }

  @Test
  void succeededWithoutOutputIsFailed() {
    runway.videoRoundTrip(okJson("{\"id\":\"" + RunwayStubs.TASK_ID + "\",\"status\":\"SUCCEEDED\",\"output\":[]}"));
    RunwayVideoProvider gen4 = runway.video(runway.config("gen4_turbo").build());

    JobStatus status = gen4.poll(gen4.submit(clip("x").build()));

    assertThat(status.state()).isEqualTo(JobState.FAILED);
    assertThat(status.failure()).contains("without an output URL");
  }

  @Test
  void anotherInstanceFollowsACheckpointedJob() throws Exception {
    runway.videoRoundTrip(RunwayStubs.json(200, "task-succeeded.json"));
    VideoJob job = runway.video(runway.config("gen4_turbo").build()).submit(clip("x").durationSeconds(9).build());
    VideoJob restored = Json.mapper().readValue(Json.mapper().writeValueAsString(job), VideoJob.class);

    JobStatus status = runway.video(runway.config("veo3").build()).poll(restored);

    assertThat(status.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(status.result().durationSeconds()).isEqualTo(9.0);
    assertThat(runway.video(runway.config(null).build()).poll(VideoJob.of("runway", RunwayStubs.TASK_ID, "gen4_turbo"))
        .state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void cancelDeletesTheTaskAndToleratesAnAlreadyDeletedOne() {
    runway.videoRoundTrip();
    RunwayVideoProvider gen4 = runway.video(runway.config("gen4_turbo").build());
    VideoJob job = gen4.submit(clip("x").build());

    gen4.cancel(job);
    wm.verify(1, deleteRequestedFor(urlEqualTo(RunwayStubs.TASK)).withHeader("Accept", equalTo("*/*"))
        .withHeader("Authorization", equalTo("Bearer " + runway.key.reveal()))
        .withHeader("X-Runway-Version", equalTo("2024-11-06")));

    wm.stubFor(delete(urlEqualTo(RunwayStubs.TASK)).willReturn(RunwayStubs.json(404, "error-404-task-not-found.json")));
    gen4.cancel(job);
    wm.stubFor(delete(urlEqualTo(RunwayStubs.TASK)).willReturn(aResponse().withStatus(200)));
    gen4.cancel(job);
    wm.verify(3, deleteRequestedFor(urlEqualTo(RunwayStubs.TASK)));

    wm.stubFor(delete(urlEqualTo(RunwayStubs.TASK)).willReturn(RunwayStubs.json(401, "error-401-unauthorized.json")));
    assertThatThrownBy(() -> gen4.cancel(job)).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void pollOfADeletedTaskIsNotFound() {
    runway.videoRoundTrip(RunwayStubs.json(404, "error-404-task-not-found.json"));
    RunwayVideoProvider gen4 = runway.video(runway.config("gen4_turbo").build());
    VideoJob job = gen4.submit(clip("x").build());

    assertThatThrownBy(() -> gen4.poll(job)).isInstanceOf(NotFoundException.class).hasMessageContaining("Task not found");
  }

  @Test
  void apiVersionIsConfigurableAndOptionsAreChecked() {
    runway.videoRoundTrip();

    runway.video(runway.config("gen4_turbo").option("api-version", "2025-06-01").build()).submit(clip("x").build());
    wm.verify(postRequestedFor(urlEqualTo("/v1/image_to_video")).withHeader("X-Runway-Version", equalTo("2025-06-01")));

    assertThatThrownBy(() -> runway.video(runway.config("gen4_turbo").option("video.poll-interval", "2s").build()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("video.poll-interval");
    assertThatThrownBy(() -> runway.video(runway.config("gen4_turbo").option("api-version", "latest").build()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("api-version");
    assertThatThrownBy(() -> runway.video(runway.config("gen4_turbo")
        .option("content-moderation.public-figure-threshold", "none").build()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> runway.video(runway.config("gen/../x").build())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void jobsOfOtherProvidersAreRefused() {
    RunwayVideoProvider gen4 = runway.video(runway.config("gen4_turbo").build());

    assertThatThrownBy(() -> gen4.poll(VideoJob.of("fal", RunwayStubs.TASK_ID, "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fal");
    assertThatThrownBy(() -> gen4.cancel(VideoJob.of("runway", "../organization", "x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
