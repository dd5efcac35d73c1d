package dev.vcg.examples.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vcg.direction.AiDirector;
import dev.vcg.direction.CameraMove;
import dev.vcg.direction.DirectedScene;
import dev.vcg.direction.DirectedShot;
import dev.vcg.direction.DirectorInput;
import dev.vcg.direction.TransitionType;
import dev.vcg.direction.VideoDirection;
import dev.vcg.direction.VideoStyle;
import dev.vcg.local.LocalImageProvider;
import dev.vcg.media.LocalAssetStore;
import dev.vcg.media.MediaRef;
import dev.vcg.media.StitchRequest;
import dev.vcg.media.Transition;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.ImageSize;
import dev.vcg.stitch.jcodec.JCodecFrameExtractor;
import dev.vcg.stitch.jcodec.JCodecStitcher;
import dev.vcg.stitch.jcodec.local.LocalVideoProvider;
import dev.vcg.workflow.PollPolicy;
import dev.vcg.workflow.WorkflowEngine;
import dev.vcg.workflows.generation.ContinuousFlow;
import dev.vcg.workflows.generation.DirectedGeneration;
import dev.vcg.workflows.generation.DirectedRequest;
import dev.vcg.workflows.generation.FlowMode;
import dev.vcg.workflows.generation.FlowRequest;
import dev.vcg.workflows.generation.GenerationResult;
import dev.vcg.workflows.generation.SegmentAssets;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generation workflows end to end with no keys and no network: the offline image provider,
 * the offline video provider, the JCodec stitcher and frame extractor, the local asset store.
 * Real MP4s come out; their length is checked against the plan with ffprobe, and ffmpeg decodes
 * them without a complaint.
 */
class OfflineGenerationTest {
  private static final ImageSize FRAME = new ImageSize(160, 90);
  /** One frame at 24 fps. */
  private static final double FRAME_SECONDS = 1.0 / 24;

  @TempDir
  Path tmp;
  WorkflowEngine engine;
  Counting.Images images;
  Counting.Videos videos;
  LocalAssetStore store;
  JCodecFrameExtractor frames = new JCodecFrameExtractor();

