package dev.vcg.stitch.jcodec.bench;

import dev.vcg.direction.TransitionType;
import dev.vcg.media.StitchRequest;
import dev.vcg.media.StitchResult;
import dev.vcg.media.Transition;
import dev.vcg.stitch.jcodec.JCodecStitcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The stitcher side by side with ffmpeg, in one run (never part of the test suite):
 *
 * <ol>
 *   <li>lossless stitch of 6 x 5 s 720p High-profile clips with AAC, in-process: first (cold) run
 *       and the median of warm runs (goal 40 ms);</li>
 *   <li>the same as a whole process: {@code java -jar vcg.jar stitch} against
 *       {@code ffmpeg -f concat -c copy} (goal 2x);</li>
 *   <li>crossfade stitch of the same clips, frames per second on this machine's cores (goal 20),
 *       against ffmpeg's {@code xfade} with libx264, and the heap it needs;</li>
 *   <li>peak heap while stitching 10 minutes of 720p in a JVM limited to {@code bench.heap}
 *       (goal 128 MB).</li>
 * </ol>
 *
 * <p>Inputs are generated once with ffmpeg (libx264 High profile) into
 * {@code target/bench-media}. Run with {@code mvn -B -pl stitch-jcodec -am -Pbench verify}; for the
 * CLI figure build the command-line jar first ({@code mvn -B -pl examples -am package
 * -DskipTests}), or point {@code -Dbench.cliJar} at it.
 *
 * <p>Arguments: {@code WORKDIR CLI_JAR HEAP LONG} (defaults {@code target}, {@code
 * ../examples/target/vcg.jar}, {@code 128m}, {@code true}; {@code false} skips the 60 s transcode).
 */
public final class StitchBenchmark {
  private static final int WARM_RUNS = 25;
  private static final int PROCESS_RUNS = 7;

  private final Path media;
  private final Path out;
  private final Path cliJar;
  private final String heap;
  private final boolean longTranscode;
  private final String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private final Map<String, String> figures = new LinkedHashMap<>();

  private StitchBenchmark(Path work, Path cliJar, String heap, boolean longTranscode) throws IOException {
    this.longTranscode = longTranscode;
    this.media = Files.createDirectories(work.resolve("bench-media"));
    this.out = Files.createDirectories(work.resolve("bench-out"));
    this.cliJar = cliJar;
    this.heap = heap;
  }

