package dev.vcg.workflows.generation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.vcg.cost.Money;
import dev.vcg.direction.TransitionType;
import dev.vcg.internal.Json;
import dev.vcg.media.LocalAssetStore;
import dev.vcg.media.MediaDownloader;
import dev.vcg.provider.ProviderKind;
import dev.vcg.services.web.FetchPolicy;
import dev.vcg.services.web.GuardedFetcher;
import dev.vcg.workflow.ContextStore;
import dev.vcg.workflow.PollPolicy;
import dev.vcg.workflow.RunOutcome;
import dev.vcg.workflow.RunStatus;
import dev.vcg.workflow.Scheduler;
import dev.vcg.workflow.WorkflowEngine;
import dev.vcg.workflow.WorkflowRun;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directed run is killed at the three points where money is at stake — right after the clip
 * jobs were submitted, while they are polled, while a finished clip downloads — and resumed by a
 * new engine on the same file store. Every clip is paid for exactly once (counted at the HTTP
 * server) and no frame is rendered again.
 */
class CrashResumeTest {
  private static final String SHOT_1 = "shot 1 motion";
  private static final String SHOT_2 = "shot 2 motion";

  @TempDir
  Path tmp;
  WireMockServer wm;
  final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  final Map<String, CountDownLatch> awaited = new ConcurrentHashMap<>();
  Process a;
  Process b;

  @BeforeEach
  void startServer() {
    wm = new WireMockServer(options().dynamicPort().extensions(new ServeEventListener() {
      @Override
      public String getName() {
        return "hits";
      }

      @Override
      public void afterMatch(ServeEvent event, Parameters parameters) {
        String key = event.getRequest().getMethod() + " " + event.getRequest().getUrl();
        if (event.getRequest().getBodyAsString().contains(SHOT_2)) {
          key += " shot 2";
        }
        int n = hits.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        CountDownLatch l = awaited.get(key);
        if (l != null && n >= 1) {
          l.countDown();
        }
      }
    }));
    wm.start();
    wm.stubFor(post(urlEqualTo("/v1/clips")).withRequestBody(containing(SHOT_1)).willReturn(okJson("{\"id\":\"clip-a\"}")));
    wm.stubFor(post(urlEqualTo("/v1/clips")).withRequestBody(containing(SHOT_2)).willReturn(okJson("{\"id\":\"clip-b\"}")));
    serveClip("clip-a", 0);
    serveClip("clip-b", 0);
  }

  @AfterEach
  void stop() {
    for (Process p : new Process[] {a, b}) {
      if (p != null) {
        p.kill();
      }
    }
    wm.stop();
  }

  @Test
  void aCrashRightAfterTheSubmissionsPollsTheSavedJobs() throws Exception {
    finished("clip-a");
    finished("clip-b");
    CrashableStore store = new CrashableStore(ContextStore.directory(tmp.resolve("runs")));
    store.crashAfterSaving(doc -> hasJob(doc, "generate/clip-0") && hasJob(doc, "generate/clip-1"));
    a = new Process(store, Duration.ofSeconds(2));
    WorkflowRun run = a.start();
    assertThat(store.down.await(20, TimeUnit.SECONDS)).as("both jobs saved").isTrue();
    a.kill();
    assertThat(statusPolls()).as("killed before the first poll").isZero();

    GenerationResult result = resumeElsewhere(run.id());

    assertPaidOnce();
    assertThat(statusPolls()).isGreaterThanOrEqualTo(2);
    assertThat(b.images.calls()).as("frames are reused").isZero();
    assertThat(result.segments()).hasSize(2);
    assertThat(result.costEntries()).filteredOn(c -> c.kind() == ProviderKind.VIDEO).hasSize(2)
        .allSatisfy(c -> {
          assertThat(c.amount()).isEqualTo(Money.usd("0.35"));
          assertThat(c.actual()).isTrue();
        });
    assertThat(result.costEntries()).filteredOn(c -> c.kind() == ProviderKind.IMAGE).hasSize(3);
  }

