package dev.vcg.stitch.jcodec;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * ffmpeg as a test oracle: makes provider-like clips and checks what we write. Tests that need
 * it call {@link #require()}: they are skipped when ffmpeg is missing, unless
 * {@code VCG_REQUIRE_FFMPEG=1}, in which case they fail.
 */
public final class Ffmpeg {
  private static final Path CACHE = Path.of("target", "test-media");
  private static volatile Boolean available;

  private Ffmpeg() {
  }

  /** Skips (or, when required, fails) the calling test if ffmpeg is not installed. */
  public static void require() {
    if (!isAvailable()) {
      if ("1".equals(System.getenv("VCG_REQUIRE_FFMPEG"))) {
        fail("ffmpeg is required (VCG_REQUIRE_FFMPEG=1) but not installed; apt-get install -y ffmpeg");
      }
      Assumptions.abort("ffmpeg is not installed");
    }
  }

  /** @return whether ffmpeg is installed */
  public static boolean isAvailable() {
    if (available == null) {
      try {
        Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        available = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
      } catch (IOException | InterruptedException e) {
        available = false;
      }
    }
    return available;
  }

  /**
   * Makes (once, cached under target/test-media) a clip with the given ffmpeg arguments.
   *
   * @param args ffmpeg arguments between the global flags and the output file
   * @return the file
   */
  public static Path clip(String... args) {
    require();
    try {
      String key = String.join(" ", args);
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      Path out = CACHE.resolve(HexFormat.of().formatHex(hash, 0, 8) + ".mp4").toAbsolutePath();
      if (Files.exists(out)) {
        return out;
      }
      Files.createDirectories(CACHE);
      Path tmp = Files.createTempFile(CACHE, "gen", ".mp4");
      List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-nostdin"));
      cmd.addAll(List.of(args));
      cmd.add(tmp.toString());
      Result r = run(cmd);
      if (r.exit != 0) {
        fail("ffmpeg failed: " + r.output + "\n" + cmd);
      }
      Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return out;
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * A test-pattern H.264 High-profile clip, like provider output (x264 defaults: CABAC, B-pyramid).
   *
   * @param size e.g. {@code 320x180}
   * @param fps frame rate
   * @param seconds length
   * @param extra extra output arguments (e.g. {@code -crf 18})
   * @return the clip
   */
  public static Path testClip(String size, int fps, double seconds, String... extra) {
    List<String> a = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=" + fps,
        "-t", String.valueOf(seconds), "-c:v", "libx264", "-profile:v", "high", "-pix_fmt", "yuv420p"));
    a.addAll(List.of(extra));
    a.addAll(List.of("-movflags", "+faststart"));
    return clip(a.toArray(String[]::new));
  }

  /**
   * Per-frame MD5s of the decoded video (ffmpeg framemd5), without the header lines.
   *
   * @param video a file
   * @return one hash per frame in presentation order
   */
  public static List<String> frameMd5(Path video) {
    Result r = run(List.of("ffmpeg", "-v", "error", "-nostdin", "-i", video.toString(), "-map", "0:v:0",
        "-f", "framemd5", "-"));
    if (r.exit != 0) {
      fail("framemd5 failed for " + video + ": " + r.output);
    }
    List<String> hashes = new ArrayList<>();
    for (String line : r.output.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(",");
      hashes.add(f[f.length - 1].strip());
    }
    return hashes;
  }

  /**
   * Decodes the whole file and returns what ffmpeg complains about (empty when clean).
   *
   * @param video a file
   * @return ffmpeg's error output
   */
  public static String decodeErrors(Path video) {
    Result r = run(List.of("ffmpeg", "-v", "error", "-nostdin", "-i", video.toString(), "-f", "null", "-"));
    return (r.exit == 0 ? "" : "exit " + r.exit + "\n") + r.output.strip();
  }

  /**
   * ffprobe a stream value.
   *
   * @param video a file
   * @param stream e.g. {@code v:0}
   * @param entries e.g. {@code stream=nb_read_frames}
   * @param countFrames whether to decode and count frames
   * @return the value(s), one per line
   */
  public static String probe(Path video, String stream, String entries, boolean countFrames) {
    List<String> cmd = new ArrayList<>(List.of("ffprobe", "-v", "error", "-select_streams", stream,
        "-show_entries", entries, "-of", "default=noprint_wrappers=1:nokey=1"));
    if (countFrames) {
      cmd.add("-count_frames");
    }
    cmd.add(video.toString());
    Result r = run(cmd);
    if (r.exit != 0) {
      fail("ffprobe failed for " + video + ": " + r.output);
    }
    return r.output.strip();
  }

  /**
   * Decodes the audio as signed 16-bit little-endian mono PCM.
   *
   * @param video a file
   * @param sampleRate output rate
   * @return samples
   */
  public static short[] pcm(Path video, int sampleRate) {
    try {
      Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-nostdin", "-i", video.toString(), "-map", "0:a:0",
          "-ac", "1", "-ar", String.valueOf(sampleRate), "-f", "s16le", "-").start();
      p.getErrorStream().close();
      byte[] data = p.getInputStream().readAllBytes();
      p.waitFor(60, TimeUnit.SECONDS);
      short[] out = new short[data.length / 2];
      for (int i = 0; i < out.length; i++) {
        out[i] = (short) ((data[2 * i] & 0xFF) | (data[2 * i + 1] << 8));
      }
      return out;
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Decodes every frame to planar 4:2:0 bytes (Y, then U, then V).
   *
   * @param video a file
   * @param width its width
   * @param height its height
   * @return one array per frame, in presentation order
   */
  public static List<byte[]> rawFrames(Path video, int width, int height) {
    try {
      Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-nostdin", "-i", video.toString(), "-map", "0:v:0",
          "-f", "rawvideo", "-pix_fmt", "yuv420p", "-").start();
      p.getErrorStream().close();
      byte[] data = p.getInputStream().readAllBytes();
      p.waitFor(120, TimeUnit.SECONDS);
      int size = width * height * 3 / 2;
      List<byte[]> frames = new ArrayList<>();
      for (int off = 0; off + size <= data.length; off += size) {
        frames.add(java.util.Arrays.copyOfRange(data, off, off + size));
      }
      return frames;
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * PSNR of the luma of two raw frames, optionally within a column range.
   *
   * @param a a frame
   * @param b a frame
   * @param width frame width
   * @param height frame height
   * @param fromX first column
   * @param toX end column
   * @return PSNR in dB (99 when identical)
   */
  public static double lumaPsnr(byte[] a, byte[] b, int width, int height, int fromX, int toX) {
    double se = 0;
    long n = 0;
    for (int y = 0; y < height; y++) {
      for (int x = fromX; x < toX; x++) {
        int d = (a[y * width + x] & 0xFF) - (b[y * width + x] & 0xFF);
        se += d * d;
        n++;
      }
    }
    return se == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / (se / n));
  }

  /**
   * @param frame a raw frame
   * @param width its width
   * @param height its height
   * @return mean luma, 0 to 255
   */
  public static double meanLuma(byte[] frame, int width, int height) {
    long sum = 0;
    for (int i = 0; i < width * height; i++) {
      sum += frame[i] & 0xFF;
    }
    return (double) sum / (width * height);
  }

  /** The outcome of a command. */
  public record Result(int exit, String output) {
  }

  /**
   * Runs a command, capturing stdout and stderr together.
   *
   * @param cmd the command
   * @return exit code and output
   */
  public static Result run(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("timed out: " + cmd);
      }
      return new Result(p.exitValue(), out);
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
