package dev.vcg.stitch.jcodec.internal.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.media.MediaException;
import dev.vcg.media.MediaException.Reason;
import dev.vcg.media.VideoInfo;
import dev.vcg.provider.ImageSize;
import dev.vcg.stitch.jcodec.Ffmpeg;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipProbeTest {
  @TempDir
  Path dir;

  @Test
  void probesProviderStyleHighProfileClip() {
    Path clip = Ffmpeg.testClip("320x180", 24, 2);
    Clip c = Clip.open(clip);
    c.requireStitchable();
    VideoInfo info = c.info;
    assertThat(info.codec()).isEqualTo("avc1");
    assertThat(info.profile()).isEqualTo("High");
    assertThat(info.size()).isEqualTo(new ImageSize(320, 180));
    assertThat(info.frameCount()).isEqualTo(48);
    assertThat(info.frameRate()).isEqualTo(24.0);
    assertThat(info.duration()).isEqualTo(Duration.ofSeconds(2));
    assertThat(info.bitDepth()).isEqualTo(8);
    assertThat(info.chromaFormat()).isEqualTo("4:2:0");
    assertThat(info.interlaced()).isFalse();
    // x264 defaults: B-pyramid, presentation lags decoding by two frames.
    assertThat(info.reorderDelay()).isEqualTo(Duration.ofNanos(83_333_333));
    assertThat(c.bFrames).isTrue();
    assertThat(info.decodeWarnings()).isEmpty();
    assertThat(c.decodesExactly()).isTrue();
    assertThat(info.audio()).isEmpty();
    // Presentation order is a permutation with the first frame at time 0.
    assertThat(c.pts(0)).isZero();
    for (int k = 1; k < c.frameCount(); k++) {
      assertThat(c.pts(k)).isEqualTo(k * 512L);
    }
  }

  @Test
  void probesAacAudio() {
    Path clip = Ffmpeg.clip("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24", "-f", "lavfi", "-i",
        "sine=frequency=440:sample_rate=48000", "-t", "2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac",
        "-ac", "2", "-movflags", "+faststart");
    Clip c = Clip.open(clip);
    assertThat(c.info.audio()).hasValueSatisfying(a -> {
      assertThat(a.codec()).isEqualTo("mp4a");
      assertThat(a.profile()).isEqualTo("AAC-LC");
      assertThat(a.sampleRate()).isEqualTo(48000);
      assertThat(a.channels()).isEqualTo(2);
      assertThat(a.primingSamples()).isEqualTo(1024);
      assertThat(a.duration()).isEqualTo(Duration.ofSeconds(2));
    });
    assertThat(c.aac.silentFrame()).isNotNull();
  }

  @Test
  void baselineHasNoReordering() {
    Clip c = Clip.open(Ffmpeg.clip("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30", "-t", "1", "-c:v", "libx264",
        "-profile:v", "baseline", "-pix_fmt", "yuv420p"));
    assertThat(c.info.profile()).isEqualTo("Constrained Baseline");
    assertThat(c.bFrames).isFalse();
    assertThat(c.info.reorderDelay()).isZero();
    assertThat(c.info.frameRate()).isEqualTo(30.0);
  }

  @Test
  void detectsFeaturesTheDecoderGetsWrong() {
    assertThat(Clip.open(Ffmpeg.testClip("320x180", 24, 1, "-x264-params", "direct=temporal")).hazards)
        .containsExactly(VideoInfo.TEMPORAL_DIRECT);
    assertThat(Clip.open(Ffmpeg.testClip("320x180", 24, 1, "-x264-params", "weightp=0")).hazards)
        .containsExactly(VideoInfo.IMPLICIT_WEIGHTED_BIPRED);
    assertThat(Clip.open(Ffmpeg.testClip("320x180", 24, 1, "-x264-params", "cqm=jvt")).hazards)
        .containsExactly(VideoInfo.SCALING_MATRIX);
    // Implicit weighting only matters with B-frames; without them the stream decodes exactly.
    assertThat(Clip.open(Ffmpeg.testClip("320x180", 24, 1, "-x264-params", "weightp=0:bframes=0")).hazards).isEmpty();
  }

  @Test
  void refusesFragmentedMp4() {
    Path frag = Ffmpeg.clip("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24", "-t", "1", "-c:v", "libx264",
        "-pix_fmt", "yuv420p", "-movflags", "frag_keyframe+empty_moov");
    assertThatThrownBy(() -> Clip.open(frag)).isInstanceOf(MediaException.class)
        .hasMessageContaining(frag.toString()).hasMessageContaining("fragmented")
        .satisfies(e -> assertThat(((MediaException) e).reason()).isEqualTo(Reason.UNSUPPORTED));
  }

  @Test
  void refuses10BitInterlacedAndNonH264() {
    Path tenBit = Ffmpeg.testClip("320x180", 24, 1, "-pix_fmt", "yuv420p10le", "-profile:v", "high10");
    assertUnsupported(tenBit, "10-bit");
    Path interlaced = Ffmpeg.clip("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24", "-t", "1", "-c:v", "libx264",
        "-flags", "+ildct+ilme", "-pix_fmt", "yuv420p");
    assertUnsupported(interlaced, "interlaced");
    Path hevc = Ffmpeg.clip("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24", "-t", "1", "-c:v", "libx265",
        "-tag:v", "hvc1", "-pix_fmt", "yuv420p", "-x265-params", "log-level=error");
    assertUnsupported(hevc, "HEVC");
    Path mpeg4 = Ffmpeg.clip("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24", "-t", "1", "-c:v", "mpeg4");
    assertUnsupported(mpeg4, "MPEG-4 Part 2");
  }

  private static void assertUnsupported(Path file, String words) {
    Clip c = Clip.open(file);
    assertThatThrownBy(c::requireStitchable).isInstanceOf(MediaException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining(words)
        .satisfies(e -> assertThat(((MediaException) e).reason()).isEqualTo(Reason.UNSUPPORTED));
  }

  @Test
  void refusesTruncatedFile() throws IOException {
    Path good = Ffmpeg.testClip("320x180", 24, 2);
    byte[] all = Files.readAllBytes(good);
    Path cut = dir.resolve("cut.mp4");
    Files.write(cut, java.util.Arrays.copyOf(all, all.length * 2 / 3));
    assertReason(cut, Reason.TRUNCATED, "incomplete");
    // moov last: cutting the file loses the index itself.
    Path moovLast = Ffmpeg.clip("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24", "-t", "2", "-c:v", "libx264",
        "-pix_fmt", "yuv420p");
    byte[] m = Files.readAllBytes(moovLast);
    Path cut2 = dir.resolve("cut2.mp4");
    Files.write(cut2, java.util.Arrays.copyOf(m, m.length - 100));
    assertReason(cut2, Reason.TRUNCATED, "incomplete");
  }

  @Test
  void refusesFilesThatAreNotVideo() throws IOException {
    Path text = dir.resolve("notes.mp4");
    Files.writeString(text, "these are not the frames you are looking for");
    assertReason(text, Reason.NOT_MEDIA, "not an MP4");
    Path empty = dir.resolve("empty.mp4");
    Files.write(empty, new byte[0]);
    assertReason(empty, Reason.NOT_MEDIA, "empty");
    Path png = dir.resolve("frame.mp4");
    Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0, 'I', 'H', 'D', 'R'});
    assertReason(png, Reason.NOT_MEDIA, "image/png");
    assertReason(dir.resolve("missing.mp4"), Reason.NOT_FOUND, "does not exist");
    Path audioOnly = Ffmpeg.clip("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "1", "-c:a", "aac",
        "-f", "mp4");
    assertReason(audioOnly, Reason.NOT_MEDIA, "audio only");
  }

  @Test
  void hostileBoxSizesDoNotAllocate() throws IOException {
    // ftyp, then a moov declaring 2 GB in a 40-byte file.
    ByteBuffer b = ByteBuffer.allocate(40);
    b.putInt(16).put("ftyp".getBytes()).put("isom".getBytes()).putInt(0);
    b.putInt(Integer.MAX_VALUE).put("moov".getBytes());
    Path f = dir.resolve("hostile.mp4");
    Files.write(f, b.array());
    long before = usedHeap();
    assertReason(f, Reason.TRUNCATED, "incomplete");
    assertThat(usedHeap() - before).isLessThan(16L << 20);

    // A moov whose child declares more bytes than the moov holds.
    ByteBuffer c = ByteBuffer.allocate(40);
    c.putInt(16).put("ftyp".getBytes()).put("isom".getBytes()).putInt(0);
    c.putInt(24).put("moov".getBytes()).putInt(1 << 30).put("trak".getBytes()).putInt(0).putInt(0);
    Path g = dir.resolve("hostile2.mp4");
    Files.write(g, c.array());
    assertReason(g, Reason.CORRUPT, "broken MP4");

    // A stsz declaring a billion samples in a few bytes must not allocate them.
    Path good = Ffmpeg.testClip("320x180", 24, 1);
    byte[] all = Files.readAllBytes(good);
    int at = indexOf(all, "stsz".getBytes());
    ByteBuffer.wrap(all).putInt(at + 12, 1_000_000_000);
    Path h = dir.resolve("hostile3.mp4");
    Files.write(h, all);
    assertReason(h, Reason.CORRUPT, "samples");
  }

  @Test
  void refusesFileWithoutMoov() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(32);
    b.putInt(16).put("ftyp".getBytes()).put("isom".getBytes()).putInt(0);
    b.putInt(16).put("mdat".getBytes()).putLong(0);
    Path f = dir.resolve("nomoov.mp4");
    Files.write(f, b.array());
    assertReason(f, Reason.CORRUPT, "no 'moov'");
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static int indexOf(byte[] data, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= data.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  private static void assertReason(Path file, Reason reason, String words) {
    assertThatThrownBy(() -> Clip.open(file)).isInstanceOf(MediaException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining(words)
        .satisfies(e -> {
          assertThat(((MediaException) e).reason()).isEqualTo(reason);
          assertThat(((MediaException) e).file()).contains(file);
        });
  }
}
