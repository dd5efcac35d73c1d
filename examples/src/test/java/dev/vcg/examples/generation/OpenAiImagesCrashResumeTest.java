package dev.vcg.examples.generation;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.vcg.direction.CameraMove;
import dev.vcg.direction.DirectedScene;
import dev.vcg.direction.DirectedShot;
import dev.vcg.direction.TransitionType;
import dev.vcg.direction.VideoDirection;
import dev.vcg.internal.Json;
import dev.vcg.local.LocalImageProvider;
import dev.vcg.media.LocalAssetStore;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.openai.OpenAiImageProvider;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directed run (frames from {@code POST /images/generations}) and a continuous flow (later frames
 * from {@code POST /images/edits} with the frame before as reference) whose frames are drawn by the
 * real OpenAI image provider (the Images API served by WireMock on loopback, base64 answers) and
 * whose clips are rendered by the offline {@code local} video provider are killed while one frame's
 * answer is held back, after other frames were drawn and saved; a new engine with new providers
 * resumes them from the same run store. No saved frame is requested again (only the one whose
 * answer died with the process), and the result is a playable MP4.
 */
class OpenAiImagesCrashResumeTest {
  private static final String GENERATIONS = "/v1/images/generations";
  private static final String EDITS = "/v1/images/edits";
  private static final ImageSize FRAME = new ImageSize(256, 144);
  /**
   * The frames of the plan: the first shot's start and end, and the second shot's end (the shots
   * are joined by a cut, so the second starts where the first ends).
   */
  private static final List<String> FRAMES = List.of("shot 1: a lighthouse on a cliff, wide",
      "shot 1: the lighthouse, close", "shot 2: the lighthouse, close");
  /** The frame both clips need, held back: the run is killed before any clip is submitted. */
  private static final String HELD = FRAMES.get(1);

