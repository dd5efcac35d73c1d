package dev.vcg.examples.generation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.vcg.examples.generation.CrashHarness.assertPlayableAndProbed;
import static dev.vcg.examples.generation.CrashHarness.assertStoredAs;
import static dev.vcg.examples.generation.CrashHarness.awaitAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.vcg.local.LocalImageProvider;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.runway.RunwayVideoProvider;
import dev.vcg.workflow.WorkflowRun;
import dev.vcg.workflows.generation.GenerationResult;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A directed run (and a continuous flow) whose clips are made by the real Runway provider (Runway's
 * task API served by WireMock on loopback) is killed while its tasks are polled through
 * {@code PENDING}, {@code THROTTLED} and {@code RUNNING}, and while a finished clip downloads, then
 * resumed by a new engine with new providers on the same run store. Runway receives exactly one
 * {@code POST /v1/image_to_video} per clip, no frame is drawn again, and the result is a playable
 * MP4. A clip whose signed output URL expired before the resume is fetched from the fresh URL a poll
 * of its finished task returns.
 */
class RunwayCrashResumeTest {
  private static final String CREATE = "/v1/image_to_video";
  private static final String A = "17f20503-6c24-4c16-946b-35dbbce2af2a";
  private static final String B = "17f20503-6c24-4c16-946b-35dbbce2af2b";
  private static final ImageSize FRAME = new ImageSize(160, 90);
  /** What S3 behind CloudFront answers, with 403, for a signed URL past its expiry. */
  private static final String EXPIRED = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
      + "<Message>Request has expired</Message><X-Amz-Expires>86400</X-Amz-Expires>"
      + "<Expires>2026-08-23T09:31:02Z</Expires><ServerTime>2026-08-24T07:12:45Z</ServerTime>"
      + "<RequestId>R8X2K1Q0ZB7Y4M3N</RequestId><HostId>aG9zdC1pZC1leGFtcGxl</HostId></Error>";
  /** A real one-second MP4, served as each clip Runway makes. */
  private static final byte[] CLIP = CrashHarness.oneSecondClip(FRAME);

  @RegisterExtension
  final CrashHarness h = new CrashHarness();
  final WireMockServer wm = h.wm;

  @BeforeEach
  void startRunway() {
    creates(A, "shot 1");
    creates(B, "shot 2");
    for (String id : List.of(A, B)) {
      statuses(id, task(id, "PENDING"), task(id, "THROTTLED"), task(id, "RUNNING"));
      wm.stubFor(delete(urlEqualTo("/v1/tasks/" + id)).willReturn(aResponse().withStatus(204)));
      serve(id, 0);
    }
  }

  @Test
  void aRunKilledWhilePollingRunwayIsResumedWithoutCreatingTasksAgain() throws Exception {
    // the third poll of each task answers RUNNING, after PENDING and THROTTLED
    CountDownLatch runningA = h.await("GET /v1/tasks/" + A, 3);
    CountDownLatch runningB = h.await("GET /v1/tasks/" + B, 3);
    CrashHarness.Process<Counting.Images> first = process();
    WorkflowRun run = first.start(5, FRAME);
    awaitAll("both tasks created, saved and polled through PENDING and THROTTLED to RUNNING", runningA, runningB);
    int framesDrawn = first.images.calls();
    first.kill();
    int pollsBefore = polls();

    for (String id : List.of(A, B)) {
      statuses(id, task(id, "RUNNING"), task(id, "SUCCEEDED"));
    }
    CrashHarness.Process<Counting.Images> second = process();
    GenerationResult result = second.resume(run.id());

    assertCreatedOnce("shot 1", "shot 2");
    assertThat(polls()).as("the resumed run polls the saved tasks").isGreaterThan(pollsBefore);
    assertThat(h.count(getRequestedFor(urlPathEqualTo("/files/" + A + ".mp4")))).isEqualTo(1);
    assertThat(first.images.requests).extracting(ImageRequest::prompt).doesNotHaveDuplicates();
    assertThat(framesDrawn).isEqualTo(first.images.calls()).isPositive();
    assertThat(second.images.calls()).as("frames are reused").isZero();
    assertThat(result.segments()).hasSize(2);
    assertThat(result.costEntries()).filteredOn(c -> c.kind() == ProviderKind.VIDEO).hasSize(2);
    assertPlayableAndProbed(result);
  }

