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
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.vcg.direction.CameraMove;
import dev.vcg.direction.DirectedScene;
import dev.vcg.direction.DirectedShot;
import dev.vcg.direction.TransitionType;
import dev.vcg.direction.VideoDirection;
import dev.vcg.local.LocalImageProvider;
import dev.vcg.media.LocalAssetStore;
import dev.vcg.media.MediaDownloader;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoRequest;
import dev.vcg.provider.runway.RunwayVideoProvider;
import dev.vcg.services.web.FetchPolicy;
import dev.vcg.services.web.GuardedFetcher;
import dev.vcg.stitch.jcodec.JCodecFrameExtractor;
import dev.vcg.stitch.jcodec.JCodecStitcher;
import dev.vcg.stitch.jcodec.local.LocalVideoProvider;
import dev.vcg.workflow.ContextStore;
import dev.vcg.workflow.PollPolicy;
import dev.vcg.workflow.RunOutcome;
import dev.vcg.workflow.RunStatus;
import dev.vcg.workflow.Scheduler;
import dev.vcg.workflow.WorkflowEngine;
import dev.vcg.workflow.WorkflowRun;
import dev.vcg.workflows.generation.ContinuousFlow;
import dev.vcg.workflows.generation.DirectedGeneration;
import dev.vcg.workflows.generation.DirectedRequest;
import dev.vcg.workflows.generation.FlowRequest;
import dev.vcg.workflows.generation.GenerationResult;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  private static byte[] clip;

  @TempDir
  Path tmp;
  WireMockServer wm;
  final Map<String, CountDownLatch> awaited = new ConcurrentHashMap<>();
  Process first;
  Process second;

  @BeforeAll
  static void renderAClip(@TempDir Path dir) throws Exception {
    MediaRef frame = LocalImageProvider.create().generate(ImageRequest.builder().prompt("a lighthouse at dawn")
        .size(FRAME).build()).first().image();
    LocalVideoProvider local = LocalVideoProvider.create(dir, 160, Runnable::run);
    VideoJob job = local.submit(VideoRequest.builder().startFrame(frame).prompt("waves").durationSeconds(1).build());
    JobStatus done = local.poll(job);
    clip = Files.readAllBytes(((MediaRef.File) done.resultIfDone().orElseThrow().video()).path());
  }

  @BeforeEach
  void startRunway() {
    wm = new WireMockServer(options().dynamicPort().extensions(new ServeEventListener() {
      @Override
      public String getName() {
        return "awaited";
      }

      @Override
      public void afterMatch(ServeEvent event, Parameters parameters) {
        CountDownLatch l = awaited.get(event.getRequest().getMethod() + " " + event.getRequest().getUrl());
        if (l != null) {
          l.countDown();
        }
      }
    }));
    wm.start();
    creates(A, "shot 1");
    creates(B, "shot 2");
    for (String id : List.of(A, B)) {
      statuses(id, task(id, "PENDING"), task(id, "THROTTLED"), task(id, "RUNNING"));
      wm.stubFor(delete(urlEqualTo("/v1/tasks/" + id)).willReturn(aResponse().withStatus(204)));
      serve(id, 0);
    }
  }

  @AfterEach
  void stop() {
    for (Process p : new Process[] {first, second}) {
      if (p != null) {
        p.kill();
      }
    }
    wm.stop();
  }

  @Test
  void aRunKilledWhilePollingRunwayIsResumedWithoutCreatingTasksAgain() throws Exception {
    // the third poll of each task answers RUNNING, after PENDING and THROTTLED
    CountDownLatch runningA = await("GET /v1/tasks/" + A, 3);
    CountDownLatch runningB = await("GET /v1/tasks/" + B, 3);
    first = new Process();
    WorkflowRun run = first.start();
    assertThat(runningA.await(60, TimeUnit.SECONDS) && runningB.await(60, TimeUnit.SECONDS))
        .as("both tasks created, saved and polled through PENDING and THROTTLED to RUNNING").isTrue();
    int framesDrawn = first.images.calls();
    first.kill();
    int pollsBefore = polls();

    for (String id : List.of(A, B)) {
      statuses(id, task(id, "RUNNING"), task(id, "SUCCEEDED"));
    }
    GenerationResult result = resume(run.id());

    assertCreatedOnce("shot 1", "shot 2");
    assertThat(polls()).as("the resumed run polls the saved tasks").isGreaterThan(pollsBefore);
    assertThat(wm.countRequestsMatching(getRequestedFor(urlPathEqualTo("/files/" + A + ".mp4")).build()).getCount())
        .isEqualTo(1);
    assertThat(first.images.requests).extracting(ImageRequest::prompt).doesNotHaveDuplicates();
    assertThat(framesDrawn).isEqualTo(first.images.calls()).isPositive();
    assertThat(second.images.calls()).as("frames are reused").isZero();
    assertThat(result.segments()).hasSize(2);
    assertThat(result.costEntries()).filteredOn(c -> c.kind() == ProviderKind.VIDEO).hasSize(2);
    assertPlayable(result);
  }

  @Test
  void aRunKilledWhileAFinishedClipDownloadsDownloadsItAgainWithoutCreatingTasksAgain() throws Exception {
    statuses(A, task(A, "PENDING"), task(A, "SUCCEEDED"));
    serve(A, 3_000);
    CountDownLatch downloading = await("GET /files/" + A + ".mp4?_jwt=signed", 1);
    first = new Process();
    WorkflowRun run = first.start();
    assertThat(downloading.await(60, TimeUnit.SECONDS)).as("the download of clip A started").isTrue();
    first.kill();

    serve(A, 0);
    statuses(B, task(B, "SUCCEEDED"));
    GenerationResult result = resume(run.id());

    assertCreatedOnce("shot 1", "shot 2");
    assertThat(wm.countRequestsMatching(getRequestedFor(urlPathEqualTo("/files/" + A + ".mp4")).build()).getCount())
        .isEqualTo(2);
    assertThat(second.images.calls()).isZero();
    assertThat(result.segments()).hasSize(2);
    assertPlayable(result);
  }

  @Test
  void aRunResumedAfterItsClipAddressExpiredDownloadsFromTheAddressRunwayGivesAgain() throws Exception {
    statuses(A, task(A, "PENDING"), task(A, "SUCCEEDED"));
    serve(A, 3_000);
    CountDownLatch downloading = await("GET /files/" + A + ".mp4?_jwt=signed", 1);
    first = new Process();
    WorkflowRun run = first.start();
    assertThat(downloading.await(60, TimeUnit.SECONDS)).as("the download of clip A started").isTrue();
    int framesDrawn = first.images.calls();
    first.kill();
    int pollsOfABefore = pollsOf(A);

    // by the resume the signed URL has expired: the CDN refuses it, polling the task signs a new one
    wm.stubFor(get(urlPathEqualTo("/files/" + A + ".mp4")).willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", "application/xml").withBody(EXPIRED)));
    String renewed = "/files/" + A + "-renewed.mp4";
    statuses(A, task(A, "SUCCEEDED", "http://127.0.0.1:" + wm.port() + renewed + "?_jwt=renewed"));
    wm.stubFor(get(urlPathEqualTo(renewed)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "video/mp4").withBody(clip)));
    statuses(B, task(B, "SUCCEEDED"));
    GenerationResult result = resume(run.id());

    assertCreatedOnce("shot 1", "shot 2");
    assertThat(wm.countRequestsMatching(getRequestedFor(urlPathEqualTo("/files/" + A + ".mp4")).build()).getCount())
        .as("the saved URL: the killed download, then refused once").isEqualTo(2);
    assertThat(wm.countRequestsMatching(getRequestedFor(urlPathEqualTo(renewed)).build()).getCount()).isEqualTo(1);
    assertThat(wm.countRequestsMatching(getRequestedFor(urlPathEqualTo("/files/" + B + ".mp4")).build()).getCount())
        .isEqualTo(1);
    assertThat(pollsOf(A) - pollsOfABefore).as("one poll of the finished task for the fresh URL").isEqualTo(1);
    assertThat(first.images.requests).extracting(ImageRequest::prompt).doesNotHaveDuplicates();
    assertThat(framesDrawn).isEqualTo(first.images.calls()).isPositive();
    assertThat(second.images.calls()).as("frames are reused").isZero();
    assertThat(result.segments()).hasSize(2);
    assertThat(result.costEntries()).filteredOn(c -> c.kind() == ProviderKind.VIDEO).hasSize(2);
    MediaRef storedA = result.segments().get(0).clip();
    assertThat(storedA).isInstanceOf(MediaRef.File.class);
    assertThat(Files.readAllBytes(((MediaRef.File) storedA).path())).isEqualTo(clip);
    assertPlayable(result);
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
    CountDownLatch runningA = await("GET /v1/tasks/" + A, 3);
    CountDownLatch runningB = await("GET /v1/tasks/" + B, 3);
    first = new Process();
    WorkflowRun run = first.flow.start(first.engine, FlowRequest.builder().prompt("a lighthouse at dawn")
        .segments(2).segmentSeconds(5).frameSize(FRAME).seed(4L).build());
    assertThat(runningA.await(60, TimeUnit.SECONDS) && runningB.await(60, TimeUnit.SECONDS))
        .as("both segments' tasks created, saved and polled to RUNNING").isTrue();
    int framesDrawn = first.images.calls();
    first.kill();

    for (String id : List.of(A, B)) {
      statuses(id, task(id, "SUCCEEDED"));
    }
    second = new Process();
    RunOutcome outcome = second.flow.resume(second.engine, run.id()).result().get(60, TimeUnit.SECONDS);
    assertThat(outcome.status()).as("resumed run: %s", outcome).isEqualTo(RunStatus.COMPLETED);
    GenerationResult result = GenerationResult.from(outcome);

    assertCreatedOnce(", 5 seconds in", ", 10 seconds in");
    // gen4_turbo takes no last frame: each segment starts from its own frame
    assertThat(framesDrawn).isEqualTo(2);
    assertThat(first.images.requests).extracting(ImageRequest::prompt).doesNotHaveDuplicates();
    assertThat(second.images.calls()).as("frames are reused").isZero();
    assertThat(result.segments()).hasSize(2);
    assertPlayable(result);
  }

  // ------------------------------------------------------------------ helpers

  private GenerationResult resume(String runId) throws Exception {
    second = new Process();
    RunOutcome outcome = second.directed.resume(second.engine, runId).result().get(60, TimeUnit.SECONDS);
    assertThat(outcome.status()).as("resumed run: %s", outcome).isEqualTo(RunStatus.COMPLETED);
    return GenerationResult.from(outcome);
  }

  private void assertCreatedOnce(String first, String second) {
    wm.verify(1, postRequestedFor(urlEqualTo(CREATE)).withRequestBody(containing(first)));
    wm.verify(1, postRequestedFor(urlEqualTo(CREATE)).withRequestBody(containing(second)));
    assertThat(wm.countRequestsMatching(postRequestedFor(urlEqualTo(CREATE)).build()).getCount()).isEqualTo(2);
    // neither the dying process nor the resumed one cancels a task (DELETE would also purge its output)
    wm.verify(0, deleteRequestedFor(urlPathMatching("/v1/tasks/.*")));
  }

  private static void assertPlayable(GenerationResult result) throws Exception {
    assertThat(result.video()).exists();
    // two one-second clips joined by a cut
    assertThat(result.duration().toMillis() / 1000.0).isCloseTo(2.0, within(0.05));
    Ffmpeg.require();
    assertThat(Ffmpeg.decodeErrors(result.video())).isEmpty();
    assertThat(Ffmpeg.durationSeconds(result.video())).isCloseTo(2.0, within(0.1));
  }

  private int pollsOf(String id) {
    return wm.countRequestsMatching(getRequestedFor(urlEqualTo("/v1/tasks/" + id)).build()).getCount();
  }

  private int polls() {
    return wm.countRequestsMatching(getRequestedFor(urlEqualTo("/v1/tasks/" + A)).build()).getCount()
        + wm.countRequestsMatching(getRequestedFor(urlEqualTo("/v1/tasks/" + B)).build()).getCount();
  }

  private CountDownLatch await(String key, int count) {
    return awaited.computeIfAbsent(key, k -> new CountDownLatch(count));
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
    ResponseDefinitionBuilder mp4 = aResponse().withStatus(200).withHeader("Content-Type", "video/mp4").withBody(clip)
        .withFixedDelay(delayMillis);
    wm.stubFor(get(urlPathEqualTo("/files/" + id + ".mp4")).willReturn(mp4));
  }

  private static DirectedShot shot(int id, String what) {
    return DirectedShot.builder().id(id).duration(5).startPrompt(what + ": a lighthouse on a cliff, wide")
        .endPrompt(what + ": the lighthouse, close").motionPrompt(what + ": waves crash below")
        .cameraMove(CameraMove.PUSH_IN).transitionOut(TransitionType.CUT).build();
  }

  /** One process: its own threads, engine and providers; the run store and asset directory are shared. */
  final class Process {
    final ExecutorService pool = Executors.newFixedThreadPool(8);
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final Counting.Images images = new Counting.Images(LocalImageProvider.create());
    final WorkflowEngine engine;
    final DirectedGeneration directed;
    final ContinuousFlow flow;

    Process() {
      Scheduler timers = Scheduler.of(timer);
      // A dead process runs nothing: work handed to it after the kill is dropped.
      Scheduler dying = (task, delay) -> {
        try {
          return timers.schedule(task, delay);
        } catch (RejectedExecutionException e) {
          return () -> { };
        }
      };
      engine = WorkflowEngine.builder().executor(pool).scheduler(dying)
          .store(ContextStore.directory(tmp.resolve("runs"))).build();
      RunwayVideoProvider runway = RunwayVideoProvider.builder().config(ProviderConfig.builder("runway")
          .apiKey(ApiKey.of("key_" + "0".repeat(128))).baseUrl(URI.create(wm.baseUrl()))
          .requestTimeout(Duration.ofSeconds(30)).build()).build();
      LocalAssetStore assets = LocalAssetStore.builder().baseDirectory(tmp.resolve("assets"))
          .downloader(MediaDownloader.builder().fetcher(GuardedFetcher.builder().policy(FetchPolicy.builder()
              .allowLoopbackForTesting(true).allowPort(wm.port()).build()).build()).build())
          .build();
      // Runway asks for polls at least 5 s apart; the hint bounds bring that down for the test
      PollPolicy polls = PollPolicy.builder().initialDelay(Duration.ofMillis(20)).maxInterval(Duration.ofMillis(100))
          .jitter(0).hintBounds(Duration.ofMillis(1), Duration.ofMillis(50)).build();
      directed = DirectedGeneration.builder().imageProvider(images).videoProvider(runway)
          .stitcher(new JCodecStitcher()).frameExtractor(new JCodecFrameExtractor()).assetStore(assets)
          .pollPolicy(polls).build();
      flow = ContinuousFlow.builder().imageProvider(images).videoProvider(runway)
          .stitcher(new JCodecStitcher()).frameExtractor(new JCodecFrameExtractor()).assetStore(assets)
          .pollPolicy(polls).build();
    }

    WorkflowRun start() {
      VideoDirection plan = new VideoDirection("Lighthouse", "a lighthouse at dawn", 10, List.of(
          new DirectedScene(1, "dawn", "the sun rises", "calm", List.of(shot(1, "shot 1"), shot(2, "shot 2")))), null);
      return directed.start(engine, DirectedRequest.builder().direction(plan).frameSize(FRAME).seed(3L).build());
    }

    void kill() {
      pool.shutdownNow();
      timer.shutdownNow();
      engine.close();
    }
  }
}
