package dev.vcg.media;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A thumbnail or poster to write from a video frame: which frame, where, in which format and at
 * most how large. Immutable.
 *
 * <pre>{@code
 * ThumbnailRequest poster = ThumbnailRequest.builder()
 *     .video(Path.of("video.mp4"))
 *     .output(Path.of("poster.jpg"))      // JPEG, from the extension
 *     .position(FramePosition.atSeconds(2.5))
 *     .maxWidth(640)
 *     .build();
 * }</pre>
 */
public final class ThumbnailRequest {
  private final Path video;
  private final Path output;
  private final FramePosition position;
  private final ImageFormat format;
  private final Integer maxWidth;
  private final Integer maxHeight;
  private final float jpegQuality;

  private ThumbnailRequest(Builder b) {
    this.video = b.video;
    this.output = b.output;
    this.position = b.position;
    this.format = b.format != null ? b.format : ImageFormat.fromFileName(b.output).orElse(ImageFormat.PNG);
    this.maxWidth = b.maxWidth;
    this.maxHeight = b.maxHeight;
    this.jpegQuality = b.jpegQuality;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the video to take the frame from */
  public Path video() {
    return video;
  }

  /** @return the image file to write; replaced atomically */
  public Path output() {
    return output;
  }

  /** @return which frame (the first by default) */
  public FramePosition position() {
    return position;
  }

  /** @return the image format: as set, else from the output's extension, else PNG */
  public ImageFormat format() {
    return format;
  }

  /** @return the largest width; the image is scaled down keeping its aspect ratio */
  public OptionalInt maxWidth() {
    return maxWidth == null ? OptionalInt.empty() : OptionalInt.of(maxWidth);
  }

  /** @return the largest height; the image is scaled down keeping its aspect ratio */
  public OptionalInt maxHeight() {
    return maxHeight == null ? OptionalInt.empty() : OptionalInt.of(maxHeight);
  }

  /** @return JPEG quality from 0 to 1 (default 0.9); ignored for PNG */
  public float jpegQuality() {
    return jpegQuality;
  }

  @Override
  public String toString() {
    return "ThumbnailRequest[" + video + " " + position + " -> " + output + " (" + format + ")]";
  }

  /** Builds a {@link ThumbnailRequest}. Not thread-safe. */
  public static final class Builder {
    private Path video;
    private Path output;
    private FramePosition position = FramePosition.first();
    private ImageFormat format;
    private Integer maxWidth;
    private Integer maxHeight;
    private float jpegQuality = 0.9f;

    private Builder() {
    }

    /**
     * @param video the video (required)
     * @return this builder
     */
    public Builder video(Path video) {
      this.video = Objects.requireNonNull(video, "video");
      return this;
    }

    /**
     * @param output the image file to write (required)
     * @return this builder
     */
    public Builder output(Path output) {
      this.output = Objects.requireNonNull(output, "output");
      return this;
    }

    /**
     * @param position which frame
     * @return this builder
     */
    public Builder position(FramePosition position) {
      this.position = Objects.requireNonNull(position, "position");
      return this;
    }

    /**
     * @param format the image format, or null to follow the output's extension
     * @return this builder
     */
    public Builder format(ImageFormat format) {
      this.format = format;
      return this;
    }

    /**
     * @param pixels the largest width, 16 to 8192
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxWidth(int pixels) {
      this.maxWidth = checkBound("maxWidth", pixels);
      return this;
    }

    /**
     * @param pixels the largest height, 16 to 8192
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxHeight(int pixels) {
      this.maxHeight = checkBound("maxHeight", pixels);
      return this;
    }

    private static int checkBound(String name, int pixels) {
      if (pixels < 16 || pixels > 8192) {
        throw new IllegalArgumentException(name + " must be within 16..8192: " + pixels);
      }
      return pixels;
    }

    /**
     * @param quality JPEG quality from 0 (smallest) to 1 (best)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder jpegQuality(float quality) {
      if (!(quality >= 0 && quality <= 1)) {
        throw new IllegalArgumentException("jpegQuality must be within 0..1: " + quality);
      }
      this.jpegQuality = quality;
      return this;
    }

    /**
     * @return the request
     * @throws IllegalStateException if video or output is missing, or they are the same file
     */
    public ThumbnailRequest build() {
      if (video == null) {
        throw new IllegalStateException("video is required");
      }
      if (output == null) {
        throw new IllegalStateException("output is required");
      }
      if (video.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
        throw new IllegalStateException("output must not be the video itself: " + output);
      }
      return new ThumbnailRequest(this);
    }
  }
}
