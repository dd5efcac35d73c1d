package dev.vcg.examples.generation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
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
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the crash-resume tests share: a WireMock server on loopback standing in for a provider,
 * whose requests the test can wait for (or hold back), and "processes" (each with its own threads,
 * engine and providers) that are started, killed and resumed on one run store and asset directory.
 * The provider's stubs stay in each test. A JUnit extension: the server and directory live for one
 * test, and every process still running is killed after it.
 */
final class CrashHarness implements BeforeEachCallback, AfterEachCallback {
  /** How long a test waits for anything to happen before it fails. */
  static final long WAIT_SECONDS = 60;
  private static final Map<ImageSize, byte[]> CLIPS = new ConcurrentHashMap<>();

  /** The provider's stand-in; started before each test, stopped after it. */
  final WireMockServer wm;
  private final Map<String, CountDownLatch> awaited = new ConcurrentHashMap<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<Process<?>> processes = new CopyOnWriteArrayList<>();
  private volatile Hold hold;
  private Path dir;

  /** A harness for one test; register it with {@code @RegisterExtension} on an instance field. */
  CrashHarness() {
    wm = new WireMockServer(options().dynamicPort().extensions(new ServeEventListener() {
      @Override
      public String getName() {
        return "crash-harness";
      }

      @Override
      public void afterMatch(ServeEvent event, Parameters parameters) {
        CountDownLatch l = awaited.get(event.getRequest().getMethod() + " " + event.getRequest().getUrl());
        if (l != null) {
          l.countDown();
        }
      }

      @Override
      public void beforeResponseSent(ServeEvent event, Parameters parameters) {
        Hold h = hold;
        if (h != null && event.getRequest().getBodyAsString().contains(h.bodyContains)
            && h.holding.getAndSet(false)) {
          h.held.countDown();
          try {
            release.await(WAIT_SECONDS, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    }));
  }

  /** Makes the directory the processes share and starts the server on a free loopback port. */
  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("crash-harness");
    wm.start();
  }

  /** Releases a held answer, kills every process still running, stops the server, deletes the directory. */
  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    release.countDown();
    for (Process<?> p : processes) {
      p.kill();
    }
    wm.stop();
    if (dir != null) {
      delete(dir);
    }
  }

  /** @return the directory the processes share (run store, assets), deleted after the test */
  Path dir() {
    return dir;
  }

  // ------------------------------------------------------------------ the server

  /**
   * @param request the method and URL (path and query) as sent, e.g. {@code "GET /v1/tasks/42"}
   * @return a latch that opens once the server has matched {@code count} such requests
   */
  CountDownLatch await(String request, int count) {
    return awaited.computeIfAbsent(request, k -> new CountDownLatch(count));
  }

  /** @return a latch that opens once the server has matched such a request */
  CountDownLatch await(String request) {
    return await(request, 1);
  }

  /**
   * Holds back the answer to the first request from now on whose body contains the text, until
   * {@link #release()} (or the end of the test); replaces a hold not yet used.
   *
   * @return a latch that opens once that request arrived and its answer is held
   */
  CountDownLatch holdFirst(String bodyContains) {
    Hold h = new Hold(bodyContains);
    hold = h;
    return h.held;
  }

  /** Lets a held answer go. */
  void release() {
    release.countDown();
  }

  /** @return how many requests the server received that match */
  int count(RequestPatternBuilder requests) {
    return wm.countRequestsMatching(requests.build()).getCount();
  }

  /** Serves the MP4 at the URL, after the delay. */
  void serveVideo(UrlPattern url, byte[] mp4, int delayMillis) {
    wm.stubFor(get(url).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "video/mp4")
        .withBody(mp4).withFixedDelay(delayMillis)));
  }

  /** Asserts the server received exactly one {@code POST path} for each body text, and no other. */
  void assertPostedOnceEach(String path, String... bodyContains) {
    for (String text : bodyContains) {
      wm.verify(1, postRequestedFor(urlEqualTo(path)).withRequestBody(containing(text)));
    }
    assertThat(count(postRequestedFor(urlEqualTo(path)))).isEqualTo(bodyContains.length);
  }

  /** Asserts every latch opens in time. */
  static void awaitAll(String description, CountDownLatch... latches) throws InterruptedException {
    boolean all = true;
    for (CountDownLatch l : latches) {
      all = all && l.await(WAIT_SECONDS, TimeUnit.SECONDS);
    }
    assertThat(all).as(description).isTrue();
  }

  // ------------------------------------------------------------------ the processes

  /**
   * A new process on the shared run store and asset directory.
   *
   * @param images the image provider, used as it is
   * @param video makes the video provider; a provider that runs work runs it on the process's pool
   * @param assets the asset store, made for this process
   * @param polls how the process polls clip jobs
   */
  <I extends ImageProvider> Process<I> process(I images, Function<ExecutorService, VideoProvider> video,
      LocalAssetStore assets, PollPolicy polls) {
    Process<I> p = new Process<>(images, video, assets, polls);
    processes.add(p);
    return p;
  }

  /** @return an asset store on the shared directory that downloads with the library's default fetcher */
  LocalAssetStore assets() {
    return LocalAssetStore.builder().baseDirectory(dir.resolve("assets")).build();
  }

  /** @return an asset store on the shared directory that may download from the server on loopback */
  LocalAssetStore assetsFetchingFromServer() {
    return LocalAssetStore.builder().baseDirectory(dir.resolve("assets"))
        .downloader(MediaDownloader.builder().fetcher(GuardedFetcher.builder().policy(FetchPolicy.builder()
            .allowLoopbackForTesting(true).allowPort(wm.port()).build()).build()).build())
        .build();
  }

