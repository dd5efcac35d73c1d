package dev.vcg.workflows.generation;

import dev.vcg.direction.TransitionType;
import dev.vcg.direction.VideoDirection;
import dev.vcg.direction.DirectedShot;
import dev.vcg.media.LocalAssetStore;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.GeneratedImage;
import dev.vcg.provider.ImageCapabilities;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageResult;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.VideoCapabilities;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import dev.vcg.provider.VideoResult;
import dev.vcg.workflow.PollPolicy;
import dev.vcg.workflow.WorkflowEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how well the generation workflows overlap provider calls: with providers that take a
 * fixed time per frame and per clip (really waiting, 1 s and 6 s by default), the wall time of a
 * run against its critical path (the longest chain of calls that depend on each other), and the
 * speed-up over making the same calls one after another. Not a unit test; run with
 * {@code mvn -B -pl core -am -Pbench verify} or directly with the test class path:
 *
 * <pre>
 * java -cp core/target/classes:core/target/test-classes:... dev.vcg.workflows.generation.GenerationBenchmark [scale]
 * </pre>
 *
 * {@code scale} multiplies the simulated latencies (default 1.0).
 */
public final class GenerationBenchmark {
  private GenerationBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
    long frame = Math.round(1000 * scale);
    long clip = Math.round(6000 * scale);
    Path dir = Files.createTempDirectory("vcg-generation-bench");
    System.out.printf(Locale.ROOT, "generation pipelining: frame %d ms, clip %d ms, %d processors, Java %s%n", frame,
        clip, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    // warm-up: class loading and JIT, not reported
    flow(dir, 3, 20, 60);
    directed(dir, 3, 20, 60, 16, TransitionType.CUT);

    List<String> rows = new ArrayList<>();
    rows.add(flow(dir, 6, frame, clip));
    rows.add(lastFrameFlow(dir, 6, frame, clip));
    rows.add(directed(dir, 10, frame, clip, 16, TransitionType.CUT));
    rows.add(directed(dir, 10, frame, clip, 4, TransitionType.CUT));
    rows.add(directed(dir, 10, frame, clip, 16, TransitionType.FADE_BLACK));
    System.out.println();
    System.out.println("| run | calls | sequential | critical path | wall | wall / critical | speed-up |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
    rows.forEach(System.out::println);
  }

  private static String flow(Path dir, int segments, long frame, long clip) throws Exception {
    SlowImages images = new SlowImages(frame);
    SlowVideos videos = new SlowVideos(dir.resolve("provider"), clip);
    try (WorkflowEngine engine = WorkflowEngine.builder().build()) {
      ContinuousFlow flow = ContinuousFlow.builder().imageProvider(images).videoProvider(videos)
          .stitcher(new RecordingStitcher()).frameExtractor(new TestFrames())
          .assetStore(LocalAssetStore.create(dir.resolve("assets"))).pollPolicy(polls()).build();
      long t0 = System.nanoTime();
      GenerationResult r = flow.generate(engine, FlowRequest.builder().prompt("a cat in a magical forest")
          .segments(segments).segmentSeconds(5).seed(1L).build());
      long wall = (System.nanoTime() - t0) / 1_000_000;
      check(r.segments().size() == segments, "segments");
      long critical = (segments + 1) * frame + clip;
      long sequential = (segments + 1) * frame + segments * clip;
      return row("continuous flow, " + segments + " segments", images.calls.get() + " images, "
          + videos.calls.get() + " clips", sequential, critical, wall);
    }
  }

  /**
   * Last-frame mode: clip {@code i + 1} starts on the real last frame of clip {@code i}, so the
   * segments run one after another by design; the critical path is the whole chain.
   */
  private static String lastFrameFlow(Path dir, int segments, long frame, long clip) throws Exception {
    SlowImages images = new SlowImages(frame);
    SlowVideos videos = new SlowVideos(dir.resolve("provider"), clip);
    try (WorkflowEngine engine = WorkflowEngine.builder().build()) {
      ContinuousFlow flow = ContinuousFlow.builder().imageProvider(images).videoProvider(videos)
          .stitcher(new RecordingStitcher()).frameExtractor(new TestFrames())
          .assetStore(LocalAssetStore.create(dir.resolve("assets"))).pollPolicy(polls()).build();
      long t0 = System.nanoTime();
      GenerationResult r = flow.generate(engine, FlowRequest.builder().prompt("a cat in a magical forest")
          .segments(segments).segmentSeconds(5).seed(1L).mode(FlowMode.LAST_FRAME).build());
      long wall = (System.nanoTime() - t0) / 1_000_000;
      check(r.segments().size() == segments, "segments");
      // frame 0, then per segment its target frame and its clip, one after another
      long critical = frame + segments * (frame + clip);
      return row("continuous flow, last-frame mode, " + segments + " segments", images.calls.get() + " images, "
          + videos.calls.get() + " clips", critical, critical, wall);
    }
  }

  private static String directed(Path dir, int shots, long frame, long clip, int limit, TransitionType transition)
      throws Exception {
    SlowImages images = new SlowImages(frame);
    SlowVideos videos = new SlowVideos(dir.resolve("provider"), clip);
    List<DirectedShot> list = new ArrayList<>();
    for (int i = 1; i <= shots; i++) {
      list.add(GenerationTestSupport.shot(i, 5, transition));
    }
    VideoDirection plan = GenerationTestSupport.plan(list.toArray(DirectedShot[]::new));
    try (WorkflowEngine engine = WorkflowEngine.builder().build()) {
      DirectedGeneration directed = DirectedGeneration.builder().imageProvider(images).videoProvider(videos)
          .stitcher(new RecordingStitcher()).frameExtractor(new TestFrames())
          .assetStore(LocalAssetStore.create(dir.resolve("assets"))).pollPolicy(polls())
          .maxConcurrentCalls(limit).build();
      long t0 = System.nanoTime();
      GenerationResult r = directed.generate(engine, DirectedRequest.builder().direction(plan).seed(1L).build());
      long wall = (System.nanoTime() - t0) / 1_000_000;
      check(r.segments().size() == shots, "shots");
      int frames = images.calls.get();
      long waves = (frames + limit - 1) / limit;
      long critical = waves * frame + clip;
      long sequential = frames * frame + (long) shots * clip;
      return row("directed, " + shots + " shots, " + (transition.isContinuous() ? "shared" : "own")
          + " boundary frames, " + limit + " image calls at once", frames + " images, "
          + videos.calls.get() + " clips", sequential, critical, wall);
    }
  }

  private static PollPolicy polls() {
    return PollPolicy.builder().initialDelay(Duration.ZERO).maxInterval(Duration.ofSeconds(1)).jitter(0)
        .hintBounds(Duration.ofMillis(1), Duration.ofSeconds(60)).build();
  }

  private static String row(String name, String calls, long sequential, long critical, long wall) {
    return String.format(Locale.ROOT, "| %s | %s | %.2f s | %.2f s | %.2f s | %.3f | %.1f× |", name, calls,
        sequential / 1000.0, critical / 1000.0, wall / 1000.0, (double) wall / critical, (double) sequential / wall);
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("benchmark run produced wrong " + what);
    }
  }

