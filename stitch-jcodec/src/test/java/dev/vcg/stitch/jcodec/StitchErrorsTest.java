package dev.vcg.stitch.jcodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.media.MediaException.Reason;
import dev.vcg.media.StitchException;
import dev.vcg.media.StitchRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input fails before writing, names the clip, and leaves nothing behind. */
class StitchErrorsTest {
  @TempDir
  Path dir;

  private final JCodecStitcher stitcher = new JCodecStitcher();

  private Path good() {
    return Ffmpeg.testClip("320x180", 24, 1);
  }

  private void assertRefused(Path bad, Reason reason, String words) throws IOException {
    Path out = dir.resolve("out.mp4");
    List<Path> before = listDir();
    assertThatThrownBy(() -> stitcher.stitch(StitchRequest.builder().clips(Arrays.asList(good(), bad, good()))
        .output(out).build()))
        .isInstanceOf(StitchException.class)
        .hasMessageContaining("clip 2").hasMessageContaining(bad.toString()).hasMessageContaining(words)
        .satisfies(e -> {
          StitchException se = (StitchException) e;
          assertThat(se.reason()).isEqualTo(reason);
          assertThat(se.reason().isInputProblem()).isTrue();
          assertThat(se.clipIndex()).hasValue(1);
          assertThat(se.file()).contains(bad);
        });
    assertThat(out).doesNotExist();
    assertThat(listDir()).isEqualTo(before);
  }

  private List<Path> listDir() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void fragmentedMp4() throws IOException {
    assertRefused(Ffmpeg.clip("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24", "-t", "1", "-c:v", "libx264",
        "-pix_fmt", "yuv420p", "-movflags", "frag_keyframe+empty_moov"), Reason.UNSUPPORTED, "fragmented");
  }

  @Test
  void tenBit() throws IOException {
    assertRefused(Ffmpeg.testClip("320x180", 24, 1, "-pix_fmt", "yuv420p10le", "-profile:v", "high10"),
        Reason.UNSUPPORTED, "10-bit");
  }

  @Test
  void interlaced() throws IOException {
    assertRefused(Ffmpeg.clip("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24", "-t", "1", "-c:v", "libx264",
        "-flags", "+ildct+ilme", "-pix_fmt", "yuv420p"), Reason.UNSUPPORTED, "interlaced");
  }

  @Test
  void notH264() throws IOException {
    assertRefused(Ffmpeg.clip("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24", "-t", "1", "-c:v", "libx265",
        "-tag:v", "hvc1", "-pix_fmt", "yuv420p", "-x265-params", "log-level=error"), Reason.UNSUPPORTED, "HEVC");
  }

  @Test
  void truncatedFile() throws IOException {
    byte[] all = Files.readAllBytes(Ffmpeg.testClip("320x180", 24, 2));
    Path cut = dir.resolve("cut.mp4");
    Files.write(cut, Arrays.copyOf(all, all.length / 2));
    assertRefused(cut, Reason.TRUNCATED, "incomplete");
  }

  @Test
  void notAVideo() throws IOException {
    Path text = dir.resolve("readme.mp4");
    Files.writeString(text, "hello");
    assertRefused(text, Reason.NOT_MEDIA, "not an MP4");
  }

  @Test
  void missingFile() throws IOException {
    assertRefused(dir.resolve("nowhere.mp4"), Reason.NOT_FOUND, "does not exist");
  }

  @Test
  void existingOutputIsKeptWhenAClipIsBad() throws IOException {
    Path out = dir.resolve("keep.mp4");
    Files.writeString(out, "previous result");
    Path text = dir.resolve("bad.mp4");
    Files.writeString(text, "hello");
    assertThatThrownBy(() -> stitcher.stitch(StitchRequest.builder().clips(List.of(good(), text)).output(out).build()))
        .isInstanceOf(StitchException.class);
    assertThat(Files.readString(out)).isEqualTo("previous result");
  }

  @Test
  void missingOutputDirectory() {
    Path out = dir.resolve("no/such/dir/out.mp4");
    assertThatThrownBy(() -> stitcher.stitch(StitchRequest.builder().clips(List.of(good())).output(out).build()))
        .isInstanceOf(StitchException.class).hasMessageContaining("does not exist")
        .satisfies(e -> assertThat(((StitchException) e).reason()).isEqualTo(Reason.OUTPUT_FAILED));
  }
}