  @Test
  void aRunKilledWhileAFinishedClipDownloadsDownloadsItAgainWithoutCreatingTasksAgain() throws Exception {
    Killed killed = killWhileClipADownloads();

    serve(A, 0);
    statuses(B, task(B, "SUCCEEDED"));
    CrashHarness.Process<Counting.Images> second = process();
    GenerationResult result = second.resume(killed.runId());

    assertCreatedOnce("shot 1", "shot 2");
    assertThat(h.count(getRequestedFor(urlPathEqualTo("/files/" + A + ".mp4")))).isEqualTo(2);
    assertThat(second.images.calls()).isZero();
    assertThat(result.segments()).hasSize(2);
    assertPlayableAndProbed(result);
  }

  @Test
  void aRunResumedAfterItsClipAddressExpiredDownloadsFromTheAddressRunwayGivesAgain() throws Exception {
    Killed killed = killWhileClipADownloads();
    int pollsOfABefore = pollsOf(A);

    // by the resume the signed URL has expired: the CDN refuses it, polling the task signs a new one
    wm.stubFor(get(urlPathEqualTo("/files/" + A + ".mp4")).willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", "application/xml").withBody(EXPIRED)));
    String renewed = "/files/" + A + "-renewed.mp4";
    statuses(A, task(A, "SUCCEEDED", "http://127.0.0.1:" + wm.port() + renewed + "?_jwt=renewed"));
    h.serveVideo(urlPathEqualTo(renewed), CLIP, 0);
    statuses(B, task(B, "SUCCEEDED"));
    CrashHarness.Process<Counting.Images> second = process();
    GenerationResult result = second.resume(killed.runId());

    assertCreatedOnce("shot 1", "shot 2");
    assertThat(h.count(getRequestedFor(urlPathEqualTo("/files/" + A + ".mp4"))))
        .as("the saved URL: the killed download, then refused once").isEqualTo(2);
    assertThat(h.count(getRequestedFor(urlPathEqualTo(renewed)))).isEqualTo(1);
    assertThat(h.count(getRequestedFor(urlPathEqualTo("/files/" + B + ".mp4")))).isEqualTo(1);
    assertThat(pollsOf(A) - pollsOfABefore).as("one poll of the finished task for the fresh URL").isEqualTo(1);
    Counting.Images firstImages = killed.process().images;
    assertThat(firstImages.requests).extracting(ImageRequest::prompt).doesNotHaveDuplicates();
    assertThat(killed.framesDrawn()).isEqualTo(firstImages.calls()).isPositive();
    assertThat(second.images.calls()).as("frames are reused").isZero();
    assertThat(result.segments()).hasSize(2);
    assertThat(result.costEntries()).filteredOn(c -> c.kind() == ProviderKind.VIDEO).hasSize(2);
    assertStoredAs(result.segments().get(0).clip(), CLIP);
    assertPlayableAndProbed(result);
  }

  @Test
  void aContinuousFlowKilledWhilePollingRunwayIsResumedWithoutCreatingTasksAgain() throws Exception {
    wm.resetMappings();
    creates(A, ", 5 seconds in");
    creates(B, ", 10 seconds in");
    for (String id : List.of(A, B)) {
      statuses(id, task(id, "PENDING"), task(id, "THROTTLED"), task(id, "RUNNING"));
      serve(id, 0);
    }
    CountDownLatch runningA = h.await("GET /v1/tasks/" + A, 3);
    CountDownLatch runningB = h.await("GET /v1/tasks/" + B, 3);
    CrashHarness.Process<Counting.Images> first = process();
    WorkflowRun run = first.startFlow(5, FRAME);
    awaitAll("both segments' tasks created, saved and polled to RUNNING", runningA, runningB);
    int framesDrawn = first.images.calls();
    first.kill();

    for (String id : List.of(A, B)) {
      statuses(id, task(id, "SUCCEEDED"));
    }
    CrashHarness.Process<Counting.Images> second = process();
    GenerationResult result = second.resumeFlow(run.id());

    assertCreatedOnce(", 5 seconds in", ", 10 seconds in");
    // gen4_turbo takes no last frame: each segment starts from its own frame
    assertThat(framesDrawn).isEqualTo(2);
    assertThat(first.images.requests).extracting(ImageRequest::prompt).doesNotHaveDuplicates();
    assertThat(second.images.calls()).as("frames are reused").isZero();
    assertThat(result.segments()).hasSize(2);
    assertPlayableAndProbed(result);
  }

  // ------------------------------------------------------------------ helpers

  /** A process killed while clip A downloaded: its run, and how many frames it had drawn. */
  private record Killed(CrashHarness.Process<Counting.Images> process, String runId, int framesDrawn) {
  }

  /** A process whose clips Runway makes and whose frames are drawn offline, counted. */
  private CrashHarness.Process<Counting.Images> process() {
    // Runway asks for polls at least 5 s apart; the hint bounds bring that down for the test
    return h.process(new Counting.Images(LocalImageProvider.create()), pool -> RunwayVideoProvider.builder()
        .config(ProviderConfig.builder("runway").apiKey(ApiKey.of("key_" + "0".repeat(128)))
            .baseUrl(URI.create(wm.baseUrl())).requestTimeout(Duration.ofSeconds(30)).build()).build(),
        h.assetsFetchingFromServer(), CrashHarness.polls(Duration.ofMillis(50)));
  }

  /** Starts a run whose task A succeeds but whose clip downloads slowly, and kills it while A downloads. */
  private Killed killWhileClipADownloads() throws Exception {
    statuses(A, task(A, "PENDING"), task(A, "SUCCEEDED"));
    serve(A, 3_000);
    CountDownLatch downloading = h.await("GET /files/" + A + ".mp4?_jwt=signed", 1);
    CrashHarness.Process<Counting.Images> first = process();
    WorkflowRun run = first.start(5, FRAME);
    awaitAll("the download of clip A started", downloading);
    int framesDrawn = first.images.calls();
    first.kill();
    return new Killed(first, run.id(), framesDrawn);
  }

  private void assertCreatedOnce(String first, String second) {
    h.assertPostedOnceEach(CREATE, first, second);
    // neither the dying process nor the resumed one cancels a task (DELETE would also purge its output)
    wm.verify(0, deleteRequestedFor(urlPathMatching("/v1/tasks/.*")));
  }

  private int pollsOf(String id) {
    return h.count(getRequestedFor(urlEqualTo("/v1/tasks/" + id)));
  }

  private int polls() {
    return pollsOf(A) + pollsOf(B);
  }

  private void creates(String id, String prompt) {
    wm.stubFor(post(urlEqualTo(CREATE)).withHeader("X-Runway-Version", equalTo("2024-11-06"))
        .withRequestBody(containing(prompt)).willReturn(okJson("{\"id\":\"" + id + "\"}")));
  }

  /** The task's answers in turn, the last repeated; stubbed after earlier ones, these take precedence. */
  private void statuses(String id, String... tasks) {
    String scenario = id + "-" + UUID.randomUUID();
    for (int i = 0; i < tasks.length; i++) {
      ScenarioMappingBuilder m = get(urlEqualTo("/v1/tasks/" + id)).inScenario(scenario)
          .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "s" + i).willReturn(okJson(tasks[i]));
      if (i < tasks.length - 1) {
        m = m.willSetStateTo("s" + (i + 1));
      }
      wm.stubFor(m);
    }
  }

  private String task(String id, String status) {
    // the signed output URL names the clip on Runway's CDN; here the stub serves it on loopback
    return task(id, status, "http://127.0.0.1:" + wm.port() + "/files/" + id + ".mp4?_jwt=signed");
  }

  private String task(String id, String status, String output) {
    String extra = switch (status) {
      case "RUNNING" -> ",\"progress\":0.42";
      case "SUCCEEDED" -> ",\"output\":[\"" + output + "\"]";
      default -> "";
    };
    return "{\"id\":\"" + id + "\",\"createdAt\":\"2026-08-22T09:30:11.402Z\",\"status\":\"" + status + "\"" + extra
        + "}";
  }

  private void serve(String id, int delayMillis) {
    h.serveVideo(urlPathEqualTo("/files/" + id + ".mp4"), CLIP, delayMillis);
  }
}