  @Test
  void aCrashWhilePollingPollsTheSameJobsAfterTheResume() throws Exception {
    running("clip-a");
    running("clip-b");
    CountDownLatch polledA = await("GET /v1/clips/clip-a");
    CountDownLatch polledB = await("GET /v1/clips/clip-b");
    CrashableStore store = new CrashableStore(ContextStore.directory(tmp.resolve("runs")));
    a = new Process(store, Duration.ofMillis(20));
    WorkflowRun run = a.start();
    assertThat(polledA.await(20, TimeUnit.SECONDS) && polledB.await(20, TimeUnit.SECONDS)).isTrue();
    store.crash();
    a.kill();
    int pollsBefore = statusPolls();

    finished("clip-a");
    finished("clip-b");
    GenerationResult result = resumeElsewhere(run.id());

    assertPaidOnce();
    assertThat(statusPolls()).isGreaterThan(pollsBefore);
    assertThat(b.images.calls()).isZero();
    assertThat(result.segments()).hasSize(2);
    assertThat(result.costEntries()).filteredOn(c -> c.kind() == ProviderKind.VIDEO).hasSize(2);
  }

  @Test
  void aCrashWhileAFinishedClipDownloadsDownloadsItAgain() throws Exception {
    String runId = crashWhileClipADownloads();
    finished("clip-a");
    finished("clip-b");
    serveClip("clip-a", 0);
    GenerationResult result = resumeElsewhere(runId);

    assertPaidOnce();
    assertThat(hits("GET /files/clip-a.mp4")).isEqualTo(2);
    assertThat(hits("GET /files/clip-b.mp4")).isEqualTo(1);
    assertThat(b.images.calls()).isZero();
    assertThat(result.segments()).hasSize(2);
    assertThat(result.costEntries()).filteredOn(c -> c.kind() == ProviderKind.VIDEO).hasSize(2);
  }

