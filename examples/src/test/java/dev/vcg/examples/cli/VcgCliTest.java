package dev.vcg.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, called in-process: exit codes, outputs, nothing partial on failure. */
class VcgCliTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int vcg(String... args) {
    out.reset();
    err.reset();
    return Vcg.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpListsTheCommands() {
    assertThat(vcg("--help")).isEqualTo(0);
    assertThat(stdout()).contains("stitch").contains("thumbnail").contains("exit codes");
    assertThat(vcg("stitch", "--help")).isEqualTo(0);
    assertThat(stdout()).startsWith("usage: vcg stitch CLIP.mp4... -o OUT.mp4")
        .contains("cut|crossfade|fade_black|fade_white|wipe_left|wipe_right");
    assertThat(vcg("help", "thumbnail")).isEqualTo(0);
    assertThat(stdout()).startsWith("usage: vcg thumbnail VIDEO.mp4 -o OUT.png [--at SECONDS]");
  }

  @Test
  void usageErrorsExitWith2() {
    assertThat(vcg()).isEqualTo(2);
    assertThat(stderr()).contains("usage: vcg");
    assertThat(vcg("explode")).isEqualTo(2);
    assertThat(stderr()).contains("unknown command 'explode'");
    assertThat(vcg("stitch", "a.mp4")).isEqualTo(2);
    assertThat(stderr()).contains("missing -o OUT.mp4");
    assertThat(vcg("stitch", "-o", "x.mp4")).isEqualTo(2);
    assertThat(stderr()).contains("give at least one clip");
    assertThat(vcg("stitch", "a.mp4", "-o", "x.mp4", "--transition", "spin")).isEqualTo(2);
    assertThat(stderr()).contains("unknown transition 'spin'").contains("crossfade");
    assertThat(vcg("stitch", "a.mp4", "-o", "x.mp4", "--transition-seconds", "eleven")).isEqualTo(2);
    assertThat(vcg("stitch", "a.mp4", "-o", "x.mp4", "--transition-seconds", "11")).isEqualTo(2);
    assertThat(vcg("stitch", "a.mp4", "-o", "x.mp4", "--colour", "red")).isEqualTo(2);
    assertThat(stderr()).contains("unknown option --colour");
    assertThat(vcg("thumbnail", "v.mp4", "-o")).isEqualTo(2);
    assertThat(stderr()).contains("-o needs a value");
    assertThat(vcg("thumbnail", "a.mp4", "b.mp4", "-o", "t.png")).isEqualTo(2);
  }

  @Test
  void stitchesClips() throws IOException {
    Path a = TestClips.clip(dir, "a.mp4");
    Path b = TestClips.clip(dir, "b.mp4");
    Path result = dir.resolve("out.mp4");
    assertThat(vcg("stitch", a.toString(), b.toString(), "-o", result.toString())).as(stderr()).isEqualTo(0);
    assertThat(stdout()).contains(result.toString()).contains("2.000 s").contains("48 frames").contains("lossless");
    assertThat(TestClips.decodeErrors(result)).isEmpty();
    assertThat(stderr()).contains("stitching: 100%");
  }

  @Test
  void badClipExitsWith3AndLeavesNothing() throws IOException {
    Path a = TestClips.clip(dir, "a.mp4");
    Path bad = dir.resolve("bad.mp4");
    Files.writeString(bad, "not a video");
    Path result = dir.resolve("out.mp4");
    List<String> before = TestClips.listing(dir);
    assertThat(vcg("stitch", a.toString(), bad.toString(), "-o", result.toString())).isEqualTo(3);
    assertThat(stderr()).contains("clip 2").contains(bad.toString()).contains("not an MP4");
    assertThat(result).doesNotExist();
    assertThat(TestClips.listing(dir)).isEqualTo(before);
    assertThat(vcg("stitch", dir.resolve("missing.mp4").toString(), "-o", result.toString())).isEqualTo(3);
    assertThat(result).doesNotExist();
  }

  @Test
  void unwritableOutputExitsWith1() {
    Path a = TestClips.clip(dir, "a.mp4");
    assertThat(vcg("stitch", a.toString(), "-o", dir.resolve("no/dir/out.mp4").toString())).isEqualTo(1);
    assertThat(stderr()).contains("does not exist");
  }

  @Test
  void writesThumbnails() throws IOException {
    Path a = TestClips.clip(dir, "a.mp4");
    Path png = dir.resolve("t.png");
    assertThat(vcg("thumbnail", a.toString(), "-o", png.toString(), "--at", "0.5")).as(stderr()).isEqualTo(0);
    assertThat(stdout()).contains(png.toString()).contains("320x180 PNG").contains("0.500 s");
    byte[] head = Files.readAllBytes(png);
    assertThat(head[1]).isEqualTo((byte) 'P');
    Path jpg = dir.resolve("t.jpg");
    assertThat(vcg("thumbnail", a.toString(), "-o", jpg.toString())).isEqualTo(0);
    assertThat(stdout()).contains("JPEG").contains("0.000 s");
  }

  @Test
  void thumbnailPastTheEndExitsWith3() {
    Path a = TestClips.clip(dir, "a.mp4");
    Path png = dir.resolve("late.png");
    assertThat(vcg("thumbnail", a.toString(), "-o", png.toString(), "--at", "5")).isEqualTo(3);
    assertThat(stderr()).contains("lasts 1.0 s");
    assertThat(png).doesNotExist();
  }
}
