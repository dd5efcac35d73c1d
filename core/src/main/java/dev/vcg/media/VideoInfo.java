package dev.vcg.media;

import dev.vcg.provider.ImageSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a video file holds, read from its container and codec headers without decoding pictures
 * ({@link VideoAnalyzer#probe}). Immutable.
 */
public final class VideoInfo {
  /** B-frames use temporal direct prediction. */
  public static final String TEMPORAL_DIRECT = "temporal_direct";
  /** B-frames use implicit weighted bi-prediction without weighted P prediction. */
  public static final String IMPLICIT_WEIGHTED_BIPRED = "implicit_weighted_bipred";
  /** The stream uses custom quantisation scaling matrices. */
  public static final String SCALING_MATRIX = "scaling_matrix";

  private final Path file;
  private final long sizeBytes;
  private final Duration duration;
  private final String codec;
  private final String profile;
  private final String level;
  private final int bitDepth;
  private final String chromaFormat;
  private final boolean interlaced;
  private final ImageSize size;
  private final double frameRate;
  private final int frameCount;
  private final int keyframeCount;
  private final long timescale;
  private final Duration reorderDelay;
  private final Set<String> decodeWarnings;
  private final AudioInfo audio;

  private VideoInfo(Builder b) {
    this.file = b.file;
    this.sizeBytes = b.sizeBytes;
    this.duration = b.duration;
    this.codec = b.codec;
    this.profile = b.profile;
    this.level = b.level;
    this.bitDepth = b.bitDepth;
    this.chromaFormat = b.chromaFormat;
    this.interlaced = b.interlaced;
    this.size = b.size;
    this.frameRate = b.frameRate;
    this.frameCount = b.frameCount;
    this.keyframeCount = b.keyframeCount;
    this.timescale = b.timescale;
    this.reorderDelay = b.reorderDelay;
    this.decodeWarnings = Collections.unmodifiableSet(new TreeSet<>(b.decodeWarnings));
    this.audio = b.audio;
  }

  /** @return a builder (for implementations of {@link VideoAnalyzer}) */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the file probed */
  public Path file() {
    return file;
  }

  /** @return the file's size in bytes */
  public long sizeBytes() {
    return sizeBytes;
  }

  /** @return the presented length of the video track */
  public Duration duration() {
    return duration;
  }

  /** @return the video sample entry type, e.g. {@code avc1} (H.264) or {@code hvc1} (HEVC) */
  public String codec() {
    return codec;
  }

  /** @return the codec profile, e.g. {@code High}, {@code Main}, {@code Constrained Baseline} */
  public String profile() {
    return profile;
  }

  /** @return the codec level, e.g. {@code 3.1} */
  public String level() {
    return level;
  }

  /** @return bits per luma sample, 8 for ordinary video */
  public int bitDepth() {
    return bitDepth;
  }

  /** @return chroma subsampling: {@code 4:2:0}, {@code 4:2:2}, {@code 4:4:4} or {@code 4:0:0} */
  public String chromaFormat() {
    return chromaFormat;
  }

  /** @return whether the video is interlaced (field or MBAFF coding) */
  public boolean interlaced() {
    return interlaced;
  }

  /** @return the displayed frame size (after cropping) */
  public ImageSize size() {
    return size;
  }

  /** @return frames per second (the average, for variable frame rates) */
  public double frameRate() {
    return frameRate;
  }

  /** @return the number of video frames */
  public int frameCount() {
    return frameCount;
  }

  /** @return the number of key frames (random access points) */
  public int keyframeCount() {
    return keyframeCount;
  }

  /** @return the video track's time units per second */
  public long timescale() {
    return timescale;
  }

  /** @return how far presentation lags decoding because of B-frames; zero without B-frames */
  public Duration reorderDelay() {
    return reorderDelay;
  }

  /**
   * Codec features this implementation cannot decode exactly ({@link #TEMPORAL_DIRECT},
   * {@link #IMPLICIT_WEIGHTED_BIPRED}, {@link #SCALING_MATRIX}). Such a clip is still copied
   * losslessly; a transition that would re-encode it is replaced by a cut.
   *
   * @return the features, empty for typical provider output
   */
  public Set<String> decodeWarnings() {
    return decodeWarnings;
  }

  /** @return the audio track, if there is one */
  public Optional<AudioInfo> audio() {
    return Optional.ofNullable(audio);
  }

  @Override
  public String toString() {
    return "VideoInfo[" + file.getFileName() + ": " + codec + " " + profile + "@" + level + " " + size + " "
        + String.format(java.util.Locale.ROOT, "%.3f", frameRate) + " fps, " + frameCount + " frames, "
        + duration.toMillis() + " ms" + (audio == null ? "" : ", audio " + audio.profile() + " "
        + audio.sampleRate() + " Hz " + audio.channels() + " ch") + "]";
  }

  /** Builds a {@link VideoInfo}. Not thread-safe. */
  public static final class Builder {
    private Path file;
    private long sizeBytes;
    private Duration duration;
    private String codec;
    private String profile = "";
    private String level = "";
    private int bitDepth = 8;
    private String chromaFormat = "4:2:0";
    private boolean interlaced;
    private ImageSize size;
    private double frameRate;
    private int frameCount;
    private int keyframeCount;
    private long timescale;
    private Duration reorderDelay = Duration.ZERO;
    private final Set<String> decodeWarnings = new TreeSet<>();
    private AudioInfo audio;

    private Builder() {
    }

    /**
     * @param file the file probed
     * @param sizeBytes its size
     * @return this builder
     */
    public Builder file(Path file, long sizeBytes) {
      this.file = Objects.requireNonNull(file, "file");
      if (sizeBytes < 0) {
        throw new IllegalArgumentException("sizeBytes must not be negative");
      }
      this.sizeBytes = sizeBytes;
      return this;
    }

    /**
     * @param duration presented length
     * @return this builder
     */
    public Builder duration(Duration duration) {
      this.duration = Objects.requireNonNull(duration, "duration");
      return this;
    }

    /**
     * @param codec sample entry type
     * @param profile profile name
     * @param level level, e.g. {@code 3.1}
     * @return this builder
     */
    public Builder codec(String codec, String profile, String level) {
      this.codec = Objects.requireNonNull(codec, "codec");
      this.profile = Objects.requireNonNull(profile, "profile");
      this.level = Objects.requireNonNull(level, "level");
      return this;
    }

    /**
     * @param bitDepth bits per sample
     * @param chromaFormat e.g. {@code 4:2:0}
     * @param interlaced whether interlaced
     * @return this builder
     */
    public Builder format(int bitDepth, String chromaFormat, boolean interlaced) {
      if (bitDepth < 1 || bitDepth > 16) {
        throw new IllegalArgumentException("bitDepth must be within 1..16: " + bitDepth);
      }
      this.bitDepth = bitDepth;
      this.chromaFormat = Objects.requireNonNull(chromaFormat, "chromaFormat");
      this.interlaced = interlaced;
      return this;
    }

    /**
     * @param size displayed frame size
     * @return this builder
     */
    public Builder size(ImageSize size) {
      this.size = Objects.requireNonNull(size, "size");
      return this;
    }

    /**
     * @param frameRate frames per second
     * @param frameCount frames
     * @param keyframeCount key frames
     * @param timescale time units per second
     * @return this builder
     */
    public Builder timing(double frameRate, int frameCount, int keyframeCount, long timescale) {
      if (!(frameRate > 0) || frameCount < 1 || keyframeCount < 0 || timescale < 1) {
        throw new IllegalArgumentException("invalid timing: " + frameRate + " fps, " + frameCount + " frames, "
            + keyframeCount + " keyframes, timescale " + timescale);
      }
      this.frameRate = frameRate;
      this.frameCount = frameCount;
      this.keyframeCount = keyframeCount;
      this.timescale = timescale;
      return this;
    }

    /**
     * @param delay B-frame reorder delay
     * @return this builder
     */
    public Builder reorderDelay(Duration delay) {
      this.reorderDelay = Objects.requireNonNull(delay, "delay");
      return this;
    }

    /**
     * @param feature a feature this implementation cannot decode exactly
     * @return this builder
     */
    public Builder decodeWarning(String feature) {
      decodeWarnings.add(Objects.requireNonNull(feature, "feature"));
      return this;
    }

    /**
     * @param audio the audio track, or null for none
     * @return this builder
     */
    public Builder audio(AudioInfo audio) {
      this.audio = audio;
      return this;
    }

    /**
     * @return the info
     * @throws IllegalStateException if file, duration, codec, size or timing is missing
     */
    public VideoInfo build() {
      if (file == null) {
        throw new IllegalStateException("file is required");
      }
      if (duration == null) {
        throw new IllegalStateException("duration is required");
      }
      if (codec == null) {
        throw new IllegalStateException("codec is required");
      }
      if (size == null) {
        throw new IllegalStateException("size is required");
      }
      if (frameCount < 1) {
        throw new IllegalStateException("timing is required");
      }
      return new VideoInfo(this);
    }
  }
}
