package dev.vcg.stitch.jcodec.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.direction.CameraMove;
import dev.vcg.media.MediaRef;
import dev.vcg.media.VideoInfo;
import dev.vcg.provider.InvalidRequestException;
import dev.vcg.provider.JobState;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.ProviderRegistry;
import dev.vcg.provider.UnsupportedCapabilityException;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import dev.vcg.stitch.jcodec.Ffmpeg;
import dev.vcg.stitch.jcodec.JCodecFrameExtractor;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalVideoProviderTest {
  @TempDir
  Path dir;

  /** A picture with a white square at (x, y) on a coloured gradient. */
  static BufferedImage picture(int w, int h, int x, int y, Color tint) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    for (int row = 0; row < h; row++) {
      float f = (float) row / h;
      g.setColor(new Color((int) (tint.getRed() * (0.4 + 0.6 * f)), (int) (tint.getGreen() * (0.4 + 0.6 * f)),
          (int) (tint.getBlue() * (0.4 + 0.6 * f))));
      g.fillRect(0, row, w, 1);
    }
    g.setColor(Color.WHITE);
    g.fillRect(x, y, w / 10, w / 10);
    g.dispose();
    return img;
  }

  static MediaRef png(BufferedImage img) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return MediaRef.bytes(out.toByteArray(), "image/png");
  }

  private LocalVideoProvider inline() {
    return LocalVideoProvider.create(dir, 320, Runnable::run);
  }

  private static Path finished(VideoProvider p, VideoJob job) {
    JobStatus s = p.poll(job);
    assertThat(s.state()).as(String.valueOf(s.failure())).isEqualTo(JobState.SUCCEEDED);
    return ((MediaRef.File) s.result().video()).path();
  }

  /** Centre of the bright square: mean position of near-white pixels. */
  static double[] square(BufferedImage img) {
    double sx = 0;
    double sy = 0;
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int p = img.getRGB(x, y);
        if (((p >> 16) & 0xFF) > 225 && ((p >> 8) & 0xFF) > 225 && (p & 0xFF) > 225) {
          sx += x;
          sy += y;
          n++;
        }
      }
    }
    return new double[] {sx / n, sy / n, n};
  }

  @Test
  void rendersAClipThatStartsOnTheStartFrameAndEndsOnTheEndFrame() {
    BufferedImage start = picture(800, 450, 100, 100, new Color(40, 90, 200));
    BufferedImage end = picture(800, 450, 600, 300, new Color(200, 80, 40));
    VideoProvider p = inline();
    VideoJob job = p.submit(VideoRequest.builder().startFrame(png(start)).endFrame(png(end))
        .prompt("the camera pushes in").cameraMove(CameraMove.PUSH_IN).durationSeconds(2).build());
    Path clip = finished(p, job);
    VideoInfo info = dev.vcg.stitch.jcodec.internal.clip.Clip.open(clip).info;
    assertThat(info.size().width()).isEqualTo(320);
    assertThat(info.size().height()).isEqualTo(180);
    assertThat(info.frameRate()).isEqualTo(24.0);
    assertThat(info.frameCount()).isEqualTo(48);
    assertThat(info.duration()).isEqualTo(Duration.ofSeconds(2));
    JCodecFrameExtractor frames = new JCodecFrameExtractor();
    BufferedImage first = frames.firstFrame(clip);
    BufferedImage last = frames.lastFrame(clip);
    assertThat(psnr(first, LocalVideoProvider.toSize(start, 320, 180))).isGreaterThan(32);
    assertThat(psnr(last, LocalVideoProvider.toSize(end, 320, 180))).isGreaterThan(32);
    BufferedImage middle = frames.frameAt(clip, Duration.ofMillis(1000));
    assertThat(psnr(middle, first)).isLessThan(30);
    assertThat(p.poll(job).result().video()).isInstanceOf(MediaRef.File.class);
    assertThat(p.poll(job).result().actualCost()).hasValueSatisfying(m -> assertThat(m.isZero()).isTrue());
    if (Ffmpeg.isAvailable()) {
      assertThat(Ffmpeg.decodeErrors(clip)).isEmpty();
    }
  }

  @Test
  void cameraMovesGoTheRightWay() {
    BufferedImage start = picture(640, 360, 290, 150, new Color(60, 120, 60));
    double[] at0 = square(LocalVideoProvider.toSize(start, 320, 180));
    JCodecFrameExtractor frames = new JCodecFrameExtractor();
    Map<CameraMove, double[]> expected = Map.of(
        CameraMove.PAN_LEFT, new double[] {1, 0}, CameraMove.PAN_RIGHT, new double[] {-1, 0},
        CameraMove.TILT_UP, new double[] {0, 1}, CameraMove.TILT_DOWN, new double[] {0, -1},
        CameraMove.DOLLY_LEFT, new double[] {1, 0}, CameraMove.CRANE_DOWN, new double[] {0, -1});
    VideoProvider p = inline();
    for (Map.Entry<CameraMove, double[]> e : expected.entrySet()) {
      Path clip = finished(p, p.submit(VideoRequest.builder().startFrame(png(start)).prompt("move")
          .cameraMove(e.getKey()).durationSeconds(1).build()));
      double[] end = square(frames.lastFrame(clip));
      double dx = end[0] - at0[0];
      double dy = end[1] - at0[1];
      assertThat(Math.signum((double) Math.round(dx / 3.0))).as("%s horizontal", e.getKey())
          .isEqualTo(e.getValue()[0]);
      assertThat(Math.signum((double) Math.round(dy / 3.0))).as("%s vertical", e.getKey())
          .isEqualTo(e.getValue()[1]);
    }
    // Push in enlarges the square, pull out shrinks it.
    double[] in = square(frames.lastFrame(finished(p, p.submit(VideoRequest.builder().startFrame(png(start))
        .prompt("in").cameraMove(CameraMove.PUSH_IN).durationSeconds(1).build()))));
    double[] out = square(frames.lastFrame(finished(p, p.submit(VideoRequest.builder().startFrame(png(start))
        .prompt("out").cameraMove(CameraMove.PULL_OUT).durationSeconds(1).build()))));
    assertThat(in[2]).isGreaterThan(at0[2] * 1.3);
    assertThat(out[2]).isLessThan(at0[2] * 0.8);
  }

  @Test
  void portraitFramesGivePortraitClips() {
    VideoProvider p = inline();
    Path clip = finished(p, p.submit(VideoRequest.builder().startFrame(png(picture(360, 640, 10, 10, Color.GRAY)))
        .prompt("still").durationSeconds(1).build()));
    VideoInfo info = dev.vcg.stitch.jcodec.internal.clip.Clip.open(clip).info;
    assertThat(info.size().width()).isEqualTo(180);
    assertThat(info.size().height()).isEqualTo(320);
  }

  @Test
  void asyncJobsAreRunningThenDoneAndCanBeFollowedByAnotherInstance() {
    Queue<Runnable> queue = new ArrayDeque<>();
    LocalVideoProvider p = LocalVideoProvider.create(dir, 160, queue::add);
    VideoJob job = p.submit(VideoRequest.builder().startFrame(png(picture(320, 180, 10, 10, Color.BLUE)))
        .prompt("still").durationSeconds(1).build());
    assertThat(p.poll(job).state()).isEqualTo(JobState.RUNNING);
    queue.remove().run();
    LocalVideoProvider other = LocalVideoProvider.create(dir.resolve("elsewhere"), 640, Runnable::run);
    assertThat(other.poll(job).state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void cancellationStopsAQueuedRender() {
    Queue<Runnable> queue = new ArrayDeque<>();
    LocalVideoProvider p = LocalVideoProvider.create(dir, 160, queue::add);
    VideoJob job = p.submit(VideoRequest.builder().startFrame(png(picture(320, 180, 10, 10, Color.BLUE)))
        .prompt("still").durationSeconds(2).build());
    p.cancel(job);
    queue.remove().run();
    assertThat(p.poll(job).state()).isEqualTo(JobState.CANCELLED);
    assertThat(Path.of(job.attributes().get("file"))).doesNotExist();
  }

  @Test
  void aJobWhoseRenderWasLostSaysSo() throws IOException {
    VideoJob lost = new VideoJob("local", "3f1c1e4e-0000-4000-8000-000000000000", LocalVideoProvider.MODEL,
        Map.of("file", dir.resolve("3f1c1e4e-0000-4000-8000-000000000000.mp4").toString()));
    java.nio.file.Files.writeString(dir.resolve(lost.id() + ".job"), "frames=24\n");
    JobStatus s = inline().poll(lost);
    assertThat(s.state()).isEqualTo(JobState.FAILED);
    assertThat(s.failure()).contains("submit the request again");
  }

  @Test
  void aRenderInterruptedByItsExecutorShuttingDownIsRenderedAgainWhenPolled() throws Exception {
    AtomicReference<Thread> worker = new AtomicReference<>();
    LocalVideoProvider p = LocalVideoProvider.create(dir, 640, r -> {
      Thread t = new Thread(r, "render");
      worker.set(t);
      t.start();
    });
    VideoRequest request = VideoRequest.builder().startFrame(png(picture(640, 360, 10, 10, Color.BLUE)))
        .endFrame(png(picture(640, 360, 200, 100, Color.ORANGE))).prompt("still").cameraMove(CameraMove.PUSH_IN)
        .durationSeconds(10).build();
    VideoJob job = p.submit(request);
    // once frames are being rendered and written, stop the thread as ExecutorService.shutdownNow does
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (p.poll(job).progress() <= 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(p.poll(job).state()).as("the render is under way").isEqualTo(JobState.RUNNING);
    Thread first = worker.get();
    first.interrupt();
    first.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(dir.resolve(job.id() + ".failed")).as("not a request that failed").doesNotExist();
    assertThat(Path.of(job.attributes().get("file"))).doesNotExist();

    // Another instance (as after a restart) finds the render stopped and renders it again.
    VideoProvider other = inline();
    JobStatus s = other.poll(job);
    assertThat(s.state()).as("%s", s).isEqualTo(JobState.SUCCEEDED);
    LocalVideoProvider same = LocalVideoProvider.create(dir, 640, Runnable::run);
    VideoJob reference = same.submit(request);
    assertThat(same.poll(reference).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(Files.mismatch(Path.of(job.attributes().get("file")), Path.of(reference.attributes().get("file"))))
        .as("the clip rendered again is the clip an uninterrupted render makes").isEqualTo(-1L);
    try (var left = Files.list(dir)) {
      assertThat(left.map(f -> f.getFileName().toString())).as("inputs kept only until the clip is written")
          .noneMatch(n -> n.endsWith(".png") || n.endsWith(".part"));
    }
  }

  @Test
  void aStoppedRenderWhoseInputsAreGoneReadsAsLost() throws Exception {
    // The render's thread is interrupted as it starts (its executor shutting down), then its kept
    // inputs disappear: nothing can render it again.
    LocalVideoProvider p = LocalVideoProvider.create(dir, 640, r -> {
      Thread.currentThread().interrupt();
      try {
        r.run();
      } finally {
        Thread.interrupted();
      }
    });
    VideoJob job = p.submit(VideoRequest.builder().startFrame(png(picture(320, 180, 10, 10, Color.BLUE)))
        .prompt("still").durationSeconds(1).build());
    assertThat(Path.of(job.attributes().get("file"))).doesNotExist();
    try (var pngs = Files.list(dir)) {
      for (Path f : pngs.filter(f -> f.toString().endsWith(".png")).toList()) {
        Files.delete(f);
      }
    }
    JobStatus s = LocalVideoProvider.create(dir, 640, Runnable::run).poll(job);
    assertThat(s.state()).as("%s", s).isEqualTo(JobState.FAILED);
    assertThat(s.rawStatus()).isEqualTo("lost");
    assertThat(s.failure()).contains("submit the request again");
  }

  @Test
  void refusesInputsItCannotUse() {
    VideoProvider p = inline();
    assertThatThrownBy(() -> p.submit(VideoRequest.builder().startFrame(MediaRef.url(URI.create("https://example.com/f.png")))
        .prompt("x").durationSeconds(1).build())).isInstanceOf(UnsupportedCapabilityException.class)
        .hasMessageContaining("download it first");
    assertThatThrownBy(() -> p.submit(VideoRequest.builder().startFrame(MediaRef.bytes("text".getBytes(), "text/plain"))
        .prompt("x").durationSeconds(1).build())).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("start frame");
    assertThatThrownBy(() -> p.submit(VideoRequest.builder().startFrame(png(picture(320, 180, 0, 0, Color.RED)))
        .prompt("x").durationSeconds(11).build())).isInstanceOf(UnsupportedCapabilityException.class);
  }

  @Test
  void isTheBuiltInVideoProviderWhenNothingElseIsConfigured() {
    ProviderRegistry registry = ProviderRegistry.discover().withEnvironment(v -> null, v -> null)
        .withConfig(ProviderConfig.builder("local").option("outputDir", dir.toString()).build());
    var factory = registry.factory(ProviderKind.VIDEO, "local");
    assertThat(factory).isInstanceOf(LocalVideoProviderFactory.class);
    assertThat(factory.builtIn()).isTrue();
    assertThat(factory.apiKeyVariable()).isEmpty();
    assertThat(factory.models()).singleElement().satisfies(m -> {
      assertThat(m.price()).isEqualTo(dev.vcg.cost.Price.FREE);
      assertThat(m.videoCapabilities().orElseThrow().supportsEndFrame()).isTrue();
    });
    assertThat(factory.createVideo(registry.config("local")).id()).isEqualTo("local");
  }

  static double psnr(BufferedImage a, BufferedImage b) {
    double se = 0;
    long n = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int s = 0; s < 24; s += 8) {
          int d = ((p >> s) & 0xFF) - ((q >> s) & 0xFF);
          se += d * d;
          n++;
        }
      }
    }
    return se == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / (se / n));
  }
}