  @Test
  void aResumedRunWhoseClipAddressExpiredAsksTheProviderForAFreshOne() throws Exception {
    String runId = crashWhileClipADownloads();
    wm.stubFor(get(urlEqualTo("/files/clip-a.mp4")).willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", "application/xml").withBody("<Error><Code>AccessDenied</Code></Error>")));
    wm.stubFor(get(urlEqualTo("/v1/clips/clip-a")).willReturn(okJson(status("succeeded", "clip-a-fresh"))));
    serveClip("clip-a-fresh", 0);
    finished("clip-b");
    GenerationResult result = resumeElsewhere(runId);

    assertPaidOnce();
    assertThat(hits("GET /files/clip-a.mp4")).as("the saved address, then refused").isEqualTo(2);
    assertThat(hits("GET /files/clip-a-fresh.mp4")).isEqualTo(1);
    assertThat(hits("GET /files/clip-b.mp4")).isEqualTo(1);
    assertThat(b.images.calls()).isZero();
    assertThat(result.segments()).hasSize(2);
    assertThat(result.costEntries()).filteredOn(c -> c.kind() == ProviderKind.VIDEO).hasSize(2);
  }

  @Test
  void aProviderBusyWhenAskedForAFreshAddressIsAskedAgainOnTheStepsRetry() throws Exception {
    String runId = crashWhileClipADownloads();
    wm.stubFor(get(urlEqualTo("/files/clip-a.mp4")).willReturn(aResponse().withStatus(403)));
    // Busy for as long as the HTTP layer retries one call, then the fresh address.
    wm.stubFor(get(urlEqualTo("/v1/clips/clip-a")).inScenario("busy").whenScenarioStateIs(STARTED)
        .willSetStateTo("1").willReturn(aResponse().withStatus(503)));
    wm.stubFor(get(urlEqualTo("/v1/clips/clip-a")).inScenario("busy").whenScenarioStateIs("1")
        .willSetStateTo("2").willReturn(aResponse().withStatus(503)));
    wm.stubFor(get(urlEqualTo("/v1/clips/clip-a")).inScenario("busy").whenScenarioStateIs("2")
        .willSetStateTo("3").willReturn(aResponse().withStatus(503)));
    wm.stubFor(get(urlEqualTo("/v1/clips/clip-a")).inScenario("busy").whenScenarioStateIs("3")
        .willReturn(okJson(status("succeeded", "clip-a-fresh"))));
    serveClip("clip-a-fresh", 0);
    finished("clip-b");
    GenerationResult result = resumeElsewhere(runId);

    assertPaidOnce();
    assertThat(hits("GET /files/clip-a.mp4")).as("saved, refused, refused again on the retry").isEqualTo(3);
    assertThat(hits("GET /files/clip-a-fresh.mp4")).isEqualTo(1);
    assertThat(result.segments()).hasSize(2);
  }

  /** Starts a run, kills it while clip-a downloads (both jobs saved), and resets the scenarios. */
  private String crashWhileClipADownloads() throws Exception {
    // clip-a finishes only once clip-b has been submitted and polled, so both jobs are saved
    wm.stubFor(get(urlEqualTo("/v1/clips/clip-b")).inScenario("jobs").whenScenarioStateIs(STARTED)
        .willSetStateTo("b polled").willReturn(okJson(status("running", "clip-b"))));
    wm.stubFor(get(urlEqualTo("/v1/clips/clip-b")).inScenario("jobs").whenScenarioStateIs("b polled")
        .willReturn(okJson(status("running", "clip-b"))));
    wm.stubFor(get(urlEqualTo("/v1/clips/clip-a")).inScenario("jobs").whenScenarioStateIs(STARTED)
        .willReturn(okJson(status("running", "clip-a"))));
    wm.stubFor(get(urlEqualTo("/v1/clips/clip-a")).inScenario("jobs").whenScenarioStateIs("b polled")
        .willReturn(okJson(status("succeeded", "clip-a"))));
    serveClip("clip-a", 2_000);
    CountDownLatch downloading = await("GET /files/clip-a.mp4");
    CrashableStore store = new CrashableStore(ContextStore.directory(tmp.resolve("runs")));
    a = new Process(store, Duration.ofMillis(20));
    WorkflowRun run = a.start();
    assertThat(downloading.await(20, TimeUnit.SECONDS)).as("download of clip-a started").isTrue();
    store.crash();
    a.kill();
    wm.resetScenarios();
    wm.resetMappings();
    wm.stubFor(post(urlEqualTo("/v1/clips")).withRequestBody(containing(SHOT_1)).willReturn(okJson("{\"id\":\"clip-a\"}")));
    wm.stubFor(post(urlEqualTo("/v1/clips")).withRequestBody(containing(SHOT_2)).willReturn(okJson("{\"id\":\"clip-b\"}")));
    serveClip("clip-b", 0);
    return run.id();
  }

  @Test
  void aClipAddressRefusedWithoutAResumeIsNotRetriedForever() throws Exception {
    // The provider keeps handing out an address that is refused: the save step fails with the
    // download's error after asking once, and nothing is submitted again.
    finished("clip-a");
    finished("clip-b");
    wm.stubFor(get(urlEqualTo("/files/clip-a.mp4")).willReturn(aResponse().withStatus(404)));
    a = new Process(ContextStore.directory(tmp.resolve("runs")), Duration.ofMillis(20));
    RunOutcome outcome = a.start().result().get(30, TimeUnit.SECONDS);
    assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
    assertThat(outcome.failure().map(Throwable::getMessage).orElse("")).contains("404");
    assertThat(hits("GET /files/clip-a.mp4")).isEqualTo(2);
    assertPaidOnce();
  }

  // ------------------------------------------------------------------ helpers

  private GenerationResult resumeElsewhere(String runId) throws Exception {
    b = new Process(ContextStore.directory(tmp.resolve("runs")), Duration.ofMillis(20));
    RunOutcome outcome = b.directed.resume(b.engine, runId).result().get(30, TimeUnit.SECONDS);
    assertThat(outcome.status()).as("resumed run: %s", outcome).isEqualTo(RunStatus.COMPLETED);
    return GenerationResult.from(outcome);
  }

  private void assertPaidOnce() {
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/clips")).withRequestBody(containing(SHOT_1)));
    wm.verify(1, postRequestedFor(urlEqualTo("/v1/clips")).withRequestBody(containing(SHOT_2)));
    assertThat(wm.countRequestsMatching(postRequestedFor(urlEqualTo("/v1/clips")).build()).getCount()).isEqualTo(2);
  }

  private int statusPolls() {
    return wm.countRequestsMatching(getRequestedFor(urlEqualTo("/v1/clips/clip-a")).build()).getCount()
        + wm.countRequestsMatching(getRequestedFor(urlEqualTo("/v1/clips/clip-b")).build()).getCount();
  }

  private int hits(String key) {
    AtomicInteger n = hits.get(key);
    return n == null ? 0 : n.get();
  }

  private CountDownLatch await(String key) {
    return awaited.computeIfAbsent(key, k -> new CountDownLatch(1));
  }

  private static boolean hasJob(String doc, String step) {
    try {
      JsonNode s = Json.mapper().readTree(doc).path("steps").path(step);
      return s.has("job") && !s.path("submitting").asBoolean(false);
    } catch (IOException e) {
      return false;
    }
  }

  private String status(String state, String id) {
    return "{\"status\":\"" + state + "\",\"progress\":0.5,\"url\":\"http://127.0.0.1:" + wm.port() + "/files/" + id
        + ".mp4\",\"seconds\":2,\"cost\":0.35}";
  }

  private void finished(String id) {
    wm.stubFor(get(urlEqualTo("/v1/clips/" + id)).willReturn(okJson(status("succeeded", id))));
  }

  private void running(String id) {
    wm.stubFor(get(urlEqualTo("/v1/clips/" + id)).willReturn(okJson(status("running", id))));
  }

  private void serveClip(String id, int delayMillis) {
    wm.stubFor(get(urlEqualTo("/files/" + id + ".mp4")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "video/mp4").withBody(TestVideos.fakeMp4(id + ":2"))
        .withFixedDelay(delayMillis)));
  }

