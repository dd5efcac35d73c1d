package dev.vcg.provider;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What an image model can do: the sizes it makes (a fixed list, or any size up to a maximum),
 * how many reference images it takes, whether a seed is honoured. Immutable.
 */
public final class ImageCapabilities {
  private final Set<ImageSize> sizes;
  private final int maxWidth;
  private final int maxHeight;
  private final int maxReferenceImages;
  private final boolean seed;
  private final int maxPromptLength;

  private ImageCapabilities(Builder b) {
    this.sizes = Collections.unmodifiableSet(new LinkedHashSet<>(b.sizes));
    this.maxWidth = b.maxWidth;
    this.maxHeight = b.maxHeight;
    this.maxReferenceImages = b.maxReferenceImages;
    this.seed = b.seed;
    this.maxPromptLength = b.maxPromptLength;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the exact sizes accepted; empty means any size within the maximum */
  public Set<ImageSize> sizes() {
    return sizes;
  }

  /** @return the widest image accepted */
  public int maxWidth() {
    return maxWidth;
  }

  /** @return the tallest image accepted */
  public int maxHeight() {
    return maxHeight;
  }

  /** @return how many reference images an edit may take (0: no edits) */
  public int maxReferenceImages() {
    return maxReferenceImages;
  }

  /** @return whether a seed is honoured */
  public boolean supportsSeed() {
    return seed;
  }

  /** @return the longest prompt accepted */
  public int maxPromptLength() {
    return maxPromptLength;
  }

  /**
   * The accepted size closest in aspect ratio (then in area) to the wanted one.
   *
   * @param wanted the size the caller would like
   * @return an accepted size
   */
  public ImageSize nearestSize(ImageSize wanted) {
    if (sizes.isEmpty()) {
      double scale = Math.min(1.0, Math.min((double) maxWidth / wanted.width(), (double) maxHeight / wanted.height()));
      return new ImageSize(Math.max(1, (int) (wanted.width() * scale)), Math.max(1, (int) (wanted.height() * scale)));
    }
    ImageSize best = null;
    double bestScore = Double.MAX_VALUE;
    for (ImageSize s : sizes) {
      double ratio = Math.abs(Math.log(s.aspectRatio().value() / wanted.aspectRatio().value()));
      double area = Math.abs(Math.log((double) s.pixels() / wanted.pixels()));
      double score = ratio * 10 + area;
      if (score < bestScore) {
        bestScore = score;
        best = s;
      }
    }
    return best;
  }

  /**
   * Refuses a request this model cannot serve.
   *
   * @param providerId for the error
   * @param model for the error
   * @param request the request
   * @throws UnsupportedCapabilityException naming what is unsupported and what is allowed
   */
  public void check(String providerId, String model, ImageRequest request) {
    int refs = request.referenceImages().size();
    if (refs > maxReferenceImages) {
      throw new UnsupportedCapabilityException(providerId, "model " + model + " takes at most "
          + maxReferenceImages + " reference images; the request has " + refs);
    }
    ImageSize size = request.size();
    if (!sizes.isEmpty() && !sizes.contains(size)) {
      throw new UnsupportedCapabilityException(providerId, "model " + model + " does not make " + size
          + " images; allowed: " + sizes + " (nearest: " + nearestSize(size) + ")");
    }
    if (size.width() > maxWidth || size.height() > maxHeight) {
      throw new UnsupportedCapabilityException(providerId, "model " + model + " makes images up to "
          + maxWidth + "x" + maxHeight + "; requested " + size);
    }
    if (request.prompt().length() > maxPromptLength) {
      throw new UnsupportedCapabilityException(providerId, "prompt is " + request.prompt().length()
          + " characters; model " + model + " takes at most " + maxPromptLength);
    }
  }

  @Override
  public String toString() {
    return "ImageCapabilities[sizes=" + (sizes.isEmpty() ? "any up to " + maxWidth + "x" + maxHeight : sizes)
        + ", maxReferenceImages=" + maxReferenceImages + ", seed=" + seed + "]";
  }

  /** Builds {@link ImageCapabilities}. */
  public static final class Builder {
    private final Set<ImageSize> sizes = new LinkedHashSet<>();
    private int maxWidth = 2048;
    private int maxHeight = 2048;
    private int maxReferenceImages;
    private boolean seed;
    private int maxPromptLength = 4000;

    private Builder() {
    }

    /**
     * @param accepted the exact sizes the model makes
     * @return this builder
     */
    public Builder sizes(ImageSize... accepted) {
      for (ImageSize s : accepted) {
        sizes.add(Objects.requireNonNull(s, "size"));
        maxWidth = Math.max(maxWidth, s.width());
        maxHeight = Math.max(maxHeight, s.height());
      }
      return this;
    }

    /**
     * @param width widest image
     * @param height tallest image
     * @return this builder
     */
    public Builder maxSize(int width, int height) {
      if (width <= 0 || height <= 0) {
        throw new IllegalArgumentException("maxSize must be positive");
      }
      this.maxWidth = width;
      this.maxHeight = height;
      return this;
    }

    /**
     * @param count reference images an edit may take
     * @return this builder
     */
    public Builder maxReferenceImages(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("maxReferenceImages must not be negative");
      }
      this.maxReferenceImages = count;
      return this;
    }

    /**
     * @param supported whether a seed is honoured
     * @return this builder
     */
    public Builder seed(boolean supported) {
      this.seed = supported;
      return this;
    }

    /**
     * @param chars longest prompt
     * @return this builder
     */
    public Builder maxPromptLength(int chars) {
      if (chars <= 0) {
        throw new IllegalArgumentException("maxPromptLength must be positive");
      }
      this.maxPromptLength = chars;
      return this;
    }

    /** @return the capabilities */
    public ImageCapabilities build() {
      return new ImageCapabilities(this);
    }
  }
}
