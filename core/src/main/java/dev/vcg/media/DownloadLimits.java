package dev.vcg.media;

import java.time.Duration;
import java.util.Objects;

/**
 * Caps on media downloaded from untrusted URLs: bytes (checked against {@code Content-Length}
 * first, then counted while streaming) and the time a whole download may take. Immutable.
 *
 * <p>Defaults: images ≤ 25 MB within 60 s, videos ≤ 500 MB within 10 minutes.
 */
public final class DownloadLimits {
  private static final DownloadLimits DEFAULTS = builder().build();

  private final long maxImageBytes;
  private final long maxVideoBytes;
  private final Duration imageDeadline;
  private final Duration videoDeadline;

  private DownloadLimits(Builder b) {
    this.maxImageBytes = b.maxImageBytes;
    this.maxVideoBytes = b.maxVideoBytes;
    this.imageDeadline = b.imageDeadline;
    this.videoDeadline = b.videoDeadline;
  }

  /** @return the default limits */
  public static DownloadLimits defaults() {
    return DEFAULTS;
  }

  /** @return a builder with the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the largest image accepted */
  public long maxImageBytes() {
    return maxImageBytes;
  }

  /** @return the largest video accepted */
  public long maxVideoBytes() {
    return maxVideoBytes;
  }

  /** @return the time an image download may take */
  public Duration imageDeadline() {
    return imageDeadline;
  }

  /** @return the time a video download may take */
  public Duration videoDeadline() {
    return videoDeadline;
  }

  @Override
  public String toString() {
    return "DownloadLimits[image=" + maxImageBytes + " B/" + imageDeadline + ", video=" + maxVideoBytes + " B/"
        + videoDeadline + "]";
  }

  /** Builds {@link DownloadLimits}. Not thread-safe. */
  public static final class Builder {
    private long maxImageBytes = 25L * 1024 * 1024;
    private long maxVideoBytes = 500L * 1024 * 1024;
    private Duration imageDeadline = Duration.ofSeconds(60);
    private Duration videoDeadline = Duration.ofMinutes(10);

    private Builder() {
    }

    /**
     * @param bytes positive, below 2 GB (images are held in memory)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxImageBytes(long bytes) {
      if (bytes <= 0 || bytes >= Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("maxImageBytes must be within 1..2^31-9: " + bytes);
      }
      this.maxImageBytes = bytes;
      return this;
    }

    /**
     * @param bytes positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxVideoBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxVideoBytes must be positive: " + bytes);
      }
      this.maxVideoBytes = bytes;
      return this;
    }

    /**
     * @param deadline positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder imageDeadline(Duration deadline) {
      this.imageDeadline = positive(deadline, "imageDeadline");
      return this;
    }

    /**
     * @param deadline positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder videoDeadline(Duration deadline) {
      this.videoDeadline = positive(deadline, "videoDeadline");
      return this;
    }

    /** @return the limits */
    public DownloadLimits build() {
      return new DownloadLimits(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
