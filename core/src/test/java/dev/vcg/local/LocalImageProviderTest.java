package dev.vcg.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.InvalidInputException;
import dev.vcg.cost.Money;
import dev.vcg.cost.Price;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageResult;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderFactory;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.ProviderRegistry;
import dev.vcg.provider.UnsupportedCapabilityException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalImageProviderTest {
  static final ImageProvider PROVIDER = LocalImageProvider.create();
  static final ImageSize SMALL = new ImageSize(320, 180);

  static ImageResult generate(String prompt, long seed, ImageSize size) {
    return PROVIDER.generate(ImageRequest.builder().prompt(prompt).seed(seed).size(size).build());
  }

  static byte[] png(ImageResult r) {
    return ((MediaRef.Bytes) r.first().image()).data();
  }

  static BufferedImage decode(byte[] png) {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(img).as("a readable PNG").isNotNull();
      return img;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static BufferedImage image(String prompt, long seed) {
    return decode(png(generate(prompt, seed, SMALL)));
  }

  /** Mean absolute difference per channel, 0 (identical) to 255. */
  static double distance(BufferedImage a, BufferedImage b) {
    assertThat(a.getWidth()).isEqualTo(b.getWidth());
    assertThat(a.getHeight()).isEqualTo(b.getHeight());
    long sum = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        sum += Math.abs((p >> 16 & 0xFF) - (q >> 16 & 0xFF)) + Math.abs((p >> 8 & 0xFF) - (q >> 8 & 0xFF))
            + Math.abs((p & 0xFF) - (q & 0xFF));
      }
    }
    return sum / (3.0 * a.getWidth() * a.getHeight());
  }

  static byte[] toPng(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  @Test
  void returnsAValidPngOfTheRequestedSizeForFree() {
    ImageResult r = generate("a lighthouse at dawn, waves crashing", 42L, new ImageSize(640, 360));
    byte[] png = png(r);
    assertThat(png).startsWith(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
    assertThat(r.first().image().contentType()).contains("image/png");
    assertThat(r.first().width()).isEqualTo(640);
    assertThat(r.first().height()).isEqualTo(360);
    BufferedImage img = decode(png);
    assertThat(img.getWidth()).isEqualTo(640);
    assertThat(img.getHeight()).isEqualTo(360);
    assertThat(r.model()).isEqualTo("procedural-v1");
    assertThat(r.seed()).isEqualTo(42L);
    assertThat(r.cost()).isEqualTo(Money.ZERO);
    assertThat(r.requestId()).startsWith("local-");
  }

  @Test
  void theSamePromptAndSeedGiveTheSameBytes() {
    String prompt = "molten gold poured in a blacksmith's forge, sparks flying";
    assertThat(png(generate(prompt, 7L, SMALL))).isEqualTo(png(generate(prompt, 7L, SMALL)));
    assertThat(png(PROVIDER.generate(ImageRequest.builder().prompt(prompt).size(SMALL).build())))
        .isEqualTo(png(PROVIDER.generate(ImageRequest.builder().prompt(prompt).size(SMALL).build())));
    double seeds = distance(image(prompt, 7L), image(prompt, 8L));
    assertThat(seeds).isGreaterThan(1.0);
  }

  @Test
  void differentPromptsGiveVisiblyDifferentImages() {
    List<String> prompts = List.of("a sunset over the ocean, golden light on the waves",
        "a dark pine forest in the morning",
        "molten gold in a blacksmith's forge, fire and sparks",
        "a neon city skyline at night",
        "snowy mountains under a pale winter sky",
        "desert dunes at noon",
        "a galaxy with a ringed planet in deep space",
        "a red bicycle leaning on a wall",
        "a portrait of a smiling violinist");
    List<BufferedImage> images = prompts.stream().map(p -> image(p, 1L)).toList();
    double smallest = Double.MAX_VALUE;
    for (int i = 0; i < images.size(); i++) {
      for (int j = i + 1; j < images.size(); j++) {
        double d = distance(images.get(i), images.get(j));
        assertThat(d).as(prompts.get(i) + " vs " + prompts.get(j)).isGreaterThan(12.0);
        smallest = Math.min(smallest, d);
      }
    }
    assertThat(smallest).isGreaterThan(12.0);
  }

  @Test
  void framingWordsChangeTheComposition() {
    double d = distance(image("close-up of a forest of pine trees", 3L), image("aerial view of a forest of pine trees", 3L));
    assertThat(d).isGreaterThan(5.0);
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "3, 2", "17, 9", "360, 640", "4096, 16", "16, 4096", "1920, 1080"})
  void anySizeUpTo4096IsHonoured(int width, int height) {
    ImageResult r = generate("a sunset over the ocean", 1L, new ImageSize(width, height));
    BufferedImage img = decode(png(r));
    assertThat(img.getWidth()).isEqualTo(width);
    assertThat(img.getHeight()).isEqualTo(height);
  }

  @Test
  void largerSizesAreRefusedBeforePainting() {
    assertThatThrownBy(() -> generate("x", 1L, new ImageSize(4097, 100)))
        .isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("4096x4096");
  }

  @Test
  void aReferenceImageKeepsContinuity() throws IOException {
    BufferedImage ref = new BufferedImage(160, 90, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = ref.createGraphics();
    g.setColor(new Color(20, 160, 60));
    g.fillRect(0, 0, 160, 90);
    g.setColor(new Color(240, 230, 40));
    g.fillOval(40, 20, 80, 50);
    g.dispose();
    byte[] refPng = toPng(ref);
    BufferedImage refScaled = new BufferedImage(SMALL.width(), SMALL.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D sg = refScaled.createGraphics();
    sg.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    sg.drawImage(ref, 0, 0, SMALL.width(), SMALL.height(), null);
    sg.dispose();

    String prompt = "a neon city skyline at night";
    BufferedImage alone = image(prompt, 5L);
    BufferedImage withRef = decode(png(PROVIDER.generate(ImageRequest.builder().prompt(prompt).seed(5L).size(SMALL)
        .addReferenceImage(MediaRef.bytes(refPng, "image/png")).build())));
    double before = distance(alone, refScaled);
    double after = distance(withRef, refScaled);
    assertThat(after).isLessThan(before * 0.5);

    BufferedImage full = decode(png(PROVIDER.generate(ImageRequest.builder().prompt(prompt).seed(5L).size(SMALL)
        .addReferenceImage(MediaRef.bytes(refPng, "image/png")).extraParameter("referenceStrength", 1.0).build())));
    assertThat(distance(full, refScaled)).isLessThan(1.0);
    BufferedImage none = decode(png(PROVIDER.generate(ImageRequest.builder().prompt(prompt).seed(5L).size(SMALL)
        .addReferenceImage(MediaRef.bytes(refPng, "image/png")).extraParameter("referenceStrength", 0).build())));
    assertThat(distance(none, alone)).isZero();
  }

  @Test
  void referencesAreReadFromFilesToo(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("ref.png");
    Files.write(file, png(generate("snowy mountains", 1L, new ImageSize(64, 64))));
    ImageResult r = PROVIDER.generate(ImageRequest.builder().prompt("a desert").size(SMALL)
        .addReferenceImage(MediaRef.file(file)).build());
    assertThat(decode(png(r)).getWidth()).isEqualTo(320);
  }

  @Test
  void unusableReferencesAreTypedErrors() {
    ImageRequest remote = ImageRequest.builder().prompt("a desert").size(SMALL)
        .addReferenceImage(MediaRef.url(URI.create("https://example.com/a.png"))).build();
    assertThatThrownBy(() -> PROVIDER.generate(remote)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("downloaded");
    ImageRequest garbage = ImageRequest.builder().prompt("a desert").size(SMALL)
        .addReferenceImage(MediaRef.bytes(new byte[] {1, 2, 3, 4, 5}, "image/png")).build();
    assertThatThrownBy(() -> PROVIDER.generate(garbage)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("reference image 1");
    ImageRequest.Builder many = ImageRequest.builder().prompt("a desert").size(SMALL);
    for (int i = 0; i < 5; i++) {
      many.addReferenceImage(MediaRef.bytes(new byte[] {1}, "image/png"));
    }
    assertThatThrownBy(() -> PROVIDER.generate(many.build())).isInstanceOf(UnsupportedCapabilityException.class);
    assertThatThrownBy(() -> PROVIDER.generate(ImageRequest.builder().prompt("x").size(SMALL)
        .extraParameter("referenceStrength", 3).build())).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void keyWordsAreDrawnSmallInTheCornerUnlessTurnedOff() {
    String prompt = "lighthouse waves dawn";
    BufferedImage with = image(prompt, 2L);
    BufferedImage without = decode(png(PROVIDER.generate(ImageRequest.builder().prompt(prompt).seed(2L).size(SMALL)
        .extraParameter("drawKeywords", false).build())));
    BufferedImage negative = decode(png(PROVIDER.generate(ImageRequest.builder().prompt(prompt).seed(2L).size(SMALL)
        .negativePrompt("text, watermark").build())));
    assertThat(distance(without, negative)).isZero();
    // the label sits in the bottom-left corner; the rest of the frame is the same
    assertThat(distance(with.getSubimage(0, 150, 160, 30), without.getSubimage(0, 150, 160, 30))).isGreaterThan(5.0);
    assertThat(distance(with.getSubimage(0, 0, 320, 140), without.getSubimage(0, 0, 320, 140))).isZero();
    ImageProvider quiet = LocalImageProvider.create(ProviderConfig.builder("local").option("drawKeywords", "false").build());
    assertThat(distance(decode(png(quiet.generate(ImageRequest.builder().prompt(prompt).seed(2L).size(SMALL).build()))),
        without)).isZero();
  }

  @Test
  void theNegativePromptRemovesThemes() {
    double d = distance(image("a forge with fire and molten metal", 4L),
        decode(png(PROVIDER.generate(ImageRequest.builder().prompt("a forge with fire and molten metal").seed(4L)
            .size(SMALL).negativePrompt("fire").build()))));
    assertThat(d).isGreaterThan(10.0);
  }

  @Test
  void concurrentCallsAreIndependent() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<byte[]>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        long seed = i % 2;
        futures.add(pool.submit(() -> png(generate("a sunset over the ocean", seed, SMALL))));
      }
      byte[] even = png(generate("a sunset over the ocean", 0L, SMALL));
      byte[] odd = png(generate("a sunset over the ocean", 1L, SMALL));
      for (int i = 0; i < futures.size(); i++) {
        assertThat(futures.get(i).get()).isEqualTo(i % 2 == 0 ? even : odd);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theFactoryIsDiscoveredAsTheBuiltInFreeImageProvider() {
    ProviderRegistry registry = ProviderRegistry.discover()
        .withEnvironment(name -> null, name -> null);
    ProviderFactory f = registry.factory(ProviderKind.IMAGE, "local");
    assertThat(f).isInstanceOf(LocalImageProviderFactory.class);
    assertThat(f.kinds()).containsExactly(ProviderKind.IMAGE);
    assertThat(f.builtIn()).isTrue();
    assertThat(f.apiKeyVariable()).isEmpty();
    assertThat(f.isConfigured(ProviderConfig.of("local"))).isTrue();
    assertThat(f.defaultModel(ProviderKind.IMAGE)).isEqualTo("procedural-v1");
    assertThat(f.priceBook().priceOf("local", "procedural-v1")).isEqualTo(Price.FREE);
    assertThat(f.model(ProviderKind.IMAGE, "procedural-v1").orElseThrow().imageCapabilities().orElseThrow().maxWidth())
        .isEqualTo(4096);
    assertThat(registry.select(ProviderKind.IMAGE, null).id()).isEqualTo("local");
    ImageProvider p = registry.image(null);
    assertThat(p.id()).isEqualTo("local");
    assertThat(p.generate(ImageRequest.builder().prompt("a desert").size(new ImageSize(32, 32)).build()).images())
        .hasSize(1);
    assertThatThrownBy(() -> f.createVideo(ProviderConfig.of("local"))).isInstanceOf(UnsupportedCapabilityException.class);
  }
}
