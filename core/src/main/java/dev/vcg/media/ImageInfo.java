package dev.vcg.media;

import java.util.Objects;

/**
 * What an image's header says, read without decoding its pixels.
 *
 * @param mimeType the format found by magic bytes: {@link MediaTypes#PNG}, {@link MediaTypes#JPEG},
 *     {@link MediaTypes#WEBP} or {@link MediaTypes#GIF}
 * @param width pixels, positive
 * @param height pixels, positive
 */
public record ImageInfo(String mimeType, int width, int height) {
  /** Validates. */
  public ImageInfo {
    Objects.requireNonNull(mimeType, "mimeType");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("dimensions must be positive: " + width + "x" + height);
    }
  }

  /** @return width × height */
  public long pixels() {
    return (long) width * height;
  }

  /** @return width / height */
  public double aspectRatio() {
    return (double) width / height;
  }
}
