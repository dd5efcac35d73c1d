package dev.vcg.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageInspectorTest {
  private final ImageInspector inspector = ImageInspector.create();

  private static MediaException.Reason reason(Throwable t) {
    return ((MediaException) t).reason();
  }

  @Test
  void aOneKilobytePngDeclaring100000By100000IsRefusedFromItsHeader() {
    byte[] bomb = TestImages.pngDeclaring(100_000, 100_000);
    assertThat(bomb.length).isLessThan(1024);
    assertThatThrownBy(() -> inspector.inspect(bomb)).isInstanceOf(MediaException.class)
        .hasMessageContaining("100000x100000").hasMessageContaining("16384")
        .satisfies(e -> assertThat(reason(e)).isEqualTo(MediaException.Reason.TOO_LARGE));
    assertThatThrownBy(() -> inspector.decode(bomb, 256)).isInstanceOf(MediaException.class)
        .satisfies(e -> assertThat(reason(e)).isEqualTo(MediaException.Reason.TOO_LARGE));
  }

  @Test
  void bombsInEveryFormatAreRefusedBeforeDecoding() {
    for (byte[] bomb : new byte[][] {TestImages.jpegDeclaring(30_000, 30_000), TestImages.gifDeclaring(60_000, 60_000),
        TestImages.webpVp8x(100_000, 100_000), TestImages.pngDeclaring(20_000, 100),
        TestImages.pngDeclaring(8_000, 5_001)}) {
      assertThatThrownBy(() -> inspector.decode(bomb, 256)).isInstanceOf(MediaException.class)
          .satisfies(e -> assertThat(reason(e)).isEqualTo(MediaException.Reason.TOO_LARGE));
    }
  }

  @Test
  void headersUpToTheLimitsAreAccepted() {
    assertThat(inspector.inspect(TestImages.pngDeclaring(8_000, 5_000))).isEqualTo(new ImageInfo(MediaTypes.PNG, 8_000, 5_000));
    assertThat(inspector.inspect(TestImages.pngDeclaring(16_384, 100)).width()).isEqualTo(16_384);
    assertThat(inspector.inspect(TestImages.jpegDeclaring(640, 480))).isEqualTo(new ImageInfo(MediaTypes.JPEG, 640, 480));
    assertThat(inspector.inspect(TestImages.gifDeclaring(300, 200))).isEqualTo(new ImageInfo(MediaTypes.GIF, 300, 200));
  }

  @Test
  void webpSizesAreReadFromEachChunkKind() {
    assertThat(inspector.inspect(TestImages.webpVp8(640, 360))).isEqualTo(new ImageInfo(MediaTypes.WEBP, 640, 360));
    assertThat(inspector.inspect(TestImages.webpVp8l(1024, 1))).isEqualTo(new ImageInfo(MediaTypes.WEBP, 1024, 1));
    assertThat(inspector.inspect(TestImages.webpVp8x(4000, 3000))).isEqualTo(new ImageInfo(MediaTypes.WEBP, 4000, 3000));
  }

  @Test
  void webpWithoutAnInstalledDecoderIsUnsupportedNotCorrupt() {
    if (ImageIO.getImageReadersByMIMEType(MediaTypes.WEBP).hasNext()) {
      return; // a WebP plugin is on the class path: decoding is possible
    }
    assertThatThrownBy(() -> inspector.decode(TestImages.webpVp8(64, 64), 64))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(MediaException.Reason.UNSUPPORTED))
        .hasMessageContaining("imageio-webp");
  }

  @Test
  void otherContentIsNotAnImage() {
    byte[] mp4 = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 0, 0};
    for (byte[] data : new byte[][] {"<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8),
        mp4, new byte[0], "BM\0\0".getBytes(StandardCharsets.ISO_8859_1)}) {
      assertThatThrownBy(() -> inspector.inspect(data))
          .satisfies(e -> assertThat(reason(e)).isEqualTo(MediaException.Reason.NOT_MEDIA));
    }
  }

  @Test
  void largeImagesAreDecodedSubsampled() {
    byte[] png = TestImages.encode(TestImages.split(3000, 2000, Color.RED, Color.BLUE, 0.5), "png");
    BufferedImage img = inspector.decode(png, 1000);
    assertThat(img.getWidth()).isEqualTo(1000);
    assertThat(img.getHeight()).isEqualTo(667);
    assertThat(img.getRGB(10, 10) & 0xFFFFFF).isEqualTo(0xFF0000);
    assertThat(img.getRGB(990, 600) & 0xFFFFFF).isEqualTo(0x0000FF);
    BufferedImage small = inspector.decode(png, 5000);
    assertThat(small.getWidth()).isEqualTo(3000);
  }

  @Test
  void brokenPixelDataIsADecodeFailure() {
    byte[] png = TestImages.encode(TestImages.split(64, 64, Color.RED, Color.BLUE, 0.5), "png");
    byte[] broken = java.util.Arrays.copyOf(png, 60);
    assertThat(inspector.inspect(broken).width()).isEqualTo(64);
    assertThatThrownBy(() -> inspector.decode(broken, 64))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(MediaException.Reason.DECODE_FAILED));
  }

  @Test
  void limitsAreConfigurable() {
    ImageInspector small = ImageInspector.builder().maxSide(100).maxPixels(5_000).maxBytes(2_000).build();
    assertThatThrownBy(() -> small.inspect(TestImages.pngDeclaring(101, 10))).hasMessageContaining("at most 100 per side");
    assertThatThrownBy(() -> small.inspect(TestImages.pngDeclaring(100, 51))).hasMessageContaining("at most 5000");
    assertThatThrownBy(() -> small.inspect(new byte[2_001]))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(MediaException.Reason.TOO_LARGE));
    assertThatThrownBy(() -> ImageInspector.builder().maxSide(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void localReferencesAreReadWithinTheByteLimit(@TempDir Path dir) throws Exception {
    ImageInspector small = ImageInspector.builder().maxBytes(1_000).build();
    Path big = dir.resolve("big.png");
    Files.write(big, new byte[1_001]);
    assertThatThrownBy(() -> small.read(MediaRef.file(big)))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(MediaException.Reason.TOO_LARGE));
    assertThatThrownBy(() -> small.read(MediaRef.file(dir.resolve("missing.png"))))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(MediaException.Reason.NOT_FOUND));
    assertThatThrownBy(() -> small.read(MediaRef.bytes(new byte[1_001], null)))
        .satisfies(e -> assertThat(reason(e)).isEqualTo(MediaException.Reason.TOO_LARGE));
    assertThat(small.read(MediaRef.url(java.net.URI.create("data:image/png;base64,iVBORw0KGgo=")))).hasSize(8);
    assertThatThrownBy(() -> small.read(MediaRef.url(java.net.URI.create("https://example.com/a.png"))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
