package dev.vcg.examples.generation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vcg.examples.generation.CrashHarness.assertPlayable;
import static dev.vcg.examples.generation.CrashHarness.assertStoredAs;
import static dev.vcg.examples.generation.CrashHarness.awaitAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.vcg.local.LocalImageProvider;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.fal.FalVideoProvider;
import dev.vcg.workflow.WorkflowRun;
import dev.vcg.workflows.generation.GenerationResult;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A directed run (and a continuous flow) whose clips are made by the real fal provider (fal's queue
 * API served by WireMock on loopback) is killed while its jobs are polled, and while a finished
 * clip downloads, then resumed by a new engine with new providers on the same run store. fal
 * receives exactly one paid submission per clip, no frame is drawn again, and the result is a
 * playable MP4. A clip whose address is refused after the resume is fetched from the address the
 * finished job's result gives again.
 */
class FalCrashResumeTest {
  private static final String MODEL = "fal-ai/kling-video/v2.1/pro/image-to-video";
  private static final String QUEUE = "/fal-ai/kling-video/requests/";
  private static final String A = "5f0c1e2d-3b4a-4c5d-8e6f-7a8b9c0d1e2a";
  private static final String B = "5f0c1e2d-3b4a-4c5d-8e6f-7a8b9c0d1e2b";
  private static final ImageSize FRAME = new ImageSize(160, 90);
  /** A real one-second MP4, served as each clip fal makes. */
  private static final byte[] CLIP = CrashHarness.oneSecondClip(FRAME);

  @RegisterExtension
  final CrashHarness h = new CrashHarness();
  final WireMockServer wm = h.wm;

  @BeforeEach
  void startFal() {
    submits(A, "shot 1");
    submits(B, "shot 2");
    for (String id : List.of(A, B)) {
      status(id, "IN_PROGRESS");
      result(id);
      serve(id, 0);
    }
  }

  @Test
  void aRunKilledWhilePollingFalIsResumedWithoutSubmittingAgain() throws Exception {
    CountDownLatch polledA = h.await("GET " + QUEUE + A + "/status?logs=0");
    CountDownLatch polledB = h.await("GET " + QUEUE + B + "/status?logs=0");
    CrashHarness.Process<Counting.Images> first = process();
    WorkflowRun run = first.start(5, FRAME);
    awaitAll("both jobs submitted, saved and polled", polledA, polledB);
    first.kill();
    int pollsBefore = polls();

    status(A, "COMPLETED");
    status(B, "COMPLETED");
    CrashHarness.Process<Counting.Images> second = process();
    GenerationResult result = second.resume(run.id());

    assertPaidOnce();
    assertThat(polls()).as("the resumed run polls the saved jobs").isGreaterThan(pollsBefore);
    assertThat(second.images.calls()).as("frames are reused").isZero();
    assertThat(result.segments()).hasSize(2);
    assertThat(result.costEntries()).filteredOn(c -> c.kind() == ProviderKind.VIDEO).hasSize(2);
    assertPlayable(result);
  }

  @Test
  void aRunKilledWhileAFinishedClipDownloadsDownloadsItAgainWithoutSubmittingAgain() throws Exception {
    String runId = killWhileClipADownloads();

    serve(A, 0);
    status(B, "COMPLETED");
    CrashHarness.Process<Counting.Images> second = process();
    GenerationResult result = second.resume(runId);

    assertPaidOnce();
    assertThat(h.count(getRequestedFor(urlEqualTo("/files/" + A + ".mp4")))).isEqualTo(2);
    assertThat(second.images.calls()).isZero();
    assertThat(result.segments()).hasSize(2);
    assertPlayable(result);
  }

  @Test
  void aRunResumedAfterItsClipAddressWasRefusedDownloadsFromTheAddressFalGivesAgain() throws Exception {
    String runId = killWhileClipADownloads();
    int resultsOfABefore = resultsOf(A);

    // by the resume the clip's address is refused; asking the queue for the result gives a new one
    wm.stubFor(get(urlEqualTo("/files/" + A + ".mp4")).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/xml")
        .withBody("<?xml version='1.0' encoding='UTF-8'?><Error><Code>NoSuchKey</Code>"
            + "<Message>The specified key does not exist.</Message></Error>")));
    String renewed = "/files/" + A + "-renewed.mp4";
    wm.stubFor(get(urlEqualTo(QUEUE + A)).willReturn(okJson("{\"video\":{\"url\":\"http://127.0.0.1:"
        + wm.port() + renewed + "\",\"content_type\":\"video/mp4\"}}")));
    h.serveVideo(urlEqualTo(renewed), CLIP, 0);
    status(B, "COMPLETED");
    CrashHarness.Process<Counting.Images> second = process();
    GenerationResult result = second.resume(runId);

