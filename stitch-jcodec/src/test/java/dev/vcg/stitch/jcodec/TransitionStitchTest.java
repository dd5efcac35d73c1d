package dev.vcg.stitch.jcodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.vcg.direction.TransitionType;
import dev.vcg.media.MediaException.Reason;
import dev.vcg.media.StitchException;
import dev.vcg.media.StitchListener;
import dev.vcg.media.StitchRequest;
import dev.vcg.media.StitchResult;
import dev.vcg.media.StitchWarning;
import dev.vcg.media.Transition;
import dev.vcg.provider.ImageSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Transitions and normalisation re-encode only what they must, and look like what they claim. */
class TransitionStitchTest {
  private static final int W = 320;
  private static final int H = 180;

  @TempDir
  Path dir;

  private final JCodecStitcher stitcher = new JCodecStitcher();

  private static Path moving() {
    return Ffmpeg.testClip("320x180", 24, 1);
  }

  private static Path bars() {
    return Ffmpeg.clip("-f", "lavfi", "-i", "smptebars=size=320x180:rate=24", "-t", "1", "-c:v", "libx264",
        "-profile:v", "high", "-pix_fmt", "yuv420p");
  }

  private StitchResult stitch(Path out, TransitionType type, double seconds, Path... clips) {
    StitchResult r = stitcher.stitch(StitchRequest.builder().clips(List.of(clips)).output(out)
        .transition(type, Duration.ofMillis(Math.round(seconds * 1000))).build());
    assertThat(Ffmpeg.decodeErrors(out)).isEmpty();
    return r;
  }

  @Test
  void crossfadeOverlapsAndCopiesWhatItCan() {
    Path a = moving();
    Path b = bars();
    Path out = dir.resolve("xfade.mp4");
    StitchResult r = stitch(out, TransitionType.CROSSFADE, 0.5, a, b);
    // 24 + 24 frames minus a 12-frame overlap.
    assertThat(r.frameCount()).isEqualTo(36);
    assertThat(r.duration()).isEqualTo(Duration.ofMillis(1500));
    assertThat(Ffmpeg.probe(out, "v:0", "stream=nb_read_frames", true)).isEqualTo("36");
    // Only the frames before the transition are copied; the copied ones are bit-exact.
    assertThat(r.copiedFrames()).isPositive().isLessThanOrEqualTo(12);
    assertThat(r.encodedFrames()).isEqualTo(36 - r.copiedFrames());
    List<String> outMd5 = Ffmpeg.frameMd5(out);
    assertThat(outMd5.subList(0, r.copiedFrames())).isEqualTo(Ffmpeg.frameMd5(a).subList(0, r.copiedFrames()));

    List<byte[]> o = Ffmpeg.rawFrames(out, W, H);
    List<byte[]> fa = Ffmpeg.rawFrames(a, W, H);
    List<byte[]> fb = Ffmpeg.rawFrames(b, W, H);
    // Mid-overlap: frame 18 mixes A's frame 18 and B's frame 6 about half and half.
    byte[] mix = new byte[fa.get(18).length];
    for (int i = 0; i < mix.length; i++) {
      mix[i] = (byte) (((fa.get(18)[i] & 0xFF) * 6 + (fb.get(6)[i] & 0xFF) * 7 + 6) / 13);
    }
    assertThat(Ffmpeg.lumaPsnr(o.get(18), mix, W, H, 0, W)).isGreaterThan(33);
    assertThat(Ffmpeg.lumaPsnr(o.get(18), fa.get(18), W, H, 0, W)).isLessThan(25);
    // After the overlap, B's own frames, re-encoded faithfully.
    assertThat(Ffmpeg.lumaPsnr(o.get(30), fb.get(18), W, H, 0, W)).isGreaterThan(35);
  }

