package dev.vcg.stitch.jcodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.media.FramePosition;
import dev.vcg.media.ImageFormat;
import dev.vcg.media.MediaException;
import dev.vcg.media.MediaRef;
import dev.vcg.media.MediaServices;
import dev.vcg.media.MediaTypes;
import dev.vcg.media.Thumbnail;
import dev.vcg.media.ThumbnailRequest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameExtractorTest {
  @TempDir
  Path dir;

  private final JCodecFrameExtractor frames = new JCodecFrameExtractor();

  /** The frame ffmpeg decodes at display index {@code n}, as RGB. */
  private BufferedImage ffmpegFrame(Path video, int n) throws IOException {
    Path png = dir.resolve("ff" + n + ".png");
    Ffmpeg.Result r = Ffmpeg.run(List.of("ffmpeg", "-v", "error", "-nostdin", "-y", "-i", video.toString(), "-vf",
        "select=eq(n\\," + n + ")", "-frames:v", "1", png.toString()));
    assertThat(r.exit()).as(r.output()).isZero();
    return ImageIO.read(png.toFile());
  }

  static double psnr(BufferedImage a, BufferedImage b) {
    assertThat(a.getWidth()).isEqualTo(b.getWidth());
    assertThat(a.getHeight()).isEqualTo(b.getHeight());
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

  private void assertIsFrame(Path video, BufferedImage ours, int n) throws IOException {
    double right = psnr(ours, ffmpegFrame(video, n));
    assertThat(right).as("PSNR against frame %d", n).isGreaterThan(35);
    if (n > 0) {
      assertThat(psnr(ours, ffmpegFrame(video, n - 1))).isLessThan(right - 3);
    }
  }

  @Test
  void firstLastAndTimedFramesAreTheOnesPlayersShow() throws IOException {
    Path clip = Ffmpeg.testClip("320x180", 24, 2);
    assertIsFrame(clip, frames.firstFrame(clip), 0);
    assertIsFrame(clip, frames.lastFrame(clip), 47);
    // 1.23 s at 24 fps is on screen during frame 29 (1.2083 s to 1.25 s).
    assertIsFrame(clip, frames.frameAt(clip, Duration.ofMillis(1230)), 29);
    assertIsFrame(clip, frames.frame(clip, FramePosition.atSeconds(1.25)), 30);
  }

  @Test
  void timePastTheEndIsAnInvalidRequest() {
    Path clip = Ffmpeg.testClip("320x180", 24, 2);
    assertThatThrownBy(() -> frames.frameAt(clip, Duration.ofMillis(2000)))
        .isInstanceOf(MediaException.class).hasMessageContaining("lasts 2.0 s")
        .satisfies(e -> assertThat(((MediaException) e).reason()).isEqualTo(MediaException.Reason.INVALID_REQUEST));
  }

  @Test
  void imageBytesForProviders() throws IOException {
    Path clip = Ffmpeg.testClip("320x180", 24, 2);
    MediaRef ref = frames.image(clip, FramePosition.last(), ImageFormat.PNG);
    assertThat(ref.contentType()).contains(MediaTypes.PNG);
    byte[] data = ((MediaRef.Bytes) ref).data();
    assertThat(MediaTypes.sniff(data)).contains(MediaTypes.PNG);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(data));
    assertThat(psnr(img, frames.lastFrame(clip))).isEqualTo(99);
  }

  @Test
  void writesScaledJpegPosterAtomically() throws IOException {
    Path clip = Ffmpeg.testClip("640x360", 24, 1);
    Path out = dir.resolve("poster.jpg");
    Thumbnail t = frames.thumbnail(ThumbnailRequest.builder().video(clip).output(out)
        .position(FramePosition.atSeconds(0.5)).maxWidth(160).build());
    assertThat(t.format()).isEqualTo(ImageFormat.JPEG);
    assertThat(t.width()).isEqualTo(160);
    assertThat(t.height()).isEqualTo(90);
    assertThat(t.time()).isEqualTo(Duration.ofMillis(500));
    assertThat(MediaTypes.sniff(Files.readAllBytes(out))).contains(MediaTypes.JPEG);
    BufferedImage img = ImageIO.read(out.toFile());
    assertThat(img.getWidth()).isEqualTo(160);
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("poster.jpg");
    }
  }

  @Test
  void badVideoLeavesNoThumbnail() throws IOException {
    Path bad = dir.resolve("bad.mp4");
    Files.writeString(bad, "nope");
    Path out = dir.resolve("t.png");
    assertThatThrownBy(() -> frames.thumbnail(ThumbnailRequest.builder().video(bad).output(out).build()))
        .isInstanceOf(MediaException.class).hasMessageContaining(bad.toString());
    assertThat(out).doesNotExist();
  }

  @Test
  void isDiscovered() {
    assertThat(MediaServices.frameExtractor()).isInstanceOf(JCodecFrameExtractor.class);
  }
}
