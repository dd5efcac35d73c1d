package dev.vcg.examples.generation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
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
import dev.vcg.provider.fal.FalVideoProvider;
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
  void startFal() {
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
    submits(A, "shot 1");
    submits(B, "shot 2");
    for (String id : List.of(A, B)) {
      status(id, "IN_PROGRESS");
      result(id);
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
  void aRunKilledWhilePollingFalIsResumedWithoutSubmittingAgain() throws Exception {
    CountDownLatch polledA = await("GET " + QUEUE + A + "/status?logs=0");
    CountDownLatch polledB = await("GET " + QUEUE + B + "/status?logs=0");
    first = new Process();
    WorkflowRun run = first.start();
    assertThat(polledA.await(60, TimeUnit.SECONDS) && polledB.await(60, TimeUnit.SECONDS))
        .as("both jobs submitted, saved and polled").isTrue();
    first.kill();
    int pollsBefore = polls();

    status(A, "COMPLETED");
    status(B, "COMPLETED");
    GenerationResult result = resume(run.id());

    assertPaidOnce();
    assertThat(polls()).as("the resumed run polls the saved jobs").isGreaterThan(pollsBefore);
    assertThat(second.images.calls()).as("frames are reused").isZero();
    assertThat(result.segments()).hasSize(2);
    assertThat(result.costEntries()).filteredOn(c -> c.kind() == ProviderKind.VIDEO).hasSize(2);
    assertPlayable(result);
  }

  @Test
  void aRunKilledWhileAFinishedClipDownloadsDownloadsItAgainWithoutSubmittingAgain() throws Exception {
    status(A, "COMPLETED");
    serve(A, 3_000);
    CountDownLatch downloading = await("GET /files/" + A + ".mp4");
    first = new Process();
    WorkflowRun run = first.start();
    assertThat(downloading.await(60, TimeUnit.SECONDS)).as("the download of clip A started").isTrue();
    first.kill();

    serve(A, 0);
    status(B, "COMPLETED");
    GenerationResult result = resume(run.id());

    assertPaidOnce();
    assertThat(wm.countRequestsMatching(getRequestedFor(urlEqualTo("/files/" + A + ".mp4")).build()).getCount())
        .isEqualTo(2);
    assertThat(second.images.calls()).isZero();
    assertThat(result.segments()).hasSize(2);
    assertPlayable(result);
  }

  @Test
  void aRunResumedAfterItsClipAddressWasRefusedDownloadsFromTheAddressFalGivesAgain() throws Exception {
    status(A, "COMPLETED");
    serve(A, 3_000);
    CountDownLatch downloading = await("GET /files/" + A + ".mp4");
    first = new Process();
    WorkflowRun run = first.start();
    assertThat(downloading.await(60, TimeUnit.SECONDS)).as("the download of clip A started").isTrue();
    first.kill();
    int resultsOfABefore = resultsOf(A);

    // by the resume the clip's address is refused; asking the queue for the result gives a new one
    wm.stubFor(get(urlEqualTo("/files/" + A + ".mp4")).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/xml")
        .withBody("<?xml version='1.0' encoding='UTF-8'?><Error><Code>NoSuchKey</Code>"
            + "<Message>The specified key does not exist.</Message></Error>")));
    String renewed = "/files/" + A + "-renewed.mp4";
    wm.stubFor(get(urlEqualTo(QUEUE + A)).willReturn(okJson("{\"video\":{\"url\":\"http://127.0.0.1:"
        + wm.port() + renewed + "\",\"content_type\":\"video/mp4\"}}")));
    wm.stubFor(get(urlEqualTo(renewed)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "video/mp4").withBody(clip)));
    status(B, "COMPLETED");
    GenerationResult result = resume(run.id());

    assertPaidOnce();
    assertThat(wm.countRequestsMatching(getRequestedFor(urlEqualTo("/files/" + A + ".mp4")).build()).getCount())
        .as("the saved address: the killed download, then refused once").isEqualTo(2);
    assertThat(wm.countRequestsMatching(getRequestedFor(urlEqualTo(renewed)).build()).getCount()).isEqualTo(1);
    assertThat(wm.countRequestsMatching(getRequestedFor(urlEqualTo("/files/" + B + ".mp4")).build()).getCount())
        .isEqualTo(1);
    assertThat(resultsOf(A) - resultsOfABefore).as("the finished job's result asked for once more").isEqualTo(1);
    assertThat(second.images.calls()).as("frames are reused").isZero();
    assertThat(result.segments()).hasSize(2);
    assertThat(result.costEntries()).filteredOn(c -> c.kind() == ProviderKind.VIDEO).hasSize(2);
    MediaRef storedA = result.segments().get(0).clip();
    assertThat(storedA).isInstanceOf(MediaRef.File.class);
    assertThat(Files.readAllBytes(((MediaRef.File) storedA).path())).isEqualTo(clip);
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
    CountDownLatch polledA = await("GET " + QUEUE + A + "/status?logs=0");
    CountDownLatch polledB = await("GET " + QUEUE + B + "/status?logs=0");
    first = new Process();
    WorkflowRun run = first.flow.start(first.engine, FlowRequest.builder().prompt("a lighthouse at dawn")
        .segments(2).segmentSeconds(5).frameSize(FRAME).seed(4L).build());
    assertThat(polledA.await(60, TimeUnit.SECONDS) && polledB.await(60, TimeUnit.SECONDS))
        .as("both segments' jobs submitted, saved and polled").isTrue();
    int framesDrawn = first.images.calls();
    first.kill();

    status(A, "COMPLETED");
    status(B, "COMPLETED");
    second = new Process();
    RunOutcome outcome = second.flow.resume(second.engine, run.id()).result().get(60, TimeUnit.SECONDS);
    assertThat(outcome.status()).as("resumed run: %s", outcome).isEqualTo(RunStatus.COMPLETED);
    GenerationResult result = GenerationResult.from(outcome);

    wm.verify(1, postRequestedFor(urlEqualTo("/" + MODEL)).withRequestBody(containing(", 5 seconds in")));
    wm.verify(1, postRequestedFor(urlEqualTo("/" + MODEL)).withRequestBody(containing(", 10 seconds in")));
    assertThat(wm.countRequestsMatching(postRequestedFor(urlEqualTo("/" + MODEL)).build()).getCount()).isEqualTo(2);
    assertThat(framesDrawn).isEqualTo(3);
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

  private void assertPaidOnce() {
    wm.verify(1, postRequestedFor(urlEqualTo("/" + MODEL)).withRequestBody(containing("shot 1")));
    wm.verify(1, postRequestedFor(urlEqualTo("/" + MODEL)).withRequestBody(containing("shot 2")));
    assertThat(wm.countRequestsMatching(postRequestedFor(urlEqualTo("/" + MODEL)).build()).getCount()).isEqualTo(2);
  }

  private static void assertPlayable(GenerationResult result) throws Exception {
    assertThat(result.video()).exists();
    // two one-second clips joined by a cut
    assertThat(result.duration().toMillis() / 1000.0).isCloseTo(2.0, within(0.05));
    Ffmpeg.require();
    assertThat(Ffmpeg.decodeErrors(result.video())).isEmpty();
  }

  private int resultsOf(String id) {
    return wm.countRequestsMatching(getRequestedFor(urlEqualTo(QUEUE + id)).build()).getCount();
  }

  private int polls() {
    return wm.countRequestsMatching(getRequestedFor(urlPathEqualTo(QUEUE + A + "/status")).build()).getCount()
        + wm.countRequestsMatching(getRequestedFor(urlPathEqualTo(QUEUE + B + "/status")).build()).getCount();
  }

  private CountDownLatch await(String key) {
    return awaited.computeIfAbsent(key, k -> new CountDownLatch(1));
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
    wm.stubFor(get(urlEqualTo("/files/" + id + ".mp4")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "video/mp4").withBody(clip).withFixedDelay(delayMillis)));
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
      FalVideoProvider fal = FalVideoProvider.builder().config(ProviderConfig.builder("fal")
          .apiKey(ApiKey.of("fal-test-key-0000")).baseUrl(URI.create(wm.baseUrl())).model(MODEL)
          .requestTimeout(Duration.ofSeconds(30)).build()).build();
      LocalAssetStore assets = LocalAssetStore.builder().baseDirectory(tmp.resolve("assets"))
          .downloader(MediaDownloader.builder().fetcher(GuardedFetcher.builder().policy(FetchPolicy.builder()
              .allowLoopbackForTesting(true).allowPort(wm.port()).build()).build()).build())
          .build();
      PollPolicy polls = PollPolicy.builder().initialDelay(Duration.ofMillis(20)).maxInterval(Duration.ofMillis(100))
          .jitter(0).hintBounds(Duration.ofMillis(1), Duration.ofMillis(100)).build();
      directed = DirectedGeneration.builder().imageProvider(images).videoProvider(fal)
          .stitcher(new JCodecStitcher()).frameExtractor(new JCodecFrameExtractor()).assetStore(assets)
          .pollPolicy(polls).build();
      flow = ContinuousFlow.builder().imageProvider(images).videoProvider(fal)
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
