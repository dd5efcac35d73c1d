package dev.vcg.provider;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A frame aspect ratio such as 16:9. Open: any positive ratio can be expressed, constants cover
 * the common ones. Not reduced: {@code 32:18} stays {@code 32:18} but {@link #equals} compares
 * reduced forms.
 *
 * @param width the horizontal part
 * @param height the vertical part
 */
public record AspectRatio(int width, int height) {
  /** Landscape 16:9. */
  public static final AspectRatio LANDSCAPE_16_9 = new AspectRatio(16, 9);
  /** Portrait 9:16. */
  public static final AspectRatio PORTRAIT_9_16 = new AspectRatio(9, 16);
  /** Square 1:1. */
  public static final AspectRatio SQUARE = new AspectRatio(1, 1);
  /** 4:3. */
  public static final AspectRatio LANDSCAPE_4_3 = new AspectRatio(4, 3);
  /** 3:4. */
  public static final AspectRatio PORTRAIT_3_4 = new AspectRatio(3, 4);
  /** 21:9. */
  public static final AspectRatio CINEMA_21_9 = new AspectRatio(21, 9);

  /** Validates. */
  public AspectRatio {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("aspect ratio parts must be positive: " + width + ":" + height);
    }
  }

  /**
   * Parses {@code "16:9"}, {@code "16x9"} or {@code "16/9"}.
   *
   * @param text the ratio
   * @return the ratio
   * @throws IllegalArgumentException if it is not of that form
   */
  @JsonCreator
  public static AspectRatio of(String text) {
    Objects.requireNonNull(text, "text");
    String[] parts = text.strip().split("\\s*[:x/]\\s*");
    if (parts.length != 2) {
      throw new IllegalArgumentException("aspect ratio must look like 16:9, got '" + text + "'");
    }
    try {
      return new AspectRatio(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("aspect ratio must look like 16:9, got '" + text + "'", e);
    }
  }

  /** @return width divided by height */
  public double value() {
    return (double) width / height;
  }

  /**
   * A frame size with this ratio whose longer side is {@code longSide}, both sides even.
   *
   * @param longSide pixels of the longer side
   * @return the size
   */
  public ImageSize sizeWithLongSide(int longSide) {
    if (width >= height) {
      return new ImageSize(even(longSide), even((int) Math.round((double) longSide * height / width)));
    }
    return new ImageSize(even((int) Math.round((double) longSide * width / height)), even(longSide));
  }

  private static int even(int v) {
    return Math.max(2, v - (v % 2));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AspectRatio r && (long) width * r.height == (long) height * r.width;
  }

  @Override
  public int hashCode() {
    int g = gcd(width, height);
    return 31 * (width / g) + height / g;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  @JsonValue
  @Override
  public String toString() {
    return width + ":" + height;
  }
}