  @Test
  void fadeToBlackDipsWithoutOverlap() {
    Path a = moving();
    Path b = moving();
    Path out = dir.resolve("black.mp4");
    StitchResult r = stitch(out, TransitionType.FADE_BLACK, 0.5, a, b);
    assertThat(r.frameCount()).isEqualTo(48);
    assertThat(r.duration()).isEqualTo(Duration.ofSeconds(2));
    List<byte[]> o = Ffmpeg.rawFrames(out, W, H);
    // A fades out over its last 6 frames; B fades in over its first 6.
    assertThat(Ffmpeg.meanLuma(o.get(23), W, H)).isCloseTo(16, offset(4.0));
    assertThat(Ffmpeg.meanLuma(o.get(24), W, H)).isCloseTo(16, offset(4.0));
    assertThat(Ffmpeg.meanLuma(o.get(20), W, H)).isBetween(20.0, Ffmpeg.meanLuma(o.get(17), W, H));
    // A fade-out re-encodes only A's tail: its start is copied exactly.
    assertThat(r.copiedFrames()).isGreaterThanOrEqualTo(12);
    assertThat(Ffmpeg.frameMd5(out).subList(0, 12)).isEqualTo(Ffmpeg.frameMd5(a).subList(0, 12));
    assertThat(Ffmpeg.lumaPsnr(o.get(40), Ffmpeg.rawFrames(b, W, H).get(16), W, H, 0, W)).isGreaterThan(35);
  }

  @Test
  void fadeToWhite() {
    Path out = dir.resolve("white.mp4");
    StitchResult r = stitch(out, TransitionType.FADE_WHITE, 0.5, moving(), bars());
    assertThat(r.frameCount()).isEqualTo(48);
    List<byte[]> o = Ffmpeg.rawFrames(out, W, H);
    assertThat(Ffmpeg.meanLuma(o.get(23), W, H)).isCloseTo(235, offset(4.0));
    assertThat(Ffmpeg.meanLuma(o.get(24), W, H)).isCloseTo(235, offset(4.0));
  }

  @Test
  void wipesRevealTheNextClipFromOneSide() {
    Path a = moving();
    Path b = bars();
    List<byte[]> fa = Ffmpeg.rawFrames(a, W, H);
    List<byte[]> fb = Ffmpeg.rawFrames(b, W, H);
    Path left = dir.resolve("wl.mp4");
    assertThat(stitch(left, TransitionType.WIPE_LEFT, 0.5, a, b).frameCount()).isEqualTo(36);
    byte[] mid = Ffmpeg.rawFrames(left, W, H).get(18);
    // Wipe left: the next clip enters from the right edge.
    assertThat(Ffmpeg.lumaPsnr(mid, fb.get(6), W, H, W - 100, W)).isGreaterThan(35);
    assertThat(Ffmpeg.lumaPsnr(mid, fa.get(18), W, H, 0, 100)).isGreaterThan(35);
    Path right = dir.resolve("wr.mp4");
    stitch(right, TransitionType.WIPE_RIGHT, 0.5, a, b);
    byte[] mid2 = Ffmpeg.rawFrames(right, W, H).get(18);
    assertThat(Ffmpeg.lumaPsnr(mid2, fb.get(6), W, H, 0, 100)).isGreaterThan(35);
    assertThat(Ffmpeg.lumaPsnr(mid2, fa.get(18), W, H, W - 100, W)).isGreaterThan(35);
  }

