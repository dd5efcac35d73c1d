package dev.vcg.stitch.jcodec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.media.StitchRequest;
import dev.vcg.media.StitchResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cuts between clips of one size: compressed frames are copied, so decoded frames are identical. */
class LosslessStitchTest {
  @TempDir
  Path dir;

  private final JCodecStitcher stitcher = new JCodecStitcher();

  private static List<String> expectedFrames(Path... clips) {
    List<String> all = new ArrayList<>();
    for (Path c : clips) {
      all.addAll(Ffmpeg.frameMd5(c));
    }
    return all;
  }

  private StitchResult stitch(Path out, Path... clips) {
    return stitcher.stitch(StitchRequest.builder().clips(Arrays.asList(clips)).output(out).build());
  }

  @Test
  void identicalClipsAreCopiedBitExactly() throws IOException {
    Path a = Ffmpeg.testClip("320x180", 24, 2);
    Path out = dir.resolve("out.mp4");
    StitchResult r = stitch(out, a, a, a);
    assertThat(r.isLossless()).isTrue();
    assertThat(r.frameCount()).isEqualTo(144);
    assertThat(r.copiedFrames()).isEqualTo(144);
    assertThat(r.duration()).isEqualTo(Duration.ofSeconds(6));
    assertThat(r.hasAudio()).isFalse();
    assertThat(Ffmpeg.decodeErrors(out)).isEmpty();
    assertThat(Ffmpeg.frameMd5(out)).isEqualTo(expectedFrames(a, a, a));
    assertThat(Ffmpeg.probe(out, "v:0", "stream=nb_read_frames", true)).isEqualTo("144");
    assertThat(Double.parseDouble(Ffmpeg.probe(out, "v:0", "format=duration", false))).isEqualTo(6.0);
    assertThat(Ffmpeg.probe(out, "v:0", "stream=start_time", false)).isEqualTo("0.000000");
    // Faststart: the index comes before the media data.
    List<String> boxes = Mp4Boxes.topLevel(out);
    assertThat(boxes.indexOf("moov")).isLessThan(boxes.indexOf("mdat"));
    assertThat(r.sizeBytes()).isEqualTo(java.nio.file.Files.size(out));
  }

  @Test
  void clipsWithDifferentParameterSetsAndProfilesStayExact() {
    Path a = Ffmpeg.testClip("320x180", 24, 2);
    Path crf18 = Ffmpeg.testClip("320x180", 24, 2, "-crf", "18");
    Path baseline = Ffmpeg.clip("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24", "-t", "1", "-c:v", "libx264",
        "-profile:v", "baseline", "-pix_fmt", "yuv420p");
    Path main = Ffmpeg.clip("-f", "lavfi", "-i", "mandelbrot=size=320x180:rate=24", "-t", "1", "-c:v", "libx264",
        "-profile:v", "main", "-bf", "5", "-pix_fmt", "yuv420p");
    Path out = dir.resolve("mixed.mp4");
    StitchResult r = stitch(out, a, crf18, baseline, main, a);
    assertThat(r.frameCount()).isEqualTo(48 + 48 + 24 + 24 + 48);
    assertThat(Ffmpeg.decodeErrors(out)).isEmpty();
    assertThat(Ffmpeg.frameMd5(out)).isEqualTo(expectedFrames(a, crf18, baseline, main, a));
  }

  @Test
  void singleClipIsCopiedExactly() {
    Path hd = Ffmpeg.testClip("640x360", 24, 1);
    Path out = dir.resolve("one.mp4");
    StitchResult r = stitch(out, hd);
    assertThat(r.size().width()).isEqualTo(640);
    assertThat(Ffmpeg.frameMd5(out)).isEqualTo(Ffmpeg.frameMd5(hd));
  }

  @Test
  void isDiscoveredAsTheStitcher() {
    assertThat(dev.vcg.media.MediaServices.stitcher()).isInstanceOf(JCodecStitcher.class);
  }

  @Test
  void replacesAnExistingOutput() throws IOException {
    Path a = Ffmpeg.testClip("320x180", 24, 2);
    Path out = dir.resolve("exists.mp4");
    java.nio.file.Files.writeString(out, "old");
    stitch(out, a, a);
    assertThat(Ffmpeg.frameMd5(out)).hasSize(96);
    try (var files = java.nio.file.Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("exists.mp4");
    }
  }
}