  /** One process: its own threads, engine, providers; the asset directory and run store are shared. */
  final class Process {
    final ExecutorService pool = Executors.newFixedThreadPool(8);
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final WorkflowEngine engine;
    final TestImages images = new TestImages();
    final DirectedGeneration directed;

    Process(ContextStore store, Duration firstPoll) {
      Scheduler timers = Scheduler.of(timer);
      // A dead process runs nothing: work handed to it after the kill is dropped.
      Scheduler dying = (task, delay) -> {
        try {
          return timers.schedule(task, delay);
        } catch (RejectedExecutionException e) {
          return () -> { };
        }
      };
      engine = WorkflowEngine.builder().executor(pool).scheduler(dying).store(store).build();
      directed = DirectedGeneration.builder().imageProvider(images)
          .videoProvider(new HttpClips(URI.create(wm.baseUrl())))
          .stitcher(new RecordingStitcher()).frameExtractor(new TestFrames())
          .assetStore(LocalAssetStore.builder().baseDirectory(tmp.resolve("assets"))
              .downloader(MediaDownloader.builder().fetcher(GuardedFetcher.builder().policy(FetchPolicy.builder()
                  .allowLoopbackForTesting(true).allowPort(wm.port()).build()).build()).build())
              .build())
          .pollPolicy(PollPolicy.builder().initialDelay(firstPoll).maxInterval(firstPoll.plusMillis(50)).jitter(0)
              .hintBounds(Duration.ofMillis(1), Duration.ofMillis(100)).build())
          .build();
    }

    WorkflowRun start() {
      return directed.start(engine, DirectedRequest.builder().direction(GenerationTestSupport.plan(
          GenerationTestSupport.shot(1, 2, TransitionType.CUT), GenerationTestSupport.shot(2, 2, TransitionType.CUT)))
          .seed(3L).build());
    }

    void kill() {
      pool.shutdownNow();
      timer.shutdownNow();
      engine.close();
    }
  }
}
