package dev.vcg.stitch.jcodec.internal.clip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.media.StitchRequest;
import dev.vcg.stitch.jcodec.Ffmpeg;
import dev.vcg.stitch.jcodec.JCodecStitcher;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipDecoderTest {
  @TempDir
  Path dir;

  /** MD5 of the visible planes, unsigned, as ffmpeg's framemd5 computes it for yuv420p. */
  static String md5(Yuv f) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      plane(md, f.y, f.stride, f.width, f.height);
      plane(md, f.u, f.stride / 2, f.width / 2, f.height / 2);
      plane(md, f.v, f.stride / 2, f.width / 2, f.height / 2);
      return HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static void plane(MessageDigest md, byte[] p, int stride, int w, int h) {
    byte[] row = new byte[w];
    for (int r = 0; r < h; r++) {
      for (int x = 0; x < w; x++) {
        row[x] = (byte) (p[r * stride + x] + 128);
      }
      md.update(row);
    }
  }

  static List<String> decodeAll(Path file) {
    List<String> out = new ArrayList<>();
    try (ClipDecoder d = new ClipDecoder(Clip.open(file))) {
      for (Yuv f = d.next(); f != null; f = d.next()) {
        out.add(md5(f));
        d.release(f);
      }
    }
    return out;
  }

  @Test
  void decodesHighProfileBitExactlyInDisplayOrder() {
    Path clip = Ffmpeg.testClip("320x180", 24, 2);
    assertThat(decodeAll(clip)).isEqualTo(Ffmpeg.frameMd5(clip));
  }

  @Test
  void seeksToAFrameInTheMiddle() {
    Path clip = Ffmpeg.testClip("320x180", 24, 3, "-g", "24");
    List<String> expected = Ffmpeg.frameMd5(clip);
    try (ClipDecoder d = new ClipDecoder(Clip.open(clip))) {
      d.seek(50);
      Yuv f = d.next();
      assertThat(md5(f)).isEqualTo(expected.get(50));
      d.release(f);
      d.seek(10);
      assertThat(md5(d.next())).isEqualTo(expected.get(10));
      d.seek(71);
      assertThat(md5(d.next())).isEqualTo(expected.get(71));
      assertThat(d.next()).isNull();
    }
  }

  @Test
  void seekingLeavesOutPicturesNothingRefersTo() {
    // x264's defaults: B-pyramid, so some B pictures are never used for prediction.
    Path clip = Ffmpeg.testClip("320x180", 24, 3);
    List<String> expected = Ffmpeg.frameMd5(clip);
    try (ClipDecoder d = new ClipDecoder(Clip.open(clip))) {
      d.seek(60);
      for (int i = 60; i < 72; i++) {
        Yuv f = d.next();
        assertThat(md5(f)).as("frame %d", i).isEqualTo(expected.get(i));
        d.release(f);
      }
      assertThat(d.next()).isNull();
      assertThat(d.skippedPictures()).as("non-reference pictures before frame 60").isPositive().isLessThan(60);
    }
    try (ClipDecoder d = new ClipDecoder(Clip.open(clip))) {
      for (Yuv f = d.next(); f != null; f = d.next()) {
        d.release(f);
      }
      assertThat(d.skippedPictures()).as("every picture is wanted").isZero();
    }
  }

  @Test
  void decodesStitchedFileThatSwitchesParameterSets() {
    Path a = Ffmpeg.testClip("320x180", 24, 1);
    Path crf18 = Ffmpeg.testClip("320x180", 24, 1, "-crf", "18");
    Path baseline = Ffmpeg.clip("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24", "-t", "1", "-c:v", "libx264",
        "-profile:v", "baseline", "-x264-params", "keyint=300", "-pix_fmt", "yuv420p");
    Path out = dir.resolve("joined.mp4");
    new JCodecStitcher().stitch(StitchRequest.builder().clips(List.of(a, crf18, baseline, a)).output(out).build());
    assertThat(decodeAll(out)).isEqualTo(Ffmpeg.frameMd5(out));
  }

  @Test
  void multiSliceDecodingLeavesNoThreadsBehind() {
    Path sliced = Ffmpeg.testClip("320x180", 24, 1, "-x264-params", "slices=4");
    List<String> expected = Ffmpeg.frameMd5(sliced);
    assertThat(decodeAll(sliced)).isEqualTo(expected);
    int before = Thread.activeCount();
    for (int i = 0; i < 20; i++) {
      try (ClipDecoder d = new ClipDecoder(Clip.open(sliced))) {
        d.release(d.next());
      }
    }
    assertThat(Thread.activeCount()).isLessThanOrEqualTo(before + 1);
  }
}
