package dev.vcg.media;

import dev.vcg.provider.ImageSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A finished stitch: the file written, what it holds and how it was made. Immutable.
 */
public final class StitchResult {
  private final Path output;
  private final Duration duration;
  private final int frameCount;
  private final ImageSize size;
  private final boolean audio;
  private final int copiedFrames;
  private final int encodedFrames;
  private final long sizeBytes;
  private final List<StitchWarning> warnings;

  private StitchResult(Builder b) {
    this.output = b.output;
    this.duration = b.duration;
    this.frameCount = b.frameCount;
    this.size = b.size;
    this.audio = b.audio;
    this.copiedFrames = b.copiedFrames;
    this.encodedFrames = b.encodedFrames;
    this.sizeBytes = b.sizeBytes;
    this.warnings = List.copyOf(b.warnings);
  }

  /** @return a builder (for implementations of {@link VideoStitcher}) */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the MP4 file written */
  public Path output() {
    return output;
  }

  /** @return the length of the video */
  public Duration duration() {
    return duration;
  }

  /** @return the number of video frames */
  public int frameCount() {
    return frameCount;
  }

  /** @return the frame size */
  public ImageSize size() {
    return size;
  }

  /** @return whether the output has an audio track */
  public boolean hasAudio() {
    return audio;
  }

  /** @return frames copied from the inputs without re-encoding */
  public int copiedFrames() {
    return copiedFrames;
  }

  /** @return frames decoded and encoded again (transitions, scaling, frame-rate changes) */
  public int encodedFrames() {
    return encodedFrames;
  }

  /** @return whether every frame was copied without re-encoding */
  public boolean isLossless() {
    return encodedFrames == 0;
  }

  /** @return the output's size in bytes */
  public long sizeBytes() {
    return sizeBytes;
  }

  /** @return what was done differently from the request, in order */
  public List<StitchWarning> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    return "StitchResult[" + output + ", " + size + ", " + frameCount + " frames, " + duration.toMillis() + " ms"
        + (audio ? ", audio" : "") + ", copied=" + copiedFrames + ", encoded=" + encodedFrames
        + (warnings.isEmpty() ? "" : ", warnings=" + warnings.size()) + "]";
  }

  /** Builds a {@link StitchResult}. Not thread-safe. */
  public static final class Builder {
    private Path output;
    private Duration duration;
    private int frameCount;
    private ImageSize size;
    private boolean audio;
    private int copiedFrames;
    private int encodedFrames;
    private long sizeBytes;
    private final List<StitchWarning> warnings = new ArrayList<>();

    private Builder() {
    }

    /**
     * @param output the file written
     * @return this builder
     */
    public Builder output(Path output) {
      this.output = Objects.requireNonNull(output, "output");
      return this;
    }

    /**
     * @param duration the video's length
     * @return this builder
     */
    public Builder duration(Duration duration) {
      Objects.requireNonNull(duration, "duration");
      if (duration.isNegative()) {
        throw new IllegalArgumentException("duration must not be negative: " + duration);
      }
      this.duration = duration;
      return this;
    }

    /**
     * @param frameCount video frames, at least 1
     * @return this builder
     */
    public Builder frameCount(int frameCount) {
      if (frameCount < 1) {
        throw new IllegalArgumentException("frameCount must be positive: " + frameCount);
      }
      this.frameCount = frameCount;
      return this;
    }

    /**
     * @param size the frame size
     * @return this builder
     */
    public Builder size(ImageSize size) {
      this.size = Objects.requireNonNull(size, "size");
      return this;
    }

    /**
     * @param audio whether there is an audio track
     * @return this builder
     */
    public Builder audio(boolean audio) {
      this.audio = audio;
      return this;
    }

    /**
     * @param copied frames copied as they were
     * @param encoded frames re-encoded
     * @return this builder
     */
    public Builder frames(int copied, int encoded) {
      if (copied < 0 || encoded < 0) {
        throw new IllegalArgumentException("frame counts must not be negative: " + copied + ", " + encoded);
      }
      this.copiedFrames = copied;
      this.encodedFrames = encoded;
      return this;
    }

    /**
     * @param bytes the output's size
     * @return this builder
     */
    public Builder sizeBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("sizeBytes must not be negative: " + bytes);
      }
      this.sizeBytes = bytes;
      return this;
    }

    /**
     * @param warnings what was done differently from the request
     * @return this builder
     */
    public Builder warnings(List<StitchWarning> warnings) {
      this.warnings.clear();
      for (StitchWarning w : Objects.requireNonNull(warnings, "warnings")) {
        this.warnings.add(Objects.requireNonNull(w, "warnings contains null"));
      }
      return this;
    }

    /**
     * @return the result
     * @throws IllegalStateException if output, duration, frame count or size is missing
     */
    public StitchResult build() {
      if (output == null) {
        throw new IllegalStateException("output is required");
      }
      if (duration == null) {
        throw new IllegalStateException("duration is required");
      }
      if (frameCount < 1) {
        throw new IllegalStateException("frameCount is required");
      }
      if (size == null) {
        throw new IllegalStateException("size is required");
      }
      return new StitchResult(this);
    }
  }
}
