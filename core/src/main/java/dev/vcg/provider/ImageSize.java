package dev.vcg.provider;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A frame size in pixels.
 *
 * @param width pixels across
 * @param height pixels down
 */
public record ImageSize(int width, int height) {
  /** Validates. */
  public ImageSize {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
    }
  }

  /**
   * Parses {@code "1024x768"}.
   *
   * @param text the size
   * @return the size
   * @throws IllegalArgumentException if not of that form
   */
  @JsonCreator
  public static ImageSize of(String text) {
    Objects.requireNonNull(text, "text");
    String[] parts = text.strip().toLowerCase(java.util.Locale.ROOT).split("x");
    if (parts.length != 2) {
      throw new IllegalArgumentException("size must look like 1024x768, got '" + text + "'");
    }
    try {
      return new ImageSize(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("size must look like 1024x768, got '" + text + "'", e);
    }
  }

  /** @return the aspect ratio of this size */
  public AspectRatio aspectRatio() {
    return new AspectRatio(width, height);
  }

  /** @return width times height */
  public long pixels() {
    return (long) width * height;
  }

  @JsonValue
  @Override
  public String toString() {
    return width + "x" + height;
  }
}