  @TempDir
  Path tmp;
  WireMockServer wm;
  /** The first request whose body contains this text has its answer held until released. */
  volatile String holdFor = prompt(HELD);
  final CountDownLatch held = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);
  final AtomicBoolean holding = new AtomicBoolean(true);
  Process first;
  Process second;

  @BeforeEach
  void startOpenAi() {
    wm = new WireMockServer(options().dynamicPort().extensions(new ServeEventListener() {
      @Override
      public String getName() {
        return "hold";
      }

      @Override
      public void beforeResponseSent(ServeEvent event, Parameters parameters) {
        if (event.getRequest().getBodyAsString().contains(holdFor) && holding.getAndSet(false)) {
          held.countDown();
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    }));
    wm.start();
    for (String frame : FRAMES) {
      answers(GENERATIONS, prompt(frame), png(frame));
    }
  }

  @AfterEach
  void stop() {
    release.countDown();
    for (Process p : new Process[] {first, second}) {
      if (p != null) {
        p.kill();
      }
    }
    wm.stop();
  }

  @Test
  void aRunKilledWhileAFrameIsDrawnDrawsOnlyThatFrameAgain() throws Exception {
    first = new Process();
    CountDownLatch othersSaved = first.store.whenSaved(doc -> completedFrames(doc) == FRAMES.size() - 1);
    WorkflowRun run = first.start();
    assertThat(held.await(60, TimeUnit.SECONDS)).as("the held frame was requested").isTrue();
    assertThat(othersSaved.await(60, TimeUnit.SECONDS)).as("the other frames were drawn and saved").isTrue();
    first.kill();
    release.countDown();

    second = new Process();
    RunOutcome outcome = second.directed.resume(second.engine, run.id()).result().get(60, TimeUnit.SECONDS);
    assertThat(outcome.status()).as("resumed run: %s", outcome).isEqualTo(RunStatus.COMPLETED);
    GenerationResult result = GenerationResult.from(outcome);

    for (String frame : FRAMES) {
      // the held frame's first answer was lost with the process: only it is drawn again
      wm.verify(frame.equals(HELD) ? 2 : 1, postRequestedFor(urlEqualTo(GENERATIONS))
          .withRequestBody(containing(prompt(frame))));
    }
    assertThat(wm.countRequestsMatching(postRequestedFor(urlMatching("/v1/images/.*")).build()).getCount())
        .as("requests to the Images API: each frame once, the lost one twice").isEqualTo(FRAMES.size() + 1);
    assertThat(result.segments()).hasSize(2);
    assertThat(result.costEntries()).filteredOn(c -> c.kind() == ProviderKind.IMAGE)
        .as("each frame paid once in the resumed run's ledger").hasSize(FRAMES.size());
    assertPlayable(result);
  }

  @Test
  void aContinuousFlowKilledWhileAnEditIsDrawnSendsOnlyThatEditAgainWithTheSavedReference() throws Exception {
    // frame 0 is generated; each later frame is an edit of the one before, one segment on
    byte[] opening = png("opening");
    byte[] oneIn = png("1 second in");
    answers(GENERATIONS, ", opening frame", opening);
    answers(EDITS, ", 1 seconds in", oneIn);
    answers(EDITS, ", 2 seconds in", png("2 seconds in"));
    holdFor = ", 1 seconds in";
    first = new Process();
    CountDownLatch openingSaved = first.store.whenSaved(doc -> completedFrames(doc) == 1);
    WorkflowRun run = first.flow.start(first.engine, FlowRequest.builder().prompt("a lighthouse at dawn")
        .segments(2).segmentSeconds(1).frameSize(FRAME).seed(4L).build());
    assertThat(held.await(60, TimeUnit.SECONDS)).as("the second frame was requested").isTrue();
    assertThat(openingSaved.await(60, TimeUnit.SECONDS)).as("the opening frame was drawn and saved").isTrue();
    first.kill();
    release.countDown();

    second = new Process();
    RunOutcome outcome = second.flow.resume(second.engine, run.id()).result().get(60, TimeUnit.SECONDS);
    assertThat(outcome.status()).as("resumed run: %s", outcome).isEqualTo(RunStatus.COMPLETED);
    GenerationResult result = GenerationResult.from(outcome);

    wm.verify(1, postRequestedFor(urlEqualTo(GENERATIONS)));
    // the lost edit is sent again, with the frame saved before the kill as its reference
    wm.verify(2, postRequestedFor(urlEqualTo(EDITS)).withRequestBody(containing(", 1 seconds in"))
        .withRequestBody(containing("data:image/png;base64," + Base64.getEncoder().encodeToString(opening))));
    wm.verify(1, postRequestedFor(urlEqualTo(EDITS)).withRequestBody(containing(", 2 seconds in"))
        .withRequestBody(containing("data:image/png;base64," + Base64.getEncoder().encodeToString(oneIn))));
    assertThat(wm.countRequestsMatching(postRequestedFor(urlMatching("/v1/images/.*")).build()).getCount())
        .as("requests to the Images API: each frame once, the lost one twice").isEqualTo(4);
    assertThat(result.segments()).hasSize(2);
    assertPlayable(result);
  }

  // ------------------------------------------------------------------ helpers

  private static void assertPlayable(GenerationResult result) throws Exception {
    assertThat(result.video()).exists();
    // two one-second clips joined by a cut
    assertThat(result.duration().toMillis() / 1000.0).isCloseTo(2.0, within(0.05));
    Ffmpeg.require();
    assertThat(Ffmpeg.decodeErrors(result.video())).isEmpty();
    assertThat(Ffmpeg.durationSeconds(result.video())).isCloseTo(2.0, within(0.1));
  }

  /** A real PNG of the frame size, different for each prompt. */
  private static byte[] png(String prompt) {
    MediaRef image = LocalImageProvider.create().generate(ImageRequest.builder().prompt(prompt).size(FRAME).build())
        .first().image();
    return ((MediaRef.Bytes) image).data();
  }

  /** OpenAI answers requests to {@code path} whose body contains {@code text} with the image, base64. */
  private void answers(String path, String text, byte[] png) {
    wm.stubFor(post(urlEqualTo(path)).withHeader("Authorization", equalTo("Bearer sk-test-0000"))
        .withRequestBody(containing(text)).willReturn(okJson("{\"created\":1755850200,\"data\":[{\"b64_json\":\""
            + Base64.getEncoder().encodeToString(png) + "\"}],\"output_format\":\"png\",\"quality\":\"medium\","
            + "\"size\":\"256x144\",\"usage\":{\"input_tokens\":20,\"input_tokens_details\":{\"image_tokens\":0,"
            + "\"text_tokens\":20},\"output_tokens\":272,\"total_tokens\":292}}")));
  }

  private static String prompt(String frame) {
    return "\"prompt\":\"" + frame + "\"";
  }

  /** @return how many frame steps the checkpoint document records as completed */
  private static int completedFrames(String document) {
    int n = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = steps(document).fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().matches("(.*/)?frame-[0-9]+") && "COMPLETED".equals(e.getValue().path("state").asText())) {
        n++;
      }
    }
    return n;
  }

  private static JsonNode steps(String document) {
    try {
      return Json.mapper().readTree(document).path("steps");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DirectedShot shot(int id, String what) {
    return DirectedShot.builder().id(id).duration(1).startPrompt(what + ": a lighthouse on a cliff, wide")
        .endPrompt(what + ": the lighthouse, close").motionPrompt(what + ": waves crash below")
        .cameraMove(CameraMove.PUSH_IN).transitionOut(TransitionType.CUT).build();
  }

  /** The real file store, telling the test when a saved document shows what it waits for. */
  static final class WatchedStore implements ContextStore {
    private final ContextStore real;
    private final Map<Predicate<String>, CountDownLatch> watches = new ConcurrentHashMap<>();

    WatchedStore(ContextStore real) {
      this.real = real;
    }

    CountDownLatch whenSaved(Predicate<String> saved) {
      CountDownLatch l = new CountDownLatch(1);
      watches.put(saved, l);
      return l;
    }

    @Override
    public void save(String runId, String document) {
      real.save(runId, document);
      watches.forEach((p, l) -> {
        if (p.test(document)) {
          l.countDown();
        }
      });
    }

    @Override
    public Optional<String> load(String runId) {
      return real.load(runId);
    }

    @Override
    public boolean delete(String runId) {
      return real.delete(runId);
    }

    @Override
    public Set<String> runIds() {
      return real.runIds();
    }
  }

  /** One process: its own threads, engine and providers; the run store and directories are shared. */
  final class Process {
    final ExecutorService pool = Executors.newFixedThreadPool(8);
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final WatchedStore store = new WatchedStore(ContextStore.directory(tmp.resolve("runs")));
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
      engine = WorkflowEngine.builder().executor(pool).scheduler(dying).store(store).build();
      OpenAiImageProvider openai = OpenAiImageProvider.builder().config(ProviderConfig.builder("openai")
          .apiKey(ApiKey.of("sk-test-0000")).baseUrl(URI.create(wm.baseUrl() + "/v1")).model("gpt-image-2")
          .requestTimeout(Duration.ofSeconds(30)).build()).build();
      PollPolicy polls = PollPolicy.builder().initialDelay(Duration.ofMillis(20)).maxInterval(Duration.ofMillis(100))
          .jitter(0).hintBounds(Duration.ofMillis(1), Duration.ofMillis(100)).build();
      LocalVideoProvider local = LocalVideoProvider.create(tmp.resolve("local-video"), 160, pool);
      LocalAssetStore assets = LocalAssetStore.builder().baseDirectory(tmp.resolve("assets")).build();
      directed = DirectedGeneration.builder().imageProvider(openai).videoProvider(local)
          .stitcher(new JCodecStitcher()).frameExtractor(new JCodecFrameExtractor()).assetStore(assets)
          .pollPolicy(polls).build();
      flow = ContinuousFlow.builder().imageProvider(openai).videoProvider(local)
          .stitcher(new JCodecStitcher()).frameExtractor(new JCodecFrameExtractor()).assetStore(assets)
          .pollPolicy(polls).build();
    }

    WorkflowRun start() {
      VideoDirection plan = new VideoDirection("Lighthouse", "a lighthouse at dawn", 2, List.of(
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