  /** Draws a tiny PNG after waiting the frame time. */
  static final class SlowImages implements ImageProvider {
    final AtomicInteger calls = new AtomicInteger();
    private final long millis;
    private final byte[] png = TestImages.png("bench", 16, 9);

    SlowImages(long millis) {
      this.millis = millis;
    }

    @Override
    public String id() {
      return "slow-images";
    }

    @Override
    public String model() {
      return "slow-1";
    }

    @Override
    public ImageCapabilities capabilities() {
      return ImageCapabilities.builder().maxSize(4096, 4096).seed(true).maxReferenceImages(1).build();
    }

    @Override
    public ImageResult doGenerate(ImageRequest request) {
      calls.incrementAndGet();
      try {
        Thread.sleep(millis); // simulated provider latency
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return new ImageResult(List.of(new GeneratedImage(MediaRef.bytes(png, "image/png"), 16, 9)), model(), null,
          null, null);
    }
  }

  /** Jobs finish the clip time after submission; polls say when to come back. */
  static final class SlowVideos implements VideoProvider {
    final AtomicInteger calls = new AtomicInteger();
    private final Path dir;
    private final long millis;
    private final AtomicLong ids = new AtomicLong();

    SlowVideos(Path dir, long millis) {
      this.dir = dir;
      this.millis = millis;
    }

    @Override
    public String id() {
      return "slow-video";
    }

    @Override
    public String model() {
      return "slow-1";
    }

    @Override
    public VideoCapabilities capabilities() {
      return VideoCapabilities.builder().durations(5).endFrame(true).aspectFollowsImage(true).build();
    }

    @Override
    public VideoJob doSubmit(VideoRequest request) {
      calls.incrementAndGet();
      return new VideoJob(id(), "job-" + ids.incrementAndGet(), model(),
          Map.of("due", String.valueOf(System.nanoTime() + millis * 1_000_000)));
    }

    @Override
    public JobStatus poll(VideoJob job) {
      long left = Long.parseLong(job.attributes().get("due")) - System.nanoTime();
      if (left > 0) {
        return JobStatus.running("running", -1).withPollAfter(Duration.ofNanos(left));
      }
      Path f = dir.resolve(job.id() + "-" + System.nanoTime() + ".mp4");
      try {
        Files.createDirectories(dir);
        Files.write(f, TestVideos.fakeMp4(job.id() + ":5"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return JobStatus.succeeded("done", new VideoResult(MediaRef.file(f), 5, null));
    }

    @Override
    public void cancel(VideoJob job) {
    }
  }
}