  /** @return quick polls, with a provider's hint on the interval clamped to at most {@code maxHint} */
  static PollPolicy polls(Duration maxHint) {
    return PollPolicy.builder().initialDelay(Duration.ofMillis(20)).maxInterval(Duration.ofMillis(100))
        .jitter(0).hintBounds(Duration.ofMillis(1), maxHint).build();
  }

  /** @return a real one-second MP4 of the frame size, rendered (once) by the offline video provider */
  static byte[] oneSecondClip(ImageSize frame) {
    return CLIPS.computeIfAbsent(frame, CrashHarness::render);
  }

  private static byte[] render(ImageSize frame) {
    try {
      Path out = Files.createTempDirectory("crash-harness-clip");
      try {
        MediaRef start = LocalImageProvider.create().generate(ImageRequest.builder().prompt("a lighthouse at dawn")
            .size(frame).build()).first().image();
        LocalVideoProvider local = LocalVideoProvider.create(out, 160, Runnable::run);
        VideoJob job = local.submit(VideoRequest.builder().startFrame(start).prompt("waves").durationSeconds(1)
            .build());
        JobStatus done = local.poll(job);
        return Files.readAllBytes(((MediaRef.File) done.resultIfDone().orElseThrow().video()).path());
      } finally {
        delete(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Asserts the asset was stored as a file holding exactly these bytes. */
  static void assertStoredAs(MediaRef stored, byte[] expected) throws Exception {
    assertThat(stored).isInstanceOf(MediaRef.File.class);
    assertThat(Files.readAllBytes(((MediaRef.File) stored).path())).isEqualTo(expected);
  }

  /** Asserts the result is a two-second video that ffmpeg decodes without an error. */
  static void assertPlayable(GenerationResult result) throws Exception {
    assertThat(result.video()).exists();
    // two one-second clips joined by a cut
    assertThat(result.duration().toMillis() / 1000.0).isCloseTo(2.0, within(0.05));
    Ffmpeg.require();
    assertThat(Ffmpeg.decodeErrors(result.video())).isEmpty();
  }

  /** As {@link #assertPlayable}, and ffprobe reads the same two seconds from the container. */
  static void assertPlayableAndProbed(GenerationResult result) throws Exception {
    assertPlayable(result);
    assertThat(Ffmpeg.durationSeconds(result.video())).isCloseTo(2.0, within(0.1));
  }

  /**
   * One process: its own threads, engine and providers; the run store and directories are shared.
   *
   * @param <I> the type of its image provider, so a test can ask it what it was called for
   */
  final class Process<I extends ImageProvider> {
    final ExecutorService pool = Executors.newFixedThreadPool(8);
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final WatchedStore store = new WatchedStore(ContextStore.directory(dir.resolve("runs")));
    final I images;
    final WorkflowEngine engine;
    final DirectedGeneration directed;
    final ContinuousFlow flow;

    private Process(I images, Function<ExecutorService, VideoProvider> videos, LocalAssetStore assets,
        PollPolicy polls) {
      this.images = images;
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
      VideoProvider video = videos.apply(pool);
      directed = DirectedGeneration.builder().imageProvider(images).videoProvider(video)
          .stitcher(new JCodecStitcher()).frameExtractor(new JCodecFrameExtractor()).assetStore(assets)
          .pollPolicy(polls).build();
      flow = ContinuousFlow.builder().imageProvider(images).videoProvider(video)
          .stitcher(new JCodecStitcher()).frameExtractor(new JCodecFrameExtractor()).assetStore(assets)
          .pollPolicy(polls).build();
    }

    /** Starts a directed run of two shots of {@code shotSeconds} each, joined by a cut. */
    WorkflowRun start(int shotSeconds, ImageSize frame) {
      VideoDirection plan = new VideoDirection("Lighthouse", "a lighthouse at dawn", 2 * shotSeconds, List.of(
          new DirectedScene(1, "dawn", "the sun rises", "calm",
              List.of(shot(1, "shot 1", shotSeconds), shot(2, "shot 2", shotSeconds)))), null);
      return directed.start(engine, DirectedRequest.builder().direction(plan).frameSize(frame).seed(3L).build());
    }

    /** Starts a continuous flow of two segments of {@code segmentSeconds} each. */
    WorkflowRun startFlow(int segmentSeconds, ImageSize frame) {
      return flow.start(engine, FlowRequest.builder().prompt("a lighthouse at dawn")
          .segments(2).segmentSeconds(segmentSeconds).frameSize(frame).seed(4L).build());
    }

    /** Resumes the directed run and asserts it completes. */
    GenerationResult resume(String runId) throws Exception {
      return completed(directed.resume(engine, runId));
    }

    /** Resumes the continuous flow and asserts it completes. */
    GenerationResult resumeFlow(String runId) throws Exception {
      return completed(flow.resume(engine, runId));
    }

    private GenerationResult completed(WorkflowRun run) throws Exception {
      RunOutcome outcome = run.result().get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(outcome.status()).as("resumed run: %s", outcome).isEqualTo(RunStatus.COMPLETED);
      return GenerationResult.from(outcome);
    }

    /** Dies: its threads stop, its engine closes; what it saved stays. */
    void kill() {
      pool.shutdownNow();
      timer.shutdownNow();
      engine.close();
    }
  }

  private static DirectedShot shot(int id, String what, int seconds) {
    return DirectedShot.builder().id(id).duration(seconds).startPrompt(what + ": a lighthouse on a cliff, wide")
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

    /** @return a latch that opens once a saved document matches */
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

  /** The answer to hold back: to the first request whose body contains the text. */
  private static final class Hold {
    final String bodyContains;
    final AtomicBoolean holding = new AtomicBoolean(true);
    final CountDownLatch held = new CountDownLatch(1);

    Hold(String bodyContains) {
      this.bodyContains = bodyContains;
    }
  }
}
