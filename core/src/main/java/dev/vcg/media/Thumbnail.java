package dev.vcg.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * An image written from a video frame.
 *
 * @param file the image file
 * @param format its format
 * @param width pixels across
 * @param height pixels down
 * @param time the presentation time of the frame it shows
 */
public record Thumbnail(Path file, ImageFormat format, int width, int height, Duration time) {
  /** Validates. */
  public Thumbnail {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(time, "time");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("size must be positive: " + width + "x" + height);
    }
  }
}
