package dev.vcg.direction;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one shot gives way to the next. Written in JSON as {@code cut}, {@code crossfade}, …;
 * read leniently ({@link #tryParse}).
 */
public enum TransitionType {
  /** A hard cut. */
  CUT,
  /** The shots dissolve into each other. */
  CROSSFADE,
  /** Fade to black, then in. */
  FADE_BLACK,
  /** Fade to white, then in. */
  FADE_WHITE,
  /** The next shot wipes in from the right, moving left. */
  WIPE_LEFT,
  /** The next shot wipes in from the left, moving right. */
  WIPE_RIGHT;

  private static final Map<String, TransitionType> ALIASES = Map.ofEntries(
      Map.entry("hard_cut", CUT), Map.entry("straight_cut", CUT), Map.entry("match_cut", CUT),
      Map.entry("jump_cut", CUT), Map.entry("none", CUT), Map.entry("smash_cut", CUT),
      Map.entry("dissolve", CROSSFADE), Map.entry("cross_fade", CROSSFADE), Map.entry("cross_dissolve", CROSSFADE),
      Map.entry("fade", CROSSFADE), Map.entry("blend", CROSSFADE), Map.entry("mix", CROSSFADE),
      Map.entry("fade_to_black", FADE_BLACK), Map.entry("dip_to_black", FADE_BLACK), Map.entry("fadeblack", FADE_BLACK),
      Map.entry("fade_out", FADE_BLACK), Map.entry("fade_in", FADE_BLACK), Map.entry("black", FADE_BLACK),
      Map.entry("fade_to_white", FADE_WHITE), Map.entry("dip_to_white", FADE_WHITE), Map.entry("fadewhite", FADE_WHITE),
      Map.entry("flash", FADE_WHITE), Map.entry("white_flash", FADE_WHITE), Map.entry("white", FADE_WHITE),
      Map.entry("wipe", WIPE_LEFT), Map.entry("wipeleft", WIPE_LEFT), Map.entry("wiperight", WIPE_RIGHT),
      Map.entry("slide_left", WIPE_LEFT), Map.entry("slide_right", WIPE_RIGHT));

  /** @return the JSON spelling, e.g. {@code fade_black} */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether the picture flows across the boundary (no dip to a colour, no wipe), so the end frame
   * of one shot can be the start frame of the next.
   *
   * @return true for {@link #CUT} and {@link #CROSSFADE}
   */
  public boolean isContinuous() {
    return this == CUT || this == CROSSFADE;
  }

  /**
   * Reads any common spelling: {@code "Cross-fade"}, {@code "dissolve"}, {@code "fade to black"}.
   *
   * @param text the word
   * @return the transition, empty if unrecognised
   */
  public static Optional<TransitionType> tryParse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String n = Vocabulary.normalise(text);
    for (TransitionType t : values()) {
      if (t.wireName().equals(n)) {
        return Optional.of(t);
      }
    }
    return Optional.ofNullable(ALIASES.get(n));
  }

  /**
   * Like {@link #tryParse}, but strict about unknown words.
   *
   * @param text the word
   * @return the transition
   * @throws IllegalArgumentException if unrecognised, listing the known ones
   */
  @JsonCreator
  public static TransitionType parse(String text) {
    Objects.requireNonNull(text, "text");
    return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
        "unknown transition '" + text + "'; known: " + java.util.Arrays.stream(values()).map(TransitionType::wireName).toList()));
  }
}