  /**
   * @param args {@code [WORKDIR [CLI_JAR [HEAP [LONG]]]]}
   * @throws Exception when the benchmark cannot run
   */
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "target").toAbsolutePath();
    Path jar = Path.of(args.length > 1 ? args[1] : "../examples/target/vcg.jar").toAbsolutePath().normalize();
    String heap = args.length > 2 ? args[2] : "128m";
    boolean longTranscode = args.length <= 3 || Boolean.parseBoolean(args[3]);
    new StitchBenchmark(work, jar, heap, longTranscode).run();
  }

  private void run() throws Exception {
    System.out.printf(Locale.ROOT, "stitch benchmark: %d cores, %s %s, ffmpeg %s, load average %s%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
        System.getProperty("java.version"), ffmpegVersion(), loadAverage());
    List<Path> clips = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      clips.add(clip720(i));
    }
    Path minute = minuteClip();
    System.out.println("inputs: 6 x 5 s 1280x720 24 fps High profile + AAC, and 1 x 60 s (stitched 10 times)");

    lossless(clips);
    processes(clips);
    crossfade(clips);
    tenMinutes(minute);
    if (longTranscode) {
      transcodeMinute(minute);
    }

    System.out.println();
    System.out.println("summary (load average at the end " + loadAverage() + "):");
    figures.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-44s %s%n", k, v));
  }

  // --- 1. in-process lossless ---

  private void lossless(List<Path> clips) {
    JCodecStitcher stitcher = new JCodecStitcher();
    Path target = out.resolve("lossless.mp4");
    long t0 = System.nanoTime();
    StitchResult first = stitcher.stitch(request(clips, target, TransitionType.CUT, 0));
    double cold = ms(System.nanoTime() - t0);
    check(target, first, 720, "lossless");
    double[] warm = new double[WARM_RUNS];
    for (int i = 0; i < 10; i++) {
      stitcher.stitch(request(clips, target, TransitionType.CUT, 0));
    }
    for (int i = 0; i < WARM_RUNS; i++) {
      long s = System.nanoTime();
      stitcher.stitch(request(clips, target, TransitionType.CUT, 0));
      warm[i] = ms(System.nanoTime() - s);
    }
    double mb = sizeMb(clips);
    System.out.printf(Locale.ROOT, "%n1. lossless stitch 6 x 5 s 720p in-process (%.1f MB in, %d frames, all copied "
            + "%s): cold %.0f ms, warm median %.1f ms (min %.1f, max %.1f; %.0f MB/s)%n", mb, first.frameCount(),
        first.isLossless(), cold, median(warm), min(warm), max(warm), mb / median(warm) * 1000);
    figures.put("lossless 6x5s 720p in-process, warm median", fmt(median(warm)) + " ms (goal <= 40 ms; cold "
        + fmt(cold) + " ms)");
  }

  // --- 2. whole processes ---

  private void processes(List<Path> clips) throws IOException {
    Path list = out.resolve("concat.txt");
    StringBuilder sb = new StringBuilder();
    for (Path c : clips) {
      sb.append("file '").append(c).append("'\n");
    }
    Files.writeString(list, sb.toString());
    Path ffOut = out.resolve("ffmpeg-concat.mp4");
    List<String> ff = List.of("ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "concat", "-safe", "0", "-i",
        list.toString(), "-c", "copy", ffOut.toString());
    Path ours = out.resolve("cli-concat.mp4");
    List<String> cli = new ArrayList<>();
    String what;
    if (Files.isRegularFile(cliJar)) {
      cli.addAll(List.of(javaCommand, "-jar", cliJar.toString(), "stitch"));
      what = "java -jar vcg.jar stitch";
    } else {
      cli.addAll(List.of(javaCommand, "-cp", System.getProperty("java.class.path"), HeapProbe.class.getName(), "cut",
          "0", ours.toString()));
      what = "java -cp <module classpath> (no vcg.jar at " + cliJar + ")";
    }
    clips.forEach(c -> cli.add(c.toString()));
    if (Files.isRegularFile(cliJar)) {
      cli.addAll(List.of("-o", ours.toString()));
    }
    double[] ffTimes = new double[PROCESS_RUNS];
    double[] ourTimes = new double[PROCESS_RUNS];
    for (int i = -1; i < PROCESS_RUNS; i++) {
      double f = timeProcess(ff);
      double o = timeProcess(cli);
      if (i >= 0) {
        ffTimes[i] = f;
        ourTimes[i] = o;
      }
    }
    String errors = decodeErrors(ours);
    System.out.printf(Locale.ROOT, "%n2. whole process, 6 x 5 s 720p, median of %d: %s %.0f ms (min %.0f); "
            + "ffmpeg -f concat -c copy %.0f ms (min %.0f); ratio %.2f; ffmpeg decode check of ours: %s%n",
        PROCESS_RUNS, what, median(ourTimes), min(ourTimes), median(ffTimes), min(ffTimes),
        median(ourTimes) / median(ffTimes), errors.isEmpty() ? "clean" : errors);
    figures.put("whole process vs ffmpeg concat copy", fmt(median(ourTimes)) + " ms vs " + fmt(median(ffTimes))
        + " ms = " + String.format(Locale.ROOT, "%.2fx", median(ourTimes) / median(ffTimes)) + " (goal <= 2x)");
  }

  // --- 3. crossfade ---

  private void crossfade(List<Path> clips) throws IOException {
    Path ours = out.resolve("crossfade.mp4");
    Map<String, String> r = probe("crossfade", "0.5", ours, clips, heap);
    int frames = Integer.parseInt(r.get("frames"));
    int encoded = Integer.parseInt(r.get("encoded"));
    double seconds = Long.parseLong(r.get("wallMs")) / 1000.0;
    String errors = decodeErrors(ours);

    // ffmpeg: the same five 0.5 s crossfades with xfade, encoded by libx264 (default preset).
    StringBuilder filter = new StringBuilder();
    String prev = "[0:v]";
    double offset = 0;
    for (int i = 1; i < clips.size(); i++) {
      offset += 5 - 0.5;
      String label = i == clips.size() - 1 ? "[v]" : "[x" + i + "]";
      filter.append(prev).append('[').append(i).append(":v]xfade=transition=fade:duration=0.5:offset=")
          .append(String.format(Locale.ROOT, "%.3f", offset)).append(label).append(';');
      prev = label;
    }
    filter.setLength(filter.length() - 1);
    List<String> ff = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-y"));
    clips.forEach(c -> ff.addAll(List.of("-i", c.toString())));
    Path ffOut = out.resolve("ffmpeg-xfade.mp4");
    ff.addAll(List.of("-filter_complex", filter.toString(), "-map", "[v]", "-an", "-c:v", "libx264", "-pix_fmt",
        "yuv420p", ffOut.toString()));
    double ffSeconds = timeProcess(ff) / 1000.0;
    int ffFrames = 6 * 120 - 5 * 12;
    System.out.printf(Locale.ROOT, "%n3. crossfade 0.5 s, 6 x 5 s 720p on %d cores, -Xmx%s: %d frames (%d re-encoded, "
            + "%d copied) in %.1f s = %.1f fps (%.1f re-encoded fps); output %.1f MB; decode check: %s; heap "
            + "after GC max %s MB (first half %s, second half %s), before GC max %s MB, sum of pool peaks %s MB; live "
            + "after a full GC at 1/4, 1/2, 3/4 of the work: %s MB%n"
            + "   ffmpeg xfade + libx264 (preset medium, crf 23): %d frames in %.1f s = %.1f fps; output %.1f MB%n",
        Runtime.getRuntime().availableProcessors(), heap, frames, encoded, frames - encoded, seconds,
        frames / seconds, encoded / seconds, Files.size(ours) / 1e6, errors.isEmpty() ? "clean" : errors,
        r.get("peakAfterGcMb"), r.get("afterGcFirstHalfMb"), r.get("afterGcSecondHalfMb"), r.get("peakBeforeGcMb"),
        r.get("poolPeaksMb"), r.get("liveAtQuartersMb"), ffFrames, ffSeconds, ffFrames / ffSeconds,
        Files.size(ffOut) / 1e6);
    figures.put("crossfade stitch fps (2 cores)", fmt(frames / seconds) + " fps (goal >= 20; ffmpeg "
        + fmt(ffFrames / ffSeconds) + " fps)");
    figures.put("heap, crossfade 6x5s 720p", r.get("peakBeforeGcMb") + " MB max before GC, "
        + r.get("liveAtQuartersMb") + " MB live at 1/4, 1/2, 3/4, in -Xmx" + heap);
  }

  // --- 4. heap over 10 minutes ---

  private void tenMinutes(Path minute) throws IOException {
    Path ours = out.resolve("ten-minutes.mp4");
    List<Path> clips = Collections.nCopies(10, minute);
    Map<String, String> r = probe("cut", "0", ours, clips, heap);
    String errors = decodeErrors(ours);
    System.out.printf(Locale.ROOT, "%n4. lossless stitch of 10 minutes of 720p (10 x 60 s, %d frames, %.0f MB) in "
            + "-Xmx%s: %s ms; heap before GC max %s MB, after GC max %s MB, sum of pool peaks %s MB; "
            + "decode check: %s%n",
        Integer.parseInt(r.get("frames")), Files.size(ours) / 1e6, heap, r.get("wallMs"), r.get("peakBeforeGcMb"),
        r.get("peakAfterGcMb"), r.get("poolPeaksMb"), errors.isEmpty() ? "clean" : errors);
    figures.put("heap, 10 min 720p lossless", r.get("peakBeforeGcMb") + " MB max before GC, "
        + r.get("peakAfterGcMb") + " MB live after GC, in -Xmx" + heap + " (goal <= 128 MB)");
    Files.deleteIfExists(ours);
  }

  // --- 5. heap while every frame of a long clip is re-encoded ---

  private void transcodeMinute(Path minute) throws IOException {
    Path ours = out.resolve("minute-360p.mp4");
    Map<String, String> r = probe("cut", "0", ours, List.of("640x360", minute), heap);
    double seconds = Long.parseLong(r.get("wallMs")) / 1000.0;
    int frames = Integer.parseInt(r.get("frames"));
    System.out.printf(Locale.ROOT, "%n5. 60 s of 720p decoded, scaled to 640x360 and re-encoded (%d frames, %d "
            + "encoded) in -Xmx%s: %.1f s = %.1f fps; heap after GC max %s MB (first half %s, second half %s), "
            + "before GC max %s MB; live after a full GC at 1/4, 1/2, 3/4 of the work: %s MB; decode check: %s%n",
        frames, Integer.parseInt(r.get("encoded")), heap, seconds, frames / seconds, r.get("peakAfterGcMb"),
        r.get("afterGcFirstHalfMb"), r.get("afterGcSecondHalfMb"), r.get("peakBeforeGcMb"),
        r.get("liveAtQuartersMb"), decodeErrors(ours).isEmpty() ? "clean" : "errors");
    figures.put("heap, 60 s 720p transcoded to 360p", r.get("liveAtQuartersMb") + " MB live at 1/4, 1/2, 3/4; "
        + r.get("peakBeforeGcMb") + " MB max before GC, in -Xmx" + heap);
  }

  // --- helpers ---

  private Map<String, String> probe(String transition, String seconds, Path output, List<?> clips, String xmx)
      throws IOException {
    List<String> cmd = new ArrayList<>(List.of(javaCommand, "-Xmx" + xmx, "-cp", System.getProperty("java.class.path"),
        HeapProbe.class.getName(), transition, seconds, output.toString()));
    clips.forEach(c -> cmd.add(c.toString()));
    String text = run(cmd, 3600);
    Map<String, String> values = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("RESULT ")) {
        for (String kv : line.substring(7).trim().split(" ")) {
          int eq = kv.indexOf('=');
          values.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
      }
    }
    if (values.isEmpty()) {
      throw new IllegalStateException("stitch process failed:\n" + text);
    }
    return values;
  }

  private static StitchRequest request(List<Path> clips, Path out, TransitionType type, double seconds) {
    return StitchRequest.builder().clips(clips).output(out)
        .transition(Transition.of(type, Duration.ofMillis(Math.round(seconds * 1000)))).build();
  }

  private static void check(Path out, StitchResult r, int frames, String what) {
    if (r.frameCount() != frames) {
      throw new IllegalStateException(what + ": " + r.frameCount() + " frames, expected " + frames);
    }
    String errors = decodeErrors(out);
    if (!errors.isEmpty()) {
      throw new IllegalStateException(what + ": ffmpeg reports " + errors);
    }
  }

  private Path clip720(int i) throws IOException {
    String source = i % 2 == 0 ? "testsrc2=size=1280x720:rate=24" : "mandelbrot=size=1280x720:rate=24";
    // Alternate CRF so later clips' parameter sets differ, as between provider models.
    String crf = i % 3 == 0 ? "23" : i % 3 == 1 ? "20" : "26";
    return generate("clip" + i + ".mp4", "-f", "lavfi", "-i", source, "-f", "lavfi", "-i",
        "sine=frequency=" + (300 + 100 * i) + ":sample_rate=48000", "-t", "5", "-c:v", "libx264", "-profile:v",
        "high", "-crf", crf, "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-movflags",
        "+faststart");
  }

  private Path minuteClip() throws IOException {
    return generate("minute.mp4", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=24", "-f", "lavfi", "-i",
        "sine=frequency=440:sample_rate=48000", "-t", "60", "-c:v", "libx264", "-profile:v", "high", "-pix_fmt",
        "yuv420p", "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-movflags", "+faststart");
  }

  private Path generate(String name, String... args) throws IOException {
    Path file = media.resolve(name);
    if (Files.isRegularFile(file)) {
      return file;
    }
    Path tmp = media.resolve(name + ".part.mp4");
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-y"));
    cmd.addAll(Arrays.asList(args));
    cmd.add(tmp.toString());
    run(cmd, 1800);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  private static String decodeErrors(Path video) {
    try {
      return run(List.of("ffmpeg", "-v", "error", "-nostdin", "-i", video.toString(), "-f", "null", "-"), 1800)
          .trim();
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
          .getSystemLoadAverage());
    }
  }

  private static String ffmpegVersion() throws IOException {
    String v = run(List.of("ffmpeg", "-version"), 60);
    return v.lines().findFirst().orElse("?").replace("ffmpeg version ", "").split(" ")[0];
  }

  private static double timeProcess(List<String> cmd) throws IOException {
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("failed: " + String.join(" ", cmd));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    return ms(System.nanoTime() - t0);
  }

  private static String run(List<String> cmd, long timeoutSeconds) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + String.join(" ", cmd));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    String text = new String(output, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException("exit " + p.exitValue() + ": " + String.join(" ", cmd) + "\n" + text);
    }
    return text;
  }

  private static double sizeMb(List<Path> files) {
    return files.stream().mapToLong(f -> f.toFile().length()).sum() / 1e6;
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElse(0);
  }

  private static double max(double[] values) {
    return Arrays.stream(values).max().orElse(0);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, v < 10 ? "%.1f" : "%.0f", v);
  }
}
