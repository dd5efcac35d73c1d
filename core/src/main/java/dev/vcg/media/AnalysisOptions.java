package dev.vcg.media;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link VideoAnalyzer#analyze} looks at a video. Immutable; {@link #defaults()} suits
 * typical edited videos.
 */
public final class AnalysisOptions {
  private static final AnalysisOptions DEFAULTS = builder().build();

  private final double cutThreshold;
  private final Duration minShotDuration;
  private final int colorsPerShot;
  private final int analysisWidth;

  private AnalysisOptions(Builder b) {
    this.cutThreshold = b.cutThreshold;
    this.minShotDuration = b.minShotDuration;
    this.colorsPerShot = b.colorsPerShot;
    this.analysisWidth = b.analysisWidth;
  }

  /** @return the default options */
  public static AnalysisOptions defaults() {
    return DEFAULTS;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return how different two consecutive frames must be (0 to 1) to count as a cut; lower finds
   *     more cuts (default 0.3)
   */
  public double cutThreshold() {
    return cutThreshold;
  }

  /** @return no shot is shorter than this, except possibly the last (default 0.4 s) */
  public Duration minShotDuration() {
    return minShotDuration;
  }

  /** @return how many dominant colours to report per shot (default 5) */
  public int colorsPerShot() {
    return colorsPerShot;
  }

  /** @return the width frames are reduced to before comparison (default 96 pixels) */
  public int analysisWidth() {
    return analysisWidth;
  }

  /** Builds {@link AnalysisOptions}. Not thread-safe. */
  public static final class Builder {
    private double cutThreshold = 0.3;
    private Duration minShotDuration = Duration.ofMillis(400);
    private int colorsPerShot = 5;
    private int analysisWidth = 96;

    private Builder() {
    }

    /**
     * @param threshold 0 (exclusive) to 1
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder cutThreshold(double threshold) {
      if (!(threshold > 0 && threshold <= 1)) {
        throw new IllegalArgumentException("cutThreshold must be within (0, 1]: " + threshold);
      }
      this.cutThreshold = threshold;
      return this;
    }

    /**
     * @param duration not negative
     * @return this builder
     */
    public Builder minShotDuration(Duration duration) {
      Objects.requireNonNull(duration, "duration");
      if (duration.isNegative()) {
        throw new IllegalArgumentException("minShotDuration must not be negative: " + duration);
      }
      this.minShotDuration = duration;
      return this;
    }

    /**
     * @param count 1 to 16
     * @return this builder
     */
    public Builder colorsPerShot(int count) {
      if (count < 1 || count > 16) {
        throw new IllegalArgumentException("colorsPerShot must be within 1..16: " + count);
      }
      this.colorsPerShot = count;
      return this;
    }

    /**
     * @param pixels 16 to 640
     * @return this builder
     */
    public Builder analysisWidth(int pixels) {
      if (pixels < 16 || pixels > 640) {
        throw new IllegalArgumentException("analysisWidth must be within 16..640: " + pixels);
      }
      this.analysisWidth = pixels;
      return this;
    }

    /** @return the options */
    public AnalysisOptions build() {
      return new AnalysisOptions(this);
    }
  }
}
