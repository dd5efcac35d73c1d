package dev.vcg.examples.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Provider-like H.264 clips made with ffmpeg (a test oracle only). Skips the test when ffmpeg is
 * missing, unless {@code VCG_REQUIRE_FFMPEG=1}.
 */
final class TestClips {
  private TestClips() {
  }

  static void requireFfmpeg() {
    boolean ok;
    try {
      Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      ok = false;
    }
    if (!ok) {
      if ("1".equals(System.getenv("VCG_REQUIRE_FFMPEG"))) {
        fail("ffmpeg is required (VCG_REQUIRE_FFMPEG=1) but not installed");
      }
      Assumptions.abort("ffmpeg is not installed");
    }
  }

  /** A 1 s 320x180 24 fps High-profile clip with AAC audio. */
  static Path clip(Path dir, String name) {
    requireFfmpeg();
    Path out = dir.resolve(name);
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
        "testsrc2=size=320x180:rate=24", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "1",
        "-c:v", "libx264", "-profile:v", "high", "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart",
        out.toString()));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        fail("ffmpeg failed: " + log);
      }
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  static String decodeErrors(Path video) {
    try {
      Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-nostdin", "-i", video.toString(), "-f", "null", "-")
          .redirectErrorStream(true).start();
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(120, TimeUnit.SECONDS);
      return (p.exitValue() == 0 ? "" : "exit " + p.exitValue() + " ") + log.strip();
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  static List<String> listing(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