    assertPaidOnce();
    assertThat(h.count(getRequestedFor(urlEqualTo("/files/" + A + ".mp4"))))
        .as("the saved address: the killed download, then refused once").isEqualTo(2);
    assertThat(h.count(getRequestedFor(urlEqualTo(renewed)))).isEqualTo(1);
    assertThat(h.count(getRequestedFor(urlEqualTo("/files/" + B + ".mp4")))).isEqualTo(1);
    assertThat(resultsOf(A) - resultsOfABefore).as("the finished job's result asked for once more").isEqualTo(1);
    assertThat(second.images.calls()).as("frames are reused").isZero();
    assertThat(result.segments()).hasSize(2);
    assertThat(result.costEntries()).filteredOn(c -> c.kind() == ProviderKind.VIDEO).hasSize(2);
    assertStoredAs(result.segments().get(0).clip(), CLIP);
    assertPlayable(result);
  }

  @Test
  void aContinuousFlowKilledWhilePollingFalIsResumedWithoutSubmittingAgain() throws Exception {
    wm.resetMappings();
    submits(A, ", 5 seconds in");
    submits(B, ", 10 seconds in");
    for (String id : List.of(A, B)) {
      status(id, "IN_PROGRESS");
      result(id);
      serve(id, 0);
    }
    CountDownLatch polledA = h.await("GET " + QUEUE + A + "/status?logs=0");
    CountDownLatch polledB = h.await("GET " + QUEUE + B + "/status?logs=0");
    CrashHarness.Process<Counting.Images> first = process();
    WorkflowRun run = first.startFlow(5, FRAME);
    awaitAll("both segments' jobs submitted, saved and polled", polledA, polledB);
    int framesDrawn = first.images.calls();
    first.kill();

    status(A, "COMPLETED");
    status(B, "COMPLETED");
    CrashHarness.Process<Counting.Images> second = process();
    GenerationResult result = second.resumeFlow(run.id());

    h.assertPostedOnceEach("/" + MODEL, ", 5 seconds in", ", 10 seconds in");
    assertThat(framesDrawn).isEqualTo(3);
    assertThat(second.images.calls()).as("frames are reused").isZero();
    assertThat(result.segments()).hasSize(2);
    assertPlayable(result);
  }

  // ------------------------------------------------------------------ helpers

  /** A process whose clips fal makes and whose frames are drawn offline, counted. */
  private CrashHarness.Process<Counting.Images> process() {
    return h.process(new Counting.Images(LocalImageProvider.create()), pool -> FalVideoProvider.builder()
        .config(ProviderConfig.builder("fal").apiKey(ApiKey.of("fal-test-key-0000")).baseUrl(URI.create(wm.baseUrl()))
            .model(MODEL).requestTimeout(Duration.ofSeconds(30)).build()).build(),
        h.assetsFetchingFromServer(), CrashHarness.polls(Duration.ofMillis(100)));
  }

  /** Starts a run whose clip A finishes but downloads slowly, and kills it while A downloads. */
  private String killWhileClipADownloads() throws Exception {
    status(A, "COMPLETED");
    serve(A, 3_000);
    CountDownLatch downloading = h.await("GET /files/" + A + ".mp4");
    CrashHarness.Process<Counting.Images> first = process();
    WorkflowRun run = first.start(5, FRAME);
    awaitAll("the download of clip A started", downloading);
    first.kill();
    return run.id();
  }

  private void assertPaidOnce() {
    h.assertPostedOnceEach("/" + MODEL, "shot 1", "shot 2");
  }

  private int resultsOf(String id) {
    return h.count(getRequestedFor(urlEqualTo(QUEUE + id)));
  }

  private int polls() {
    return h.count(getRequestedFor(urlPathEqualTo(QUEUE + A + "/status")))
        + h.count(getRequestedFor(urlPathEqualTo(QUEUE + B + "/status")));
  }

  private void submits(String id, String shot) {
    wm.stubFor(post(urlEqualTo("/" + MODEL)).withRequestBody(containing(shot)).willReturn(okJson(
        "{\"status\":\"IN_QUEUE\",\"request_id\":\"" + id + "\",\"queue_position\":0,"
            + "\"response_url\":\"" + wm.baseUrl() + QUEUE + id + "\","
            + "\"status_url\":\"" + wm.baseUrl() + QUEUE + id + "/status\","
            + "\"cancel_url\":\"" + wm.baseUrl() + QUEUE + id + "/cancel\"}")));
  }

  private void status(String id, String state) {
    wm.stubFor(get(urlPathEqualTo(QUEUE + id + "/status")).willReturn(okJson(
        "{\"status\":\"" + state + "\",\"request_id\":\"" + id + "\",\"response_url\":\"" + wm.baseUrl() + QUEUE
            + id + "\"}")));
  }

  private void result(String id) {
    // the result names the clip on the CDN; here the stub serves it on the loopback address
    wm.stubFor(get(urlEqualTo(QUEUE + id)).willReturn(okJson("{\"video\":{\"url\":\"http://127.0.0.1:"
        + wm.port() + "/files/" + id + ".mp4\",\"content_type\":\"video/mp4\"}}")));
    wm.stubFor(put(urlEqualTo(QUEUE + id + "/cancel")).willReturn(aResponse().withStatus(202)
        .withHeader("Content-Type", "application/json").withBody("{\"status\":\"CANCELLATION_REQUESTED\"}")));
  }

  private void serve(String id, int delayMillis) {
    h.serveVideo(urlEqualTo("/files/" + id + ".mp4"), CLIP, delayMillis);
  }
}
