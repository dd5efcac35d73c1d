package dev.vcg.media;

import dev.vcg.direction.TransitionType;
import java.time.Duration;
import java.util.Objects;

/**
 * How one clip gives way to the next in a stitch.
 *
 * <p>{@link TransitionType#CROSSFADE}, {@link TransitionType#WIPE_LEFT} and
 * {@link TransitionType#WIPE_RIGHT} overlap the two clips for {@code duration}, so the output is
 * that much shorter than the sum of the clips. {@link TransitionType#FADE_BLACK} and
 * {@link TransitionType#FADE_WHITE} fade the end of the first clip out to the colour over half of
 * {@code duration} and the start of the next clip in over the other half, without overlap.
 * {@link TransitionType#CUT} has no duration.
 *
 * @param type the kind of transition
 * @param duration how long it lasts; zero for a cut
 */
public record Transition(TransitionType type, Duration duration) {
  /** The longest transition accepted. */
  public static final Duration MAX_DURATION = Duration.ofSeconds(10);

  /** A hard cut. */
  public static final Transition CUT = new Transition(TransitionType.CUT, Duration.ZERO);

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a non-cut has no positive duration, a cut has one, or the
   *     duration exceeds {@link #MAX_DURATION}
   */
  public Transition {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(duration, "duration");
    if (type == TransitionType.CUT) {
      if (!duration.isZero()) {
        throw new IllegalArgumentException("a cut has no duration: " + duration);
      }
    } else if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(type.wireName() + " needs a positive duration: " + duration);
    }
    if (duration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException("transition duration must be at most " + MAX_DURATION.toSeconds()
          + " s: " + duration);
    }
  }

  /**
   * @param type the kind
   * @param duration the length; ignored for {@link TransitionType#CUT}
   * @return the transition
   * @throws IllegalArgumentException as the constructor
   */
  public static Transition of(TransitionType type, Duration duration) {
    return type == TransitionType.CUT ? CUT : new Transition(type, duration);
  }

  /** @return whether the two clips overlap (crossfade and wipes) */
  public boolean overlaps() {
    return type == TransitionType.CROSSFADE || type == TransitionType.WIPE_LEFT || type == TransitionType.WIPE_RIGHT;
  }

  /** @return whether this is a hard cut */
  public boolean isCut() {
    return type == TransitionType.CUT;
  }
}
