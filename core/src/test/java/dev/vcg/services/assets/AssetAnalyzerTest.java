package dev.vcg.services.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import dev.vcg.media.DominantColor;
import dev.vcg.media.MediaDownloader;
import dev.vcg.media.MediaException;
import dev.vcg.media.MediaRef;
import dev.vcg.media.MediaTypes;
import dev.vcg.media.TestImages;
import dev.vcg.provider.ChatRequest;
import dev.vcg.provider.ChatResponse;
import dev.vcg.provider.ContentPart;
import dev.vcg.provider.LlmCapabilities;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.ProviderConnectionException;
import dev.vcg.provider.ProviderError;
import dev.vcg.services.web.FetchPolicy;
import dev.vcg.services.web.GuardedFetcher;
import dev.vcg.services.web.UrlRefusedException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetAnalyzerTest {
  private final AssetAnalyzer analyzer = AssetAnalyzer.create();

  private static MediaRef png(BufferedImage img) {
    return MediaRef.bytes(TestImages.encode(img, "png"), null);
  }

  @Test
  void aTwoColourImageYieldsExactlyThoseTwoColours() {
    AssetAnalysis a = analyzer.analyze(png(TestImages.split(400, 200, Color.RED, Color.BLUE, 0.5)));

    assertThat(a.dominantColors()).extracting(DominantColor::hex).containsExactlyInAnyOrder("#ff0000", "#0000ff");
    assertThat(a.dominantColors()).allSatisfy(c -> assertThat(c.share()).isCloseTo(0.5, within(0.01)));
    assertThat(a.mimeType()).isEqualTo(MediaTypes.PNG);
    assertThat(a.width()).isEqualTo(400);
    assertThat(a.height()).isEqualTo(200);
    assertThat(a.aspectRatio()).isEqualTo(2.0);
    assertThat(a.orientation()).isEqualTo(Orientation.LANDSCAPE);
    assertThat(a.brightness()).isCloseTo((0.2126 + 0.0722) / 2, within(0.005));
    assertThat(a.hasAlphaChannel()).isFalse();
    assertThat(a.usesTransparency()).isFalse();
    assertThat(a.description()).isEmpty();
    assertThat(a.warnings()).isEmpty();
  }

  @Test
  void sharesFollowTheAreaAndTheLargestComesFirst() {
    BufferedImage img = new BufferedImage(300, 500, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(0x1b3a6b));
    g.fillRect(0, 0, 300, 300);
    g.setColor(new Color(0xff5a1f));
    g.fillRect(0, 300, 300, 150);
    g.setColor(Color.WHITE);
    g.fillRect(0, 450, 300, 50);
    g.dispose();

    AssetAnalysis a = analyzer.analyze(png(img));

    assertThat(a.dominantColors()).extracting(DominantColor::hex).containsExactly("#1b3a6b", "#ff5a1f", "#ffffff");
    assertThat(a.dominantColors()).extracting(DominantColor::share)
        .satisfiesExactly(s -> assertThat(s).isCloseTo(0.6, within(0.01)), s -> assertThat(s).isCloseTo(0.3, within(0.01)),
            s -> assertThat(s).isCloseTo(0.1, within(0.01)));
    assertThat(a.orientation()).isEqualTo(Orientation.PORTRAIT);
  }

  @Test
  void aCutOutLogoUsesTransparencyAndOnlyItsOpaquePixelsCount() {
    BufferedImage img = new BufferedImage(200, 200, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(0, 160, 80));
    g.fillRect(50, 50, 100, 100);
    g.dispose();

    AssetAnalysis a = analyzer.analyze(png(img));

    assertThat(a.hasAlphaChannel()).isTrue();
    assertThat(a.usesTransparency()).isTrue();
    assertThat(a.transparentShare()).isCloseTo(0.75, within(0.01));
    assertThat(a.dominantColors()).singleElement().satisfies(c -> {
      assertThat(c.hex()).isEqualTo("#00a050");
      assertThat(c.share()).isEqualTo(1.0);
    });
    assertThat(a.orientation()).isEqualTo(Orientation.SQUARE);
  }

  @Test
  void anOpaqueImageWithAnAlphaChannelDoesNotUseTransparency() {
    BufferedImage img = new BufferedImage(50, 50, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 50, 50);
    g.dispose();
    AssetAnalysis a = analyzer.analyze(png(img));
    assertThat(a.hasAlphaChannel()).isTrue();
    assertThat(a.usesTransparency()).isFalse();
    assertThat(a.brightness()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void aLargeJpegFileIsAnalysedOnASubsampledDecode(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("photo.jpg");
    Files.write(file, TestImages.encode(TestImages.split(3000, 2000, Color.BLACK, Color.WHITE, 0.25), "jpeg"));
    AssetAnalysis a = analyzer.analyze(MediaRef.file(file));
    assertThat(a.mimeType()).isEqualTo(MediaTypes.JPEG);
    assertThat(a.width()).isEqualTo(3000);
    assertThat(a.sizeBytes()).isEqualTo(Files.size(file));
    assertThat(a.dominantColors().get(0).share()).isCloseTo(0.75, within(0.02));
    assertThat(a.brightness()).isCloseTo(0.75, within(0.02));
  }

  @Test
  void imageBombsAreRefusedWithATypedError() {
    assertThatThrownBy(() -> analyzer.analyze(MediaRef.bytes(TestImages.pngDeclaring(100_000, 100_000), "image/png")))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.reason()).isEqualTo(MediaException.Reason.TOO_LARGE));
    assertThatThrownBy(() -> analyzer.analyze(MediaRef.bytes("GIF89a".getBytes(), null)))
        .isInstanceOf(MediaException.class);
    assertThatThrownBy(() -> analyzer.analyze(MediaRef.bytes("plain text".getBytes(), null)))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.reason()).isEqualTo(MediaException.Reason.NOT_MEDIA));
  }

  @Test
  void aWebpWithoutADecoderGivesItsSizeAndAWarning() {
    if (ImageIO.getImageReadersByMIMEType(MediaTypes.WEBP).hasNext()) {
      return;
    }
    AssetAnalysis a = analyzer.analyze(MediaRef.bytes(TestImages.webpVp8l(640, 480), null));
    assertThat(a.mimeType()).isEqualTo(MediaTypes.WEBP);
    assertThat(a.width()).isEqualTo(640);
    assertThat(a.dominantColors()).isEmpty();
    assertThat(a.warnings()).singleElement().asString().contains("not analysed");
  }

  /** A vision model that records what it is sent. */
  private static final class RecordingVision implements LlmProvider {
    final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());
    final boolean vision;
    final RuntimeException failure;

    RecordingVision(boolean vision, RuntimeException failure) {
      this.vision = vision;
      this.failure = failure;
    }

    @Override
    public String id() {
      return "recording";
    }

    @Override
    public String model() {
      return "vision-test";
    }

    @Override
    public LlmCapabilities capabilities() {
      return new LlmCapabilities(vision, true, false, vision ? 4 : 0);
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
      requests.add(request);
      if (failure != null) {
        throw failure;
      }
      return new ChatResponse("  A red and blue banner.\n", "vision-test", "stop", null, null, null);
    }
  }

  @Test
  void aVisionModelDescribesADownscaledCopy() throws Exception {
    RecordingVision vision = new RecordingVision(true, null);
    AssetAnalyzer a = AssetAnalyzer.builder().visionModel(vision).build();

    AssetAnalysis result = a.analyze(png(TestImages.split(2000, 1000, Color.RED, Color.BLUE, 0.5)));

    assertThat(result.description()).contains("A red and blue banner.");
    assertThat(vision.requests).singleElement().satisfies(r -> {
      assertThat(r.messages()).singleElement().satisfies(m -> {
        assertThat(m.text()).isEqualTo(AssetAnalyzer.DEFAULT_PROMPT);
        assertThat(m.parts()).hasSize(2);
        ContentPart.Image part = (ContentPart.Image) m.parts().get(1);
        MediaRef.Bytes sent = (MediaRef.Bytes) part.image();
        assertThat(sent.mimeType()).isEqualTo(MediaTypes.JPEG);
        BufferedImage img;
        try {
          img = ImageIO.read(new ByteArrayInputStream(sent.data()));
        } catch (java.io.IOException e) {
          throw new AssertionError(e);
        }
        assertThat(Math.max(img.getWidth(), img.getHeight())).isEqualTo(768);
      });
    });
  }

  @Test
  void aFailingOrBlindModelCostsOnlyTheDescription() {
    RecordingVision failing = new RecordingVision(true,
        new ProviderConnectionException(ProviderError.of("recording", "connection reset"), null));
    AssetAnalysis a = AssetAnalyzer.builder().visionModel(failing).build()
        .analyze(png(TestImages.split(40, 20, Color.RED, Color.BLUE, 0.5)));
    assertThat(a.description()).isEmpty();
    assertThat(a.dominantColors()).hasSize(2);
    assertThat(a.warnings()).singleElement().asString().startsWith("no description").contains("connection reset");

    RecordingVision blind = new RecordingVision(false, null);
    AssetAnalysis b = AssetAnalyzer.builder().visionModel(blind).build()
        .analyze(png(TestImages.split(40, 20, Color.RED, Color.BLUE, 0.5)));
    assertThat(blind.requests).isEmpty();
    assertThat(b.warnings()).singleElement().asString().contains("does not accept images");
  }

  @Test
  void remoteImagesAreDownloadedThroughTheGuard() throws Exception {
    byte[] png = TestImages.encode(TestImages.split(64, 64, Color.RED, Color.BLUE, 0.5), "png");
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", exchange.getRequestURI().getPath().endsWith(".jpg")
          ? "image/jpeg" : "image/png");
      exchange.sendResponseHeaders(200, png.length);
      try (var body = exchange.getResponseBody()) {
        body.write(png);
      }
    });
    server.start();
    try {
      int port = server.getAddress().getPort();
      AssetAnalyzer remote = AssetAnalyzer.builder().downloader(MediaDownloader.builder().fetcher(GuardedFetcher.builder()
          .policy(FetchPolicy.builder().allowLoopbackForTesting(true).allowPort(port).build()).build()).build()).build();

      AssetAnalysis a = remote.analyze(MediaRef.url(URI.create("http://127.0.0.1:" + port + "/logo.png")));
      assertThat(a.dominantColors()).hasSize(2);
      assertThatThrownBy(() -> remote.analyze(MediaRef.url(URI.create("http://127.0.0.1:" + port + "/lie.jpg"))))
          .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.reason()).isEqualTo(MediaException.Reason.NOT_MEDIA));
      assertThatThrownBy(() -> AssetAnalyzer.create().analyze(MediaRef.url(URI.create("http://127.0.0.1:" + port + "/logo.png"))))
          .isInstanceOf(UrlRefusedException.class);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void medianCutSplitsOnlyWhereColoursDiffer() {
    int[] pixels = new int[1000];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = i < 700 ? 0x102030 : i < 900 ? 0x102031 : 0xF0E0D0;
    }
    List<DominantColor> colors = PixelStats.medianCut(pixels, pixels.length, 5);
    assertThat(colors).extracting(DominantColor::hex).containsExactly("#102030", "#f0e0d0");
    assertThat(colors.get(0).share()).isEqualTo(0.9);
    assertThat(PixelStats.medianCut(new int[0], 0, 5)).isEmpty();
  }
}
