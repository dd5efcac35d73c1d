package dev.vcg.media;

import java.time.Duration;
import java.util.Objects;

/**
 * Which frame of a video to take: the first, the last, or the one shown at a time.
 *
 * @param kind which of the three
 * @param time for {@link Kind#AT}, the presentation time from the start; zero otherwise
 */
public record FramePosition(Kind kind, Duration time) {
  /** The kinds of position. */
  public enum Kind {
    /** The first frame shown. */
    FIRST,
    /** The last frame shown (for last-frame continuity between clips). */
    LAST,
    /** The frame on screen at a time. */
    AT
  }

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the time is negative, or given for FIRST/LAST
   */
  public FramePosition {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(time, "time");
    if (time.isNegative()) {
      throw new IllegalArgumentException("time must not be negative: " + time);
    }
    if (kind != Kind.AT && !time.isZero()) {
      throw new IllegalArgumentException(kind + " takes no time");
    }
  }

  /** @return the first frame */
  public static FramePosition first() {
    return new FramePosition(Kind.FIRST, Duration.ZERO);
  }

  /** @return the last frame */
  public static FramePosition last() {
    return new FramePosition(Kind.LAST, Duration.ZERO);
  }

  /**
   * @param time presentation time from the start, not negative
   * @return the frame on screen at that time
   */
  public static FramePosition at(Duration time) {
    return new FramePosition(Kind.AT, time);
  }

  /**
   * @param seconds presentation time from the start, not negative
   * @return the frame on screen at that time
   * @throws IllegalArgumentException if negative or not finite
   */
  public static FramePosition atSeconds(double seconds) {
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("seconds must be a non-negative number: " + seconds);
    }
    return at(Duration.ofNanos(Math.round(seconds * 1e9)));
  }

  @Override
  public String toString() {
    return kind == Kind.AT ? "at " + time.toMillis() / 1000.0 + " s" : kind.name().toLowerCase(java.util.Locale.ROOT) + " frame";
  }
}
