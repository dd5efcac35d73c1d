package dev.vcg.services.assets;

import dev.vcg.VcgException;
import dev.vcg.media.DominantColor;
import dev.vcg.media.ImageInfo;
import dev.vcg.media.ImageInspector;
import dev.vcg.media.MediaDownloader;
import dev.vcg.media.MediaException;
import dev.vcg.media.MediaRef;
import dev.vcg.media.MediaTypes;
import dev.vcg.provider.ChatMessage;
import dev.vcg.provider.ChatRequest;
import dev.vcg.provider.ChatResponse;
import dev.vcg.provider.ContentPart;
import dev.vcg.provider.LlmProvider;
import dev.vcg.services.web.internal.Redact;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analyses image assets (logos, product shots, screenshots): format and dimensions from the header
 * (through {@link ImageInspector}, so image bombs are refused before decoding), then — on a
 * subsampled decode — dominant colours (median cut), transparency and brightness; optionally a
 * short description by a vision model.
 *
 * <p>Remote images are downloaded through a {@link MediaDownloader} (SSRF guard, size cap, magic
 * bytes). The vision model, when set, receives a re-encoded copy of at most 768 pixels per side (no
 * metadata); a failing model costs only the description: the result says so in a warning.
 *
 * <pre>{@code
 * AssetAnalysis logo = AssetAnalyzer.create().analyze(MediaRef.file(Path.of("logo.png")));
 * logo.dominantColors(); logo.usesTransparency(); logo.orientation();
 * }</pre>
 *
 * <p>Thread-safe when its vision model is.
 */
public final class AssetAnalyzer {
  private static final Logger LOG = LoggerFactory.getLogger(AssetAnalyzer.class);
  /** The prompt used when none is set. */
  public static final String DEFAULT_PROMPT = "Describe this image in one or two sentences for a video director: "
      + "what it shows, its style and its mood. If it is a logo, say so and describe its shapes and colours.";
  private static final int DECODE_SIDE = 1024;
  private static final int VISION_SIDE = 768;

  private final ImageInspector inspector;
  private final MediaDownloader downloader;
  private final LlmProvider visionModel;
  private final String prompt;
  private final int maxColors;

  private AssetAnalyzer(Builder b) {
    this.inspector = b.inspector;
    this.downloader = b.downloader;
    this.visionModel = b.visionModel;
    this.prompt = b.prompt;
    this.maxColors = b.maxColors;
  }

