package dev.vcg.services.assets;

import dev.vcg.media.DominantColor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link AssetAnalyzer} found in an image: format, dimensions, shape, dominant colours,
 * transparency, brightness and, when a vision model was given, a short description. Immutable;
 * built by the analyzer, or by tests with {@link #builder()}.
 */
public final class AssetAnalysis {
  private final String mimeType;
  private final int width;
  private final int height;
  private final long sizeBytes;
  private final List<DominantColor> dominantColors;
  private final boolean hasAlphaChannel;
  private final double transparentShare;
  private final double brightness;
  private final String description;
  private final List<String> warnings;

  private AssetAnalysis(Builder b) {
    this.mimeType = b.mimeType;
    this.width = b.width;
    this.height = b.height;
    this.sizeBytes = b.sizeBytes;
    this.dominantColors = List.copyOf(b.dominantColors);
    this.hasAlphaChannel = b.hasAlphaChannel;
    this.transparentShare = b.transparentShare;
    this.brightness = b.brightness;
    this.description = b.description;
    this.warnings = List.copyOf(b.warnings);
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the format found by magic bytes, e.g. {@code image/png} */
  public String mimeType() {
    return mimeType;
  }

  /** @return the width in pixels */
  public int width() {
    return width;
  }

  /** @return the height in pixels */
  public int height() {
    return height;
  }

  /** @return the file's size in bytes */
  public long sizeBytes() {
    return sizeBytes;
  }

  /** @return width / height */
  public double aspectRatio() {
    return (double) width / height;
  }

  /** @return landscape, portrait or square */
  public Orientation orientation() {
    return Orientation.of(width, height);
  }

  /**
   * @return the main colours of the opaque pixels, largest share first (shares add up to about 1);
   *     empty if the pixels could not be decoded
   */
  public List<DominantColor> dominantColors() {
    return dominantColors;
  }

  /** @return whether the image has an alpha channel */
  public boolean hasAlphaChannel() {
    return hasAlphaChannel;
  }

  /** @return the fraction of (sampled) pixels that are not fully opaque, 0 to 1 */
  public double transparentShare() {
    return transparentShare;
  }

  /** @return whether any (sampled) pixel is not fully opaque: a cut-out logo, for instance */
  public boolean usesTransparency() {
    return transparentShare > 0;
  }

  /** @return the mean luma (Rec. 709 weights on sRGB values) of the opaque pixels, 0 (black) to 1 (white) */
  public double brightness() {
    return brightness;
  }

  /** @return a short description by a vision model, when one was asked and answered */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /** @return what could not be done (e.g. no decoder, the description failed) */
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    return "AssetAnalysis[" + mimeType + " " + width + "x" + height + ", " + orientation() + ", colors="
        + dominantColors.stream().map(DominantColor::hex).toList() + ", brightness="
        + String.format(java.util.Locale.ROOT, "%.2f", brightness) + (usesTransparency() ? ", transparent" : "")
        + (description == null ? "" : ", described") + "]";
  }

  /** Builds an {@link AssetAnalysis}. Not thread-safe. */
  public static final class Builder {
    private String mimeType;
    private int width;
    private int height;
    private long sizeBytes;
    private final List<DominantColor> dominantColors = new ArrayList<>();
    private boolean hasAlphaChannel;
    private double transparentShare;
    private double brightness;
    private String description;
    private final List<String> warnings = new ArrayList<>();

    private Builder() {
    }

    /**
     * @param mimeType the format (required)
     * @return this builder
     */
    public Builder mimeType(String mimeType) {
      this.mimeType = Objects.requireNonNull(mimeType, "mimeType");
      return this;
    }

    /**
     * @param width positive
     * @param height positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder size(int width, int height) {
      if (width <= 0 || height <= 0) {
        throw new IllegalArgumentException("dimensions must be positive: " + width + "x" + height);
      }
      this.width = width;
      this.height = height;
      return this;
    }

    /**
     * @param bytes the file's size, not negative
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder sizeBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("sizeBytes must not be negative: " + bytes);
      }
      this.sizeBytes = bytes;
      return this;
    }

    /**
     * @param color a dominant colour, ranked after those added before
     * @return this builder
     */
    public Builder addDominantColor(DominantColor color) {
      dominantColors.add(Objects.requireNonNull(color, "color"));
      return this;
    }

    /**
     * @param hasAlpha whether the image has an alpha channel
     * @return this builder
     */
    public Builder hasAlphaChannel(boolean hasAlpha) {
      this.hasAlphaChannel = hasAlpha;
      return this;
    }

    /**
     * @param share 0 to 1
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder transparentShare(double share) {
      this.transparentShare = unit(share, "transparentShare");
      return this;
    }

    /**
     * @param brightness 0 to 1
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder brightness(double brightness) {
      this.brightness = unit(brightness, "brightness");
      return this;
    }

    /**
     * @param description a vision model's description, or null
     * @return this builder
     */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /**
     * @param warning what could not be done
     * @return this builder
     */
    public Builder addWarning(String warning) {
      warnings.add(Objects.requireNonNull(warning, "warning"));
      return this;
    }

    /**
     * @return the analysis
     * @throws IllegalStateException if the type or the size is missing
     */
    public AssetAnalysis build() {
      if (mimeType == null) {
        throw new IllegalStateException("mimeType is required");
      }
      if (width <= 0) {
        throw new IllegalStateException("size is required");
      }
      return new AssetAnalysis(this);
    }

    private static double unit(double v, String name) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException(name + " must be within 0..1: " + v);
      }
      return v;
    }
  }
}
