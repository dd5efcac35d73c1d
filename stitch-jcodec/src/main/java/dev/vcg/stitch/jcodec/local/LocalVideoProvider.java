package dev.vcg.stitch.jcodec.local;

import dev.vcg.cost.Money;
import dev.vcg.direction.CameraMove;
import dev.vcg.media.ImageInspector;
import dev.vcg.media.MediaException;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.InvalidRequestException;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderError;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.UnsupportedCapabilityException;
import dev.vcg.provider.VideoCapabilities;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import dev.vcg.provider.VideoResult;
import dev.vcg.stitch.jcodec.internal.clip.Yuv;
import dev.vcg.stitch.jcodec.internal.frames.Images;
import dev.vcg.stitch.jcodec.internal.stitch.FrameEncoder;
import dev.vcg.stitch.jcodec.internal.stitch.OutputFiles;
import dev.vcg.stitch.jcodec.internal.stitch.SingleTrackWriter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline video provider ({@code local}): from a start frame, an optional end frame, a
 * camera move and a duration it renders a real H.264 clip at 24 fps, with no network and no
 * key. The camera move is a smooth transform of the start frame (push in, pull out, pan, tilt,
 * crane, dolly); with an end frame the picture blends into it, and the last frame is the end
 * frame, so clips chain. The first frame is the start frame.
 *
 * <p>Jobs render on an executor; their state lives in files in the output directory
 * ({@code <id>.job}, {@code <id>.mp4}, {@code <id>.failed}, {@code <id>.cancel}), so another
 * instance (after a restart) can poll or cancel them. The start and end frames are kept next to the
 * job ({@code <id>.start.png}, {@code <id>.end.png}) until its clip is written, so a render whose
 * process ended, or whose thread was interrupted (its executor shut down), is rendered again when
 * the job is next polled, to the same result; only a job whose inputs are gone reads as lost. The output size follows the start
 * frame's aspect ratio (or the requested one, cropping the frame), with the long side at most
 * {@code maxLongSide} (640 by default) so that a 15 s clip renders in seconds.
 *
 * <p>Options ({@link ProviderConfig#option}): {@code outputDir} (default
 * {@code <tmp>/vcg-local-video}), {@code maxLongSide} (64 to 1920), {@code renderInline}
 * ({@code true} renders inside {@link #submit}, so the job is finished when it returns).
 * Thread-safe.
 */
public final class LocalVideoProvider implements VideoProvider {
  /** The provider id. */
  public static final String ID = "local";
  /** The one model. */
  public static final String MODEL = "motion-v1";
  /** Frames per second of every clip. */
  public static final int FPS = 24;
  /** What the model can do. */
  public static final VideoCapabilities CAPABILITIES = VideoCapabilities.builder()
      .endFrame(true).durations(1, 2, 3, 4, 5, 6, 7, 8, 9, 10).aspectFollowsImage(true).seed(true).build();

  private static final Logger LOG = LoggerFactory.getLogger(LocalVideoProvider.class);
  /** Renders in flight in this process, by output file: so any instance can tell running from lost. */
  private static final Map<Path, AtomicReference<Double>> RUNNING = new ConcurrentHashMap<>();
  private static final int QP = 24;
  private static final String START = ".start.png";
  private static final String END = ".end.png";

  private final Path outputDir;
  private final int maxLongSide;
  private final Executor executor;
  private final ImageInspector images = ImageInspector.create();

  private LocalVideoProvider(Path outputDir, int maxLongSide, Executor executor) {
    this.outputDir = outputDir;
    this.maxLongSide = maxLongSide;
    this.executor = executor;
  }

  /**
   * A provider configured from options, rendering on a private pool of daemon threads (one per
   * core, idle threads end).
   *
   * @param config the config; the key, base URL and model are ignored
   * @return the provider
   * @throws IllegalArgumentException if an option is malformed
   */
  public static LocalVideoProvider create(ProviderConfig config) {
    Objects.requireNonNull(config, "config");
    Path dir = config.option("outputDir").map(Path::of)
        .orElse(Path.of(System.getProperty("java.io.tmpdir"), "vcg-local-video"));
    int side = config.option("maxLongSide").map(v -> {
      try {
        int n = Integer.parseInt(v.strip());
        if (n < 64 || n > 1920) {
          throw new IllegalArgumentException("maxLongSide must be within 64..1920: " + v);
        }
        return n;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("maxLongSide must be a whole number: " + v, e);
      }
    }).orElse(640);
    boolean inline = config.option("renderInline").map(v -> {
      if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
        throw new IllegalArgumentException("renderInline must be true or false: " + v);
      }
      return Boolean.parseBoolean(v);
    }).orElse(false);
    return create(dir, side, inline ? Runnable::run : null);
  }

  /**
   * A provider with explicit settings.
   *
   * @param outputDir where clips and job state are written (created when needed)
   * @param maxLongSide the longest side of rendered clips, 64 to 1920
   * @param executor where renders run, or null for a private pool of daemon threads
   * @return the provider
   */
  public static LocalVideoProvider create(Path outputDir, int maxLongSide, Executor executor) {
    Objects.requireNonNull(outputDir, "outputDir");
    if (maxLongSide < 64 || maxLongSide > 1920) {
      throw new IllegalArgumentException("maxLongSide must be within 64..1920: " + maxLongSide);
    }
    Executor exec = executor != null ? executor : pool();
    return new LocalVideoProvider(outputDir.toAbsolutePath().normalize(), maxLongSide, exec);
  }

  private static ExecutorService pool() {
    int n = Math.max(1, Runtime.getRuntime().availableProcessors());
    java.util.concurrent.ThreadPoolExecutor p = new java.util.concurrent.ThreadPoolExecutor(n, n, 30,
        java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "vcg-local-video");
          t.setDaemon(true);
          return t;
        });
    p.allowCoreThreadTimeOut(true);
    return p;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String model() {
    return MODEL;
  }

  @Override
  public VideoCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public VideoJob doSubmit(VideoRequest request) {
    BufferedImage start = image(request.startFrame(), "start frame");
    BufferedImage end = request.endFrame().map(f -> image(f, "end frame")).orElse(null);
    AspectRatio aspect = request.aspectRatio().orElse(new AspectRatio(start.getWidth(), start.getHeight()));
    int[] size = outputSize(aspect, maxLongSide);
    int frames = request.durationSeconds() * FPS;
    CameraMove move = request.cameraMove().orElse(CameraMove.STATIC);
    String id = UUID.randomUUID().toString();
    Path video = outputDir.resolve(id + ".mp4");
    try {
      Files.createDirectories(outputDir);
      Files.writeString(outputDir.resolve(id + ".job"), "move=" + move.wireName() + "\nframes=" + frames + "\nsize="
          + size[0] + "x" + size[1] + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ProviderException(ProviderError.of(ID, "cannot write to " + outputDir + ": " + e.getMessage()
          + "; set the option outputDir to a writable directory"), false, e);
    }
    BufferedImage s = toSize(start, size[0], size[1]);
    BufferedImage e = end == null ? null : toSize(end, size[0], size[1]);
    try {
      keep(outputDir.resolve(id + START), s);
      if (e != null) {
        keep(outputDir.resolve(id + END), e);
      }
    } catch (IOException ex) {
      throw new ProviderException(ProviderError.of(ID, "cannot write to " + outputDir + ": " + ex.getMessage()
          + "; set the option outputDir to a writable directory"), false, ex);
    }
    AtomicReference<Double> progress = new AtomicReference<>(0.0);
    RUNNING.put(video, progress);
    LOG.debug("local video job {}: {} frames {}x{}, {}", id, frames, size[0], size[1], move.wireName());
    try {
      executor.execute(() -> render(id, video, s, e, size, move, frames, progress));
    } catch (RuntimeException ex) {
      RUNNING.remove(video);
      throw new ProviderException(ProviderError.of(ID, "cannot start rendering: " + ex.getMessage()), true, ex);
    }
    return new VideoJob(ID, id, MODEL, Map.of("file", video.toString(), "durationSeconds",
        String.valueOf(request.durationSeconds())));
  }

  private void render(String id, Path video, BufferedImage start, BufferedImage end, int[] size, CameraMove move,
                      int frames, AtomicReference<Double> progress) {
    Path dir = video.getParent();
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, "." + id + ".", ".part");
      Path samples = Files.createTempFile(dir, "." + id + ".", ".h264");
      try {
        MotionRenderer renderer = new MotionRenderer(start, end, size[0], size[1], move, frames);
        Yuv picture = Yuv.allocate(size[0], size[1]);
        long frameDuration = 512;
        try (FrameEncoder enc = new FrameEncoder(size[0], size[1], QP, FPS * 2, FPS * frameDuration, samples)) {
          for (int i = 0; i < frames; i++) {
            if (Files.exists(dir.resolve(id + ".cancel")) || Thread.currentThread().isInterrupted()) {
              throw new InterruptedIOException("cancelled");
            }
            renderer.render(i, picture);
            enc.encode(picture, frameDuration);
            progress.set((double) (i + 1) / frames);
          }
          SingleTrackWriter.write(enc, temp, size[0], size[1]);
        }
      } finally {
        Files.deleteIfExists(samples);
      }
      OutputFiles.publish(temp, video);
      temp = null;
      dropInputs(dir, id);
    } catch (InterruptedIOException | ClosedByInterruptException e) {
      // Cancelled, or its thread was interrupted mid-write (the executor shut down): the job reads as
      // cancelled, or is rendered again when next polled; not a request that failed.
      LOG.debug("local video job {} stopped: {}", id, e.toString());
      if (Files.exists(dir.resolve(id + ".cancel"))) {
        dropInputs(dir, id);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("local video job {} failed", id, e);
      dropInputs(dir, id);
      try {
        Files.writeString(dir.resolve(id + ".failed"), e.getMessage() != null ? e.getMessage() : e.toString(),
            StandardCharsets.UTF_8);
      } catch (IOException ignored) {
        // The job then reads as lost, which also says to submit again.
      }
    } finally {
      OutputFiles.deleteQuietly(temp);
      RUNNING.remove(video);
    }
  }

  @Override
  public JobStatus poll(VideoJob job) {
    Path video = videoOf(job);
    Path dir = video.getParent();
    String id = job.id();
    if (Files.isRegularFile(video)) {
      double seconds = Double.parseDouble(job.attributes().getOrDefault("durationSeconds", "0"));
      return JobStatus.succeeded("done", new VideoResult(MediaRef.file(video), seconds, Money.ZERO));
    }
    AtomicReference<Double> progress = RUNNING.get(video);
    if (Files.exists(dir.resolve(id + ".cancel")) && progress == null) {
      return JobStatus.cancelled("cancelled");
    }
    Path failed = dir.resolve(id + ".failed");
    if (Files.exists(failed)) {
      String why;
      try {
        why = Files.readString(failed, StandardCharsets.UTF_8);
      } catch (IOException e) {
        why = "unknown";
      }
      return JobStatus.failed("failed", "rendering failed: " + why);
    }
    if (progress != null) {
      return JobStatus.running("rendering", progress.get());
    }
    JobStatus again = renderAgain(id, video);
    if (again != null) {
      return again;
    }
    return JobStatus.failed("lost", "the render of job " + id + " is not running (the process that started it"
        + " ended); submit the request again, it is free");
  }

  /**
   * Starts a lost render again from the inputs kept at submission.
   *
   * @return its status, or null when the inputs are gone or it cannot start
   */
  private JobStatus renderAgain(String id, Path video) {
    Path dir = video.getParent();
    Path startFile = dir.resolve(id + START);
    Path jobFile = dir.resolve(id + ".job");
    if (!Files.isRegularFile(startFile) || !Files.isRegularFile(jobFile)) {
      return null;
    }
    CameraMove move;
    int frames;
    int[] size;
    BufferedImage s;
    BufferedImage e;
    try {
      Map<String, String> spec = new java.util.HashMap<>();
      for (String line : Files.readAllLines(jobFile, StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          spec.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
      }
      move = CameraMove.tryParse(spec.getOrDefault("move", "static")).orElse(CameraMove.STATIC);
      frames = Integer.parseInt(spec.getOrDefault("frames", ""));
      String[] wh = spec.getOrDefault("size", "").split("x");
      size = new int[] {Integer.parseInt(wh[0]), Integer.parseInt(wh[1])};
      s = ImageIO.read(startFile.toFile());
      Path endFile = dir.resolve(id + END);
      e = Files.isRegularFile(endFile) ? ImageIO.read(endFile.toFile()) : null;
    } catch (IOException | RuntimeException ex) {
      LOG.debug("local video job {}: cannot render it again: {}", id, ex.toString());
      return null;
    }
    if (s == null || s.getWidth() != size[0] || s.getHeight() != size[1]
        || (e != null && (e.getWidth() != size[0] || e.getHeight() != size[1]))) {
      return null;
    }
    AtomicReference<Double> progress = new AtomicReference<>(0.0);
    AtomicReference<Double> running = RUNNING.putIfAbsent(video, progress);
    if (running != null) {
      return JobStatus.running("rendering", running.get());
    }
    LOG.info("local video job {}: its render stopped before the clip was written; rendering it again", id);
    try {
      executor.execute(() -> render(id, video, s, e, size, move, frames, progress));
    } catch (RuntimeException ex) {
      RUNNING.remove(video);
      return null;
    }
    if (Files.isRegularFile(video)) {
      return poll(new VideoJob(ID, id, MODEL, Map.of("file", video.toString())));
    }
    AtomicReference<Double> now = RUNNING.get(video);
    return now != null ? JobStatus.running("rendering", now.get()) : null;
  }

  private static void dropInputs(Path dir, String id) {
    OutputFiles.deleteQuietly(dir.resolve(id + START));
    OutputFiles.deleteQuietly(dir.resolve(id + END));
  }

  private static void keep(Path file, BufferedImage image) throws IOException {
    Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".part");
    try {
      if (!ImageIO.write(image, "png", temp.toFile())) {
        throw new IOException("no PNG writer");
      }
      Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public void cancel(VideoJob job) {
    Path video = videoOf(job);
    try {
      Files.createDirectories(video.getParent());
      Files.writeString(video.getParent().resolve(job.id() + ".cancel"), "cancelled\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ProviderException(ProviderError.of(ID, "cannot record the cancellation of job " + job.id() + ": "
          + e.getMessage()), true, e);
    }
  }

  private Path videoOf(VideoJob job) {
    Objects.requireNonNull(job, "job");
    if (!ID.equals(job.providerId())) {
      throw new IllegalArgumentException("job " + job.id() + " belongs to provider " + job.providerId());
    }
    String file = job.attributes().get("file");
    if (file != null) {
      return Path.of(file);
    }
    if (!job.id().matches("[0-9a-f-]{36}")) {
      throw new IllegalArgumentException("not a local job id: " + job.id());
    }
    return outputDir.resolve(job.id() + ".mp4");
  }

  private BufferedImage image(MediaRef ref, String what) {
    if (ref instanceof MediaRef.Url u && !u.uri().getScheme().equalsIgnoreCase("data")) {
      throw new UnsupportedCapabilityException(ID, "the local video provider works offline and takes the " + what
          + " as a file or bytes, not a URL; download it first");
    }
    try {
      return images.decode(images.read(ref), 4096);
    } catch (MediaException e) {
      throw new InvalidRequestException(ProviderError.of(ID, "the " + what + " cannot be used: " + e.getMessage()), e);
    }
  }

  /** The output size: the aspect ratio with the long side at most {@code maxLongSide}, both even. */
  static int[] outputSize(AspectRatio aspect, int maxLongSide) {
    double r = aspect.value();
    int w;
    int h;
    if (r >= 1) {
      w = maxLongSide;
      h = (int) Math.round(maxLongSide / r);
    } else {
      h = maxLongSide;
      w = (int) Math.round(maxLongSide * r);
    }
    return new int[] {Math.max(16, w & ~1), Math.max(16, h & ~1)};
  }

  /** Crops an image to the output's aspect ratio around its centre, then scales it to the output size. */
  static BufferedImage toSize(BufferedImage img, int w, int h) {
    double target = (double) w / h;
    double actual = (double) img.getWidth() / img.getHeight();
    int cw = img.getWidth();
    int ch = img.getHeight();
    if (actual > target) {
      cw = Math.max(1, (int) Math.round(ch * target));
    } else if (actual < target) {
      ch = Math.max(1, (int) Math.round(cw / target));
    }
    BufferedImage cur = img.getSubimage((img.getWidth() - cw) / 2, (img.getHeight() - ch) / 2, cw, ch);
    while (cur.getWidth() / 2 >= w && cur.getHeight() / 2 >= h) {
      cur = Images.draw(cur, cur.getWidth() / 2, cur.getHeight() / 2);
    }
    return Images.draw(cur, w, h);
  }

  @Override
  public String toString() {
    return "LocalVideoProvider[" + MODEL + ", " + outputDir + ", maxLongSide=" + maxLongSide + "]";
  }

}