  @BeforeEach
  void setUp() {
    engine = WorkflowEngine.builder().build();
    images = new Counting.Images(LocalImageProvider.create());
    videos = new Counting.Videos(LocalVideoProvider.create(tmp.resolve("render"), 160, null));
    store = LocalAssetStore.create(tmp.resolve("assets"));
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  private static PollPolicy polls() {
    return PollPolicy.builder().initialDelay(Duration.ofMillis(50)).maxInterval(Duration.ofMillis(250)).jitter(0)
        .build();
  }

  private DirectedGeneration directed() {
    return DirectedGeneration.builder().imageProvider(images).videoProvider(videos).stitcher(new JCodecStitcher())
        .frameExtractor(frames).assetStore(store).pollPolicy(polls()).build();
  }

  private ContinuousFlow flow() {
    return ContinuousFlow.builder().imageProvider(images).videoProvider(videos).stitcher(new JCodecStitcher())
        .frameExtractor(frames).assetStore(store).pollPolicy(polls()).build();
  }

  @Test
  void aDirectedPlanBecomesAPlayableMp4OfThePlannedLength() throws Exception {
    VideoDirection plan = new VideoDirection("Lighthouse", "dawn at a lighthouse", 5, List.of(
        new DirectedScene(1, "dawn", "the sun rises", "calm", List.of(
            shot(1, 2, "a lighthouse on a cliff at dawn, ocean", CameraMove.PUSH_IN, TransitionType.CROSSFADE),
            shot(2, 1, "waves crash below the lighthouse, sunrise", CameraMove.PAN_LEFT, TransitionType.FADE_BLACK),
            shot(3, 2, "seagulls fly over the ocean at sunset", CameraMove.PULL_OUT, null)))), null);
    Path out = tmp.resolve("lighthouse.mp4");

    GenerationResult result = directed().generate(engine, DirectedRequest.builder().direction(plan).frameSize(FRAME)
        .output(out).seed(11L).build());

    // 5 s of clips, less the 0.5 s the crossfade overlaps
    double expected = 5 - StitchRequest.DEFAULT_TRANSITION_DURATION.toMillis() / 1000.0;
    assertThat(result.video()).isEqualTo(out).exists();
    assertThat(result.duration().toMillis() / 1000.0).isCloseTo(expected, within(FRAME_SECONDS + 1e-9));
    assertThat(images.calls()).as("shot 2 starts on shot 1's end frame").isEqualTo(5);
    assertThat(videos.calls()).isEqualTo(3);
    assertThat(result.segments()).hasSize(3).allSatisfy(s -> assertThat(path(s.clip())).exists());
    assertThat(result.thumbnail()).isPresent();
    BufferedImage poster = ImageIO.read(result.thumbnail().get().toFile());
    assertThat(poster.getWidth()).isEqualTo(160);
    assertPlayable(out, expected);
  }

  @Test
  void aPlanFromTheOfflineDirectorIsRenderedToItsLength() throws Exception {
    AiDirector director = AiDirector.builder().videoCapabilities(videos.capabilities()).build();
    VideoDirection plan = director.direct(DirectorInput.builder().concept("a paper boat drifting down a rainy street")
        .style(VideoStyle.PLAYFUL).targetDuration(4).aspectRatio(AspectRatio.LANDSCAPE_16_9).build()).direction();

    GenerationResult result = directed().generate(engine, DirectedRequest.builder().direction(plan).frameSize(FRAME)
        .build());

    double expected = expectedSeconds(plan, videos);
    assertThat(result.duration().toMillis() / 1000.0).isCloseTo(expected, within(FRAME_SECONDS + 1e-9));
    assertThat(result.segments()).hasSize(plan.shots().size());
    assertPlayable(result.video(), expected);
  }

  @Test
  void aContinuousFlowChainsItsSegmentsAndCanBeRedoneAndExtended() throws Exception {
    ContinuousFlow flow = flow();
    GenerationResult first = flow.generate(engine, FlowRequest.builder().prompt("a red kite over green hills")
        .segments(3).segmentSeconds(1).frameSize(FRAME).seed(5L).build());

    assertThat(images.calls()).isEqualTo(4);
    assertThat(videos.calls()).isEqualTo(3);
    assertThat(first.duration().toMillis() / 1000.0).isCloseTo(3.0, within(FRAME_SECONDS + 1e-9));
    assertPlayable(first.video(), 3.0);

    GenerationResult redone = GenerationResult.from(flow.regenerate(engine, first, 1).result()
        .get(2, TimeUnit.MINUTES));
    assertThat(images.calls()).as("no frame is drawn again").isEqualTo(4);
    assertThat(videos.calls()).as("one clip is made again").isEqualTo(4);
    assertThat(redone.segments().get(0)).isEqualTo(first.segments().get(0));
    assertThat(redone.segments().get(2)).isEqualTo(first.segments().get(2));
    assertPlayable(redone.video(), 3.0);

    GenerationResult longer = GenerationResult.from(flow.append(engine, redone, 1).result().get(2, TimeUnit.MINUTES));
    assertThat(images.calls()).isEqualTo(5);
    assertThat(videos.calls()).isEqualTo(5);
    assertThat(longer.segments().subList(0, 3)).isEqualTo(redone.segments());
    assertPlayable(longer.video(), 4.0);
  }

  @Test
  void inLastFrameModeEachSegmentStartsOnTheRealLastFrameOfTheOneBefore() throws Exception {
    GenerationResult result = flow().generate(engine, FlowRequest.builder().prompt("a snail crossing a leaf")
        .segments(2).segmentSeconds(1).mode(FlowMode.LAST_FRAME).frameSize(FRAME).seed(9L).build());

    List<SegmentAssets> s = result.segments();
    BufferedImage lastOfFirst = frames.lastFrame(path(s.get(0).clip()));
    BufferedImage startOfSecond = ImageIO.read(path(s.get(1).startFrame()).toFile());
    assertThat(startOfSecond.getWidth()).isEqualTo(lastOfFirst.getWidth());
    assertThat(samePixels(lastOfFirst, startOfSecond)).isTrue();
    assertThat(videos.requests.get(1).startFrame()).isEqualTo(s.get(1).startFrame());
    assertPlayable(result.video(), 2.0);
  }

  // ------------------------------------------------------------------ helpers

  private static DirectedShot shot(int id, double seconds, String prompt, CameraMove move, TransitionType out) {
    return DirectedShot.builder().id(id).duration(seconds).startPrompt(prompt + ", wide")
        .endPrompt(prompt + ", close").motionPrompt("slowly, " + prompt).cameraMove(move).lighting("soft light")
        .transitionOut(out).build();
  }

  /** The plan's length as rendered: clip lengths snapped to the model's, less overlapping transitions. */
  private static double expectedSeconds(VideoDirection plan, Counting.Videos videos) {
    List<DirectedShot> shots = plan.shots();
    double total = 0;
    for (int i = 0; i < shots.size(); i++) {
      total += videos.capabilities().nearestDuration(shots.get(i).duration());
      if (i + 1 < shots.size()) {
        Transition t = Transition.of(shots.get(i).transitionOutOrCut(), StitchRequest.DEFAULT_TRANSITION_DURATION);
        if (t.overlaps()) {
          total -= t.duration().toMillis() / 1000.0;
        }
      }
    }
    return total;
  }

  private static void assertPlayable(Path video, double seconds) throws Exception {
    assertThat(Files.size(video)).isPositive();
    Ffmpeg.require();
    assertThat(Ffmpeg.decodeErrors(video)).as("ffmpeg decode errors of %s", video).isEmpty();
    assertThat(Ffmpeg.durationSeconds(video)).isCloseTo(seconds, within(0.1));
  }

  private static boolean samePixels(BufferedImage a, BufferedImage b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
      return false;
    }
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        if ((a.getRGB(x, y) & 0xffffff) != (b.getRGB(x, y) & 0xffffff)) {
          return false;
        }
      }
    }
    return true;
  }

  private static Path path(MediaRef ref) {
    return ((MediaRef.File) ref).path();
  }
}
