package dev.vcg.local;

import dev.vcg.InvalidInputException;
import dev.vcg.VcgException;
import dev.vcg.cost.Money;
import dev.vcg.media.MediaRef;
import dev.vcg.media.MediaTypes;
import dev.vcg.provider.GeneratedImage;
import dev.vcg.provider.ImageCapabilities;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageResult;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An image provider that needs no network, no key and no money: it paints frames with Java2D
 * (the {@code local} provider). Palette, scene elements and composition come from the prompt's
 * words ("sunset", "ocean", "forest", "fire", "night", "city", "close-up", "aerial", …) and the
 * seed, so different prompts give visibly different frames and the same prompt and seed give the
 * same PNG bytes. A reference image keeps continuity: the frame is blended toward it
 * ({@code referenceStrength}, 0.55 by default). The prompt's first key words are drawn small in a
 * corner (turn off with {@code drawKeywords=false}, or put "text" in the negative prompt).
 *
 * <p>Any size up to 4096×4096; returns PNG bytes ({@link MediaRef.Bytes}). Reference images must
 * be local (file, bytes or {@code data:} URI) PNG, JPEG, GIF or BMP. Options, from
 * {@link ProviderConfig#options()} or per request in {@link ImageRequest#extraParameters()}:
 * {@code drawKeywords} ({@code true}/{@code false}) and {@code referenceStrength} (0 to 1).
 *
 * <p>Stateless and thread-safe.
 */
public final class LocalImageProvider implements ImageProvider {
  private static final Logger LOG = LoggerFactory.getLogger(LocalImageProvider.class);

  /** The provider id. */
  public static final String ID = "local";
  /** The one model. */
  public static final String MODEL = "procedural-v1";
  /** The longest side painted, in pixels. */
  public static final int MAX_SIDE = 4096;
  /** The largest reference image read, in bytes. */
  public static final long MAX_REFERENCE_BYTES = 32L * 1024 * 1024;
  /** The most pixels a reference image may have. */
  public static final long MAX_REFERENCE_PIXELS = 50_000_000L;
  /** The reference images one request may take. */
  public static final int MAX_REFERENCES = 4;

  static final ImageCapabilities CAPABILITIES = ImageCapabilities.builder().maxSize(MAX_SIDE, MAX_SIDE)
      .maxReferenceImages(MAX_REFERENCES).seed(true).maxPromptLength(4000).build();

  private final boolean drawKeywords;
  private final double referenceStrength;
  private final java.util.concurrent.atomic.AtomicLong painted = new java.util.concurrent.atomic.AtomicLong();

  private LocalImageProvider(boolean drawKeywords, double referenceStrength) {
    this.drawKeywords = drawKeywords;
    this.referenceStrength = referenceStrength;
  }

  /** @return a provider with the defaults (key words drawn, reference strength 0.55) */
  public static LocalImageProvider create() {
    return new LocalImageProvider(true, 0.55);
  }

  /**
   * A provider configured from a {@link ProviderConfig}'s options ({@code drawKeywords},
   * {@code referenceStrength}); key and URL are not used.
   *
   * @param config the config
   * @return the provider
   * @throws IllegalArgumentException if an option is malformed
   */
  public static LocalImageProvider create(ProviderConfig config) {
    Objects.requireNonNull(config, "config");
    boolean text = config.option("drawKeywords").map(v -> bool(v, "drawKeywords")).orElse(true);
    double strength = config.option("referenceStrength").map(v -> strength(v, "referenceStrength")).orElse(0.55);
    return new LocalImageProvider(text, strength);
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
  public ImageCapabilities capabilities() {
    return CAPABILITIES;
  }

  /**
   * Paints the frame.
   *
   * @throws InvalidInputException if a reference image is remote, too large or unreadable, or an
   *     extra parameter is malformed
   */
  @Override
  public ImageResult doGenerate(ImageRequest request) {
    Objects.requireNonNull(request, "request");
    int w = request.size().width();
    int h = request.size().height();
    long seed = request.seed().orElse(0L);
    boolean text = param(request, "drawKeywords").map(v -> bool(v, "drawKeywords")).orElse(drawKeywords);
    double strength = param(request, "referenceStrength").map(v -> strength(v, "referenceStrength"))
        .orElse(referenceStrength);
    painted.incrementAndGet();
    BufferedImage image = ProceduralRenderer.render(request.prompt(), request.negativePrompt().orElse(null), seed, w, h,
        text);
    List<MediaRef> refs = request.referenceImages();
    for (int i = 0; i < refs.size(); i++) {
      // The first reference leads; later ones only tint.
      ProceduralRenderer.blend(image, decode(refs.get(i), i + 1), i == 0 ? strength : strength / 3);
    }
    byte[] png = encode(image);
    LOG.debug("Painted {}x{} frame ({} bytes, {} references)", w, h, png.length, refs.size());
    String requestId = "local-" + Long.toHexString(stableHash(request.prompt()) ^ seed ^ ((long) w << 32 | h));
    return new ImageResult(List.of(new GeneratedImage(MediaRef.bytes(png, MediaTypes.PNG), w, h)), MODEL, seed,
        Money.ZERO, requestId);
  }

  /** @return how many frames this instance has started painting (its "calls", for the contract test kit) */
  long painted() {
    return painted.get();
  }

  private static java.util.Optional<String> param(ImageRequest request, String name) {
    Object v = request.extraParameters().get(name);
    return v == null ? java.util.Optional.empty() : java.util.Optional.of(String.valueOf(v));
  }

  private static boolean bool(String v, String name) {
    String s = v.strip().toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    throw new InvalidInputException(name + " must be true or false, got '" + v + "'");
  }

  private static double strength(String v, String name) {
    try {
      double d = Double.parseDouble(v.strip());
      if (d >= 0 && d <= 1) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(name + " must be a number from 0 to 1, got '" + v + "'");
  }

  static BufferedImage decode(MediaRef ref, int index) {
    byte[] data = MediaRef.readLocal(ref, MAX_REFERENCE_BYTES);
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
      Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new InvalidInputException("reference image " + index + " is not a PNG, JPEG, GIF or BMP image; "
            + "convert it to PNG first");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        if (w <= 0 || h <= 0 || (long) w * h > MAX_REFERENCE_PIXELS) {
          throw new InvalidInputException("reference image " + index + " is " + w + "x" + h + "; at most "
              + MAX_REFERENCE_PIXELS + " pixels are read");
        }
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof VcgException v) {
        throw v;
      }
      throw new InvalidInputException("reference image " + index + " cannot be read (" + e.getClass().getSimpleName()
          + "); pass a valid PNG or JPEG", e);
    }
  }

  private static byte[] encode(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, image.getWidth() * image.getHeight() / 2));
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new ProviderException(ID, "this Java runtime has no PNG writer; the local provider cannot work here");
      }
    } catch (IOException e) {
      throw new ProviderException(ID, "cannot encode the frame as PNG: " + e.getMessage());
    }
    return out.toByteArray();
  }

  /** FNV-1a of the text: stable across runs, JVMs and machines. */
  static long stableHash(String text) {
    long h = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  @Override
  public String toString() {
    return "LocalImageProvider[" + MODEL + ", drawKeywords=" + drawKeywords + ", referenceStrength="
        + referenceStrength + "]";
  }
}
