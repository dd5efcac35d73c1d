package dev.vcg.media;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One shot of a reference video, between two scene cuts: when it starts and ends, its dominant
 * colours and how much moves in it. Immutable.
 */
public final class Shot {
  private final int index;
  private final Duration start;
  private final Duration end;
  private final int frameCount;
  private final List<DominantColor> dominantColors;
  private final double motion;
  private final double brightness;

  private Shot(Builder b) {
    this.index = b.index;
    this.start = b.start;
    this.end = b.end;
    this.frameCount = b.frameCount;
    this.dominantColors = List.copyOf(b.dominantColors);
    this.motion = b.motion;
    this.brightness = b.brightness;
  }

  /** @return a builder (for implementations of {@link VideoAnalyzer}) */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the 0-based position of the shot in the video */
  public int index() {
    return index;
  }

  /** @return when the shot starts */
  public Duration start() {
    return start;
  }

  /** @return when the shot ends (the next shot's start) */
  public Duration end() {
    return end;
  }

  /** @return how long the shot lasts */
  public Duration duration() {
    return end.minus(start);
  }

  /** @return the number of frames in the shot */
  public int frameCount() {
    return frameCount;
  }

  /** @return the main colours, largest share first */
  public List<DominantColor> dominantColors() {
    return dominantColors;
  }

  /**
   * How much the picture changes from frame to frame within the shot, a proxy for camera and
   * subject motion: 0 is a still image, about 0.1 gentle movement, 0.3 and above fast action.
   *
   * @return the motion estimate, 0 to 1
   */
  public double motion() {
    return motion;
  }

  /** @return the mean luma, 0 (black) to 1 (white) */
  public double brightness() {
    return brightness;
  }

  @Override
  public String toString() {
    return "Shot[" + index + ": " + start.toMillis() + "-" + end.toMillis() + " ms, motion="
        + String.format(java.util.Locale.ROOT, "%.3f", motion) + ", colours="
        + dominantColors.stream().map(DominantColor::hex).toList() + "]";
  }

  /** Builds a {@link Shot}. Not thread-safe. */
  public static final class Builder {
    private int index;
    private Duration start;
    private Duration end;
    private int frameCount;
    private final List<DominantColor> dominantColors = new ArrayList<>();
    private double motion;
    private double brightness;

    private Builder() {
    }

    /**
     * @param index 0-based position
     * @return this builder
     */
    public Builder index(int index) {
      if (index < 0) {
        throw new IllegalArgumentException("index must not be negative: " + index);
      }
      this.index = index;
      return this;
    }

    /**
     * @param start when the shot starts
     * @param end when it ends
     * @param frameCount frames in it
     * @return this builder
     */
    public Builder span(Duration start, Duration end, int frameCount) {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      if (start.isNegative() || end.compareTo(start) <= 0 || frameCount < 1) {
        throw new IllegalArgumentException("invalid shot span: " + start + " to " + end + ", " + frameCount + " frames");
      }
      this.start = start;
      this.end = end;
      this.frameCount = frameCount;
      return this;
    }

    /**
     * @param colors main colours, largest share first
     * @return this builder
     */
    public Builder dominantColors(List<DominantColor> colors) {
      this.dominantColors.clear();
      for (DominantColor c : Objects.requireNonNull(colors, "colors")) {
        this.dominantColors.add(Objects.requireNonNull(c, "colors contains null"));
      }
      return this;
    }

    /**
     * @param motion 0 to 1
     * @return this builder
     */
    public Builder motion(double motion) {
      if (!(motion >= 0 && motion <= 1)) {
        throw new IllegalArgumentException("motion must be within 0..1: " + motion);
      }
      this.motion = motion;
      return this;
    }

    /**
     * @param brightness mean luma, 0 to 1
     * @return this builder
     */
    public Builder brightness(double brightness) {
      if (!(brightness >= 0 && brightness <= 1)) {
        throw new IllegalArgumentException("brightness must be within 0..1: " + brightness);
      }
      this.brightness = brightness;
      return this;
    }

    /**
     * @return the shot
     * @throws IllegalStateException if the span is missing
     */
    public Shot build() {
      if (start == null) {
        throw new IllegalStateException("span is required");
      }
      return new Shot(this);
    }
  }
}