  /** @return an analyzer with default limits and no vision model */
  public static AssetAnalyzer create() {
    return builder().build();
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Analyses one image.
   *
   * @param image a file, bytes, {@code data:} URL or remote http(s) URL
   * @return what was found
   * @throws MediaException if the image is not PNG, JPEG, WebP or GIF, is over the limits (bytes,
   *     pixels per side, megapixels) or is corrupt
   * @throws dev.vcg.services.web.UrlRefusedException if a remote URL breaks the fetch policy
   * @throws dev.vcg.services.web.WebFetchException if a remote image cannot be downloaded
   */
  public AssetAnalysis analyze(MediaRef image) {
    Objects.requireNonNull(image, "image");
    byte[] data = image instanceof MediaRef.Url u && !u.uri().getScheme().equalsIgnoreCase("data")
        ? ((MediaRef.Bytes) downloader.download(u.uri(), MediaDownloader.Kind.IMAGE)).data()
        : inspector.read(image);
    ImageInfo info = inspector.inspect(data);
    AssetAnalysis.Builder out = AssetAnalysis.builder().mimeType(info.mimeType()).size(info.width(), info.height())
        .sizeBytes(data.length);
    BufferedImage decoded;
    try {
      decoded = inspector.decode(data, DECODE_SIDE);
    } catch (MediaException e) {
      if (e.reason() != MediaException.Reason.UNSUPPORTED) {
        throw e;
      }
      out.addWarning("colours, transparency and brightness were not analysed: " + e.getMessage());
      return out.build();
    }
    PixelStats stats = PixelStats.of(decoded, maxColors);
    for (DominantColor c : stats.colors) {
      out.addDominantColor(c);
    }
    out.hasAlphaChannel(decoded.getColorModel().hasAlpha()).transparentShare(stats.transparentShare)
        .brightness(stats.brightness);
    if (visionModel != null) {
      describe(decoded, out);
    }
    AssetAnalysis result = out.build();
    LOG.debug("analysed {}", result);
    return result;
  }

  private void describe(BufferedImage decoded, AssetAnalysis.Builder out) {
    if (!visionModel.capabilities().vision()) {
      out.addWarning("no description: the model " + visionModel.model() + " does not accept images");
      return;
    }
    try {
      boolean alpha = decoded.getColorModel().hasAlpha();
      byte[] encoded = encode(scaled(decoded, VISION_SIDE), alpha ? "png" : "jpeg");
      ChatRequest request = ChatRequest.builder()
          .addMessage(ChatMessage.user(ContentPart.text(prompt),
              ContentPart.image(MediaRef.bytes(encoded, alpha ? MediaTypes.PNG : MediaTypes.JPEG))))
          .maxTokens(200).temperature(0.2).build();
      ChatResponse response = visionModel.chat(request);
      String text = Redact.text(response.content().trim(), 1000);
      if (text.isEmpty()) {
        out.addWarning("no description: the model " + visionModel.model() + " answered with nothing");
      } else {
        out.description(text);
      }
    } catch (VcgException e) {
      out.addWarning("no description: " + Redact.text(e.getMessage(), 300));
    } catch (RuntimeException e) {
      out.addWarning("no description: the vision model failed (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static BufferedImage scaled(BufferedImage src, int maxSide) {
    int w = src.getWidth();
    int h = src.getHeight();
    double f = Math.min(1.0, (double) maxSide / Math.max(w, h));
    int tw = Math.max(1, (int) Math.round(w * f));
    int th = Math.max(1, (int) Math.round(h * f));
    boolean alpha = src.getColorModel().hasAlpha();
    BufferedImage dst = new BufferedImage(tw, th, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = dst.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(src, 0, 0, tw, th, null);
    } finally {
      g.dispose();
    }
    return dst;
  }

  private static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new MediaException(null, MediaException.Reason.OUTPUT_FAILED, "no " + format + " encoder");
      }
    } catch (IOException e) {
      throw new MediaException(null, MediaException.Reason.OUTPUT_FAILED, "cannot encode the image: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /** Builds an {@link AssetAnalyzer}. Not thread-safe. */
  public static final class Builder {
    private ImageInspector inspector = ImageInspector.create();
    private MediaDownloader downloader;
    private LlmProvider visionModel;
    private String prompt = DEFAULT_PROMPT;
    private int maxColors = 5;

    private Builder() {
    }

    /**
     * @param inspector checks formats and limits (default {@link ImageInspector#create()})
     * @return this builder
     */
    public Builder inspector(ImageInspector inspector) {
      this.inspector = Objects.requireNonNull(inspector, "inspector");
      return this;
    }

    /**
     * @param downloader downloads remote images (default {@link MediaDownloader#create()})
     * @return this builder
     */
    public Builder downloader(MediaDownloader downloader) {
      this.downloader = Objects.requireNonNull(downloader, "downloader");
      return this;
    }

    /**
     * @param model a vision model to describe images (one paid call per image), or null for none
     *     (the default)
     * @return this builder
     */
    public Builder visionModel(LlmProvider model) {
      this.visionModel = model;
      return this;
    }

    /**
     * @param prompt the instruction sent with the image (default {@link #DEFAULT_PROMPT})
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder prompt(String prompt) {
      Objects.requireNonNull(prompt, "prompt");
      if (prompt.isBlank()) {
        throw new IllegalArgumentException("prompt must not be blank");
      }
      this.prompt = prompt;
      return this;
    }

    /**
     * @param count dominant colours reported, 1 to 16 (default 5)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxColors(int count) {
      if (count < 1 || count > 16) {
        throw new IllegalArgumentException("maxColors must be within 1..16: " + count);
      }
      this.maxColors = count;
      return this;
    }

    /** @return the analyzer */
    public AssetAnalyzer build() {
      if (downloader == null) {
        downloader = MediaDownloader.create();
      }
      return new AssetAnalyzer(this);
    }
  }
}
