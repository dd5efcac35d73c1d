package dev.vcg.examples.generation;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * ffmpeg as a test oracle for the videos the workflows write. Checks are skipped when ffmpeg is
 * missing, unless {@code VCG_REQUIRE_FFMPEG=1}, in which case they fail.
 */
final class Ffmpeg {
  private static volatile Boolean available;

  private Ffmpeg() {
  }

  static void require() {
    if (!isAvailable()) {
      if ("1".equals(System.getenv("VCG_REQUIRE_FFMPEG"))) {
        fail("ffmpeg is required (VCG_REQUIRE_FFMPEG=1) but not installed; apt-get install -y ffmpeg");
      }
      Assumptions.abort("ffmpeg is not installed");
    }
  }

  static boolean isAvailable() {
    if (available == null) {
      available = run(List.of("ffmpeg", "-version")).exit == 0 && run(List.of("ffprobe", "-version")).exit == 0;
    }
    return available;
  }

  /** @return what {@code ffmpeg -v error -i video -f null -} prints: nothing for a clean decode */
  static String decodeErrors(Path video) {
    Result r = run(List.of("ffmpeg", "-v", "error", "-nostdin", "-i", video.toString(), "-f", "null", "-"));
    return r.exit == 0 ? r.output.strip() : "exit " + r.exit + ": " + r.output;
  }

  /** @return the container duration ffprobe reads, in seconds */
  static double durationSeconds(Path video) {
    Result r = run(List.of("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
        "default=noprint_wrappers=1:nokey=1", video.toString()));
    if (r.exit != 0) {
      fail("ffprobe failed on " + video + ": " + r.output);
    }
    return Double.parseDouble(r.output.strip());
  }

  private record Result(int exit, String output) {
  }

  private static Result run(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out: " + out);
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, e.toString());
    }
  }
}
