package dev.vcg.media;

import java.util.Objects;

/**
 * Something a stitch did differently from what was asked, without failing: a transition replaced
 * by a cut, audio left out, a transition shortened to fit a short clip. Workflows turn these into
 * events.
 *
 * @param code a stable, machine-readable code (an open vocabulary; see the constants)
 * @param clipIndex the 0-based clip concerned, or -1
 * @param message what happened and why, for people
 */
public record StitchWarning(String code, int clipIndex, String message) {
  /** A transition needed to decode a clip the decoder cannot reproduce exactly; a cut was used. */
  public static final String TRANSITION_REPLACED_BY_CUT = "transition_replaced_by_cut";
  /** A transition was longer than the clips allow and was shortened. */
  public static final String TRANSITION_SHORTENED = "transition_shortened";
  /** The clips' audio could not be copied into one track and was left out. */
  public static final String AUDIO_DROPPED = "audio_dropped";
  /** Some clips had no audio; silence was inserted for them. */
  public static final String SILENCE_INSERTED = "silence_inserted";

  /** Validates. */
  public StitchWarning {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    if (clipIndex < -1) {
      throw new IllegalArgumentException("clipIndex must be >= -1: " + clipIndex);
    }
  }
}
