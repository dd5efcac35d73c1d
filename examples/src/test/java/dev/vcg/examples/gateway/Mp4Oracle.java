package dev.vcg.examples.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks an MP4 with ffmpeg, a test oracle only: it decodes without a single error and lasts
 * about as long as expected. Skips when ffmpeg is missing, unless {@code VCG_REQUIRE_FFMPEG=1}.
 */
public final class Mp4Oracle {
  private Mp4Oracle() {
  }

  /** @return whether ffmpeg and ffprobe run; fails the test when they are required and missing */
  public static boolean available() {
    boolean ok = runs(List.of("ffmpeg", "-version")) && runs(List.of("ffprobe", "-version"));
    if (!ok && "1".equals(System.getenv("VCG_REQUIRE_FFMPEG"))) {
      fail("ffmpeg is required (VCG_REQUIRE_FFMPEG=1) but not installed");
    }
    return ok;
  }

  /**
   * Asserts the video decodes cleanly and lasts {@code seconds} ± {@code tolerance}; skips the
   * check (not the test) when ffmpeg is absent and not required.
   *
   * @param video the MP4
   * @param seconds the expected length
   * @param tolerance the allowed difference
   */
  public static void assertPlayable(Path video, double seconds, double tolerance) {
    if (!available()) {
      Assumptions.abort("ffmpeg is not installed");
      return;
    }
    String errors = run(List.of("ffmpeg", "-v", "error", "-nostdin", "-i", video.toString(), "-f", "null", "-"));
    assertThat(errors).as("ffmpeg decode errors of %s", video).isBlank();
    String duration = run(List.of("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
        "default=noprint_wrappers=1:nokey=1", video.toString())).strip();
    assertThat(Double.parseDouble(duration)).as("duration of %s", video).isCloseTo(seconds,
        org.assertj.core.data.Offset.offset(tolerance));
  }

  private static boolean runs(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static String run(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("timed out: " + cmd);
      }
      return out;
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