  @Test
  void otherSizesAreScaledAndLetterboxed() {
    Path a = moving();
    Path big = Ffmpeg.testClip("640x360", 24, 1);
    Path square = Ffmpeg.testClip("240x240", 24, 1);
    Path out = dir.resolve("sizes.mp4");
    StitchResult r = stitch(out, TransitionType.CUT, 0, a, big, square);
    assertThat(r.size()).isEqualTo(new ImageSize(W, H));
    assertThat(r.frameCount()).isEqualTo(72);
    assertThat(r.copiedFrames()).isEqualTo(24);
    List<byte[]> o = Ffmpeg.rawFrames(out, W, H);
    // The 16:9 clip fills the frame, close to ffmpeg's own downscale.
    Path ref = Ffmpeg.clip("-i", big.toString(), "-vf", "scale=320:180", "-c:v", "libx264", "-qp", "0",
        "-pix_fmt", "yuv420p");
    assertThat(Ffmpeg.lumaPsnr(o.get(30), Ffmpeg.rawFrames(ref, W, H).get(6), W, H, 0, W)).isGreaterThan(28);
    // The square clip is pillarboxed: black bars left and right.
    byte[] sq = o.get(60);
    double left = 0;
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < 60; x++) {
        left += sq[y * W + x] & 0xFF;
      }
    }
    assertThat(left / (H * 60)).isCloseTo(16, offset(1.5));
  }

  @Test
  void otherFrameRatesAreConvertedByPresentationTime() {
    Path a = Ffmpeg.testClip("320x180", 24, 2);
    Path f30 = Ffmpeg.testClip("320x180", 30, 2);
    Path out = dir.resolve("rates.mp4");
    StitchResult r = stitch(out, TransitionType.CUT, 0, a, f30, a);
    assertThat(r.frameCount()).isEqualTo(48 * 3);
    assertThat(r.duration()).isEqualTo(Duration.ofSeconds(6));
    assertThat(r.copiedFrames()).isEqualTo(96);
    assertThat(Ffmpeg.probe(out, "v:0", "stream=r_frame_rate", false)).isEqualTo("24/1");
    String[] pts = Ffmpeg.probe(out, "v:0", "frame=pts_time", false).split("\n");
    for (int i = 0; i < pts.length; i++) {
      assertThat(Double.parseDouble(pts[i])).isCloseTo(i / 24.0, offset(1e-3));
    }
    // Output frame 60 (2.5 s) shows the 30 fps clip's frame at 0.5 s: its frame 15.
    List<byte[]> o = Ffmpeg.rawFrames(out, W, H);
    assertThat(Ffmpeg.lumaPsnr(o.get(60), Ffmpeg.rawFrames(f30, W, H).get(15), W, H, 0, W)).isGreaterThan(35);
  }

  @Test
  void requestedSizeAndRateApplyToEveryClip() {
    Path a = moving();
    Path out = dir.resolve("resized.mp4");
    StitchResult r = stitcher.stitch(StitchRequest.builder().clips(List.of(a)).output(out)
        .outputSize(new ImageSize(160, 90)).frameRate(12.0).build());
    assertThat(r.size()).isEqualTo(new ImageSize(160, 90));
    assertThat(r.frameCount()).isEqualTo(12);
    assertThat(r.encodedFrames()).isEqualTo(12);
    assertThat(Ffmpeg.decodeErrors(out)).isEmpty();
    assertThat(Ffmpeg.probe(out, "v:0", "stream=width,height", false)).isEqualTo("160\n90");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"temporal_direct, direct=temporal", "implicit_weighted_bipred, weightp=0",
      "scaling_matrix, cqm=jvt"})
  void clipTheDecoderGetsWrongFallsBackToACutWithAWarning(String feature, String x264) {
    Path a = moving();
    Path hazard = Ffmpeg.testClip("320x180", 24, 1, "-x264-params", x264);
    Path out = dir.resolve("fallback.mp4");
    List<StitchWarning> heard = new CopyOnWriteArrayList<>();
    // The clip that cannot be decoded exactly sits on both sides of a transition.
    StitchResult r = stitcher.stitch(StitchRequest.builder().clips(List.of(a, hazard, a)).output(out)
        .transition(TransitionType.CROSSFADE, Duration.ofMillis(500))
        .listener(new StitchListener() {
          @Override
          public void onWarning(StitchWarning warning) {
            heard.add(warning);
          }
        }).build());
    assertThat(Ffmpeg.decodeErrors(out)).isEmpty();
    assertThat(r.warnings()).hasSize(2).allSatisfy(w -> {
      assertThat(w.code()).isEqualTo(StitchWarning.TRANSITION_REPLACED_BY_CUT);
      assertThat(w.clipIndex()).isEqualTo(1);
      assertThat(w.message()).contains(feature).contains("replaced by a cut");
    });
    assertThat(heard).containsExactlyElementsOf(r.warnings());
    // Nothing was decoded: every frame is the input's, bit for bit, and no frame overlaps.
    assertThat(r.isLossless()).isTrue();
    assertThat(r.frameCount()).isEqualTo(72);
    assertThat(Ffmpeg.frameMd5(out)).isEqualTo(Stream.of(a, hazard, a).flatMap(c -> Ffmpeg.frameMd5(c).stream())
        .toList());
  }

  @Test
  void clipTheDecoderGetsWrongCannotBeRescaled() {
    Path a = moving();
    Path temporal = Ffmpeg.testClip("640x360", 24, 1, "-x264-params", "direct=temporal");
    assertThatThrownBy(() -> stitcher.stitch(StitchRequest.builder().clips(List.of(a, temporal))
        .output(dir.resolve("no.mp4")).build()))
        .isInstanceOf(StitchException.class).hasMessageContaining("clip 2").hasMessageContaining("320x180")
        .satisfies(e -> assertThat(((StitchException) e).reason()).isEqualTo(Reason.UNSUPPORTED));
    assertThat(dir.resolve("no.mp4")).doesNotExist();
  }

  @Test
  void tooLongTransitionIsShortened() {
    Path a = moving();
    Path out = dir.resolve("short.mp4");
    StitchResult r = stitcher.stitch(StitchRequest.builder().clips(List.of(a, a, a)).output(out)
        .transition(TransitionType.CROSSFADE, Duration.ofMillis(800)).build());
    assertThat(r.warnings()).extracting(StitchWarning::code).contains(StitchWarning.TRANSITION_SHORTENED);
    // The middle clip (24 frames) gives 12 to each side at most.
    assertThat(r.frameCount()).isEqualTo(72 - 12 - 12);
    assertThat(Ffmpeg.decodeErrors(out)).isEmpty();
  }

  @Test
  void interruptionStopsRenderingAndLeavesNothing() throws Exception {
    Path a = Ffmpeg.testClip("320x180", 24, 3);
    Path out = dir.resolve("cancelled.mp4");
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        stitcher.stitch(StitchRequest.builder().clips(List.of(a, a, a)).output(out)
            .transition(TransitionType.CROSSFADE, Duration.ofMillis(500))
            .listener(new dev.vcg.media.StitchListener() {
              @Override
              public void onProgress(double fraction) {
                if (fraction > 0.05) {
                  started.countDown();
                }
              }
            }).build());
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    t.start();
    assertThat(started.await(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    t.interrupt();
    t.join(120_000);
    assertThat(t.isAlive()).isFalse();
    assertThat(failure.get()).isInstanceOf(StitchException.class)
        .satisfies(e -> assertThat(((StitchException) e).reason()).isEqualTo(Reason.CANCELLED));
    assertThat(out).doesNotExist();
    try (var files = java.nio.file.Files.list(dir)) {
      assertThat(files.toList()).isEmpty();
    }
  }

  @Test
  void mixedTransitionsPerBoundary() {
    Path a = moving();
    Path b = bars();
    Path out = dir.resolve("mixed.mp4");
    StitchResult r = stitcher.stitch(StitchRequest.builder().clips(List.of(a, b, a, b)).output(out)
        .transition(TransitionType.CROSSFADE, Duration.ofMillis(250))
        .transition(1, Transition.CUT)
        .transition(2, Transition.of(TransitionType.FADE_BLACK, Duration.ofMillis(500))).build());
    assertThat(r.frameCount()).isEqualTo(96 - 6);
    assertThat(Ffmpeg.decodeErrors(out)).isEmpty();
    assertThat(Ffmpeg.probe(out, "v:0", "stream=nb_read_frames", true)).isEqualTo("90");
  }
}
