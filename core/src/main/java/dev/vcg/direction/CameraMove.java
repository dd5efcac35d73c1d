package dev.vcg.direction;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the camera moves during a shot. Written in JSON as {@code push_in}, {@code pan_left}, …;
 * read leniently ({@link #tryParse}) because language models spell them many ways.
 */
public enum CameraMove {
  /** The camera does not move. */
  STATIC,
  /** Moves toward the subject (zoom in). */
  PUSH_IN,
  /** Moves away from the subject (zoom out). */
  PULL_OUT,
  /** Turns left. */
  PAN_LEFT,
  /** Turns right. */
  PAN_RIGHT,
  /** Tilts up. */
  TILT_UP,
  /** Tilts down. */
  TILT_DOWN,
  /** Rises. */
  CRANE_UP,
  /** Descends. */
  CRANE_DOWN,
  /** Travels left. */
  DOLLY_LEFT,
  /** Travels right. */
  DOLLY_RIGHT;

  private static final Map<String, CameraMove> ALIASES = Map.ofEntries(
      Map.entry("still", STATIC), Map.entry("locked", STATIC), Map.entry("locked_off", STATIC),
      Map.entry("none", STATIC), Map.entry("fixed", STATIC), Map.entry("static_shot", STATIC),
      Map.entry("zoom_in", PUSH_IN), Map.entry("dolly_in", PUSH_IN), Map.entry("push", PUSH_IN),
      Map.entry("pushin", PUSH_IN), Map.entry("slow_push_in", PUSH_IN), Map.entry("track_in", PUSH_IN),
      Map.entry("zoom_out", PULL_OUT), Map.entry("dolly_out", PULL_OUT), Map.entry("pull_back", PULL_OUT),
      Map.entry("pullout", PULL_OUT), Map.entry("track_out", PULL_OUT), Map.entry("pull", PULL_OUT),
      Map.entry("pan", PAN_RIGHT), Map.entry("panleft", PAN_LEFT), Map.entry("panright", PAN_RIGHT),
      Map.entry("tilt", TILT_UP), Map.entry("tiltup", TILT_UP), Map.entry("tiltdown", TILT_DOWN),
      Map.entry("crane", CRANE_UP), Map.entry("pedestal_up", CRANE_UP), Map.entry("boom_up", CRANE_UP),
      Map.entry("rise", CRANE_UP), Map.entry("crane_rise", CRANE_UP), Map.entry("jib_up", CRANE_UP),
      Map.entry("pedestal_down", CRANE_DOWN), Map.entry("boom_down", CRANE_DOWN), Map.entry("jib_down", CRANE_DOWN),
      Map.entry("truck_left", DOLLY_LEFT), Map.entry("track_left", DOLLY_LEFT), Map.entry("dollyleft", DOLLY_LEFT),
      Map.entry("truck_right", DOLLY_RIGHT), Map.entry("track_right", DOLLY_RIGHT), Map.entry("dollyright", DOLLY_RIGHT),
      Map.entry("tracking", DOLLY_RIGHT), Map.entry("tracking_shot", DOLLY_RIGHT));

  /** @return the JSON spelling, e.g. {@code push_in} */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Reads any common spelling: {@code "push-in"}, {@code "Push In"}, {@code "zoom in"},
   * {@code "dolly_left"}, {@code "truck left"}.
   *
   * @param text the word
   * @return the move, empty if unrecognised
   */
  public static Optional<CameraMove> tryParse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String n = Vocabulary.normalise(text);
    for (CameraMove m : values()) {
      if (m.wireName().equals(n)) {
        return Optional.of(m);
      }
    }
    return Optional.ofNullable(ALIASES.get(n));
  }

  /**
   * Like {@link #tryParse}, but strict about unknown words.
   *
   * @param text the word
   * @return the move
   * @throws IllegalArgumentException if unrecognised, listing the known moves
   */
  @JsonCreator
  public static CameraMove parse(String text) {
    Objects.requireNonNull(text, "text");
    return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
        "unknown camera move '" + text + "'; known: " + java.util.Arrays.stream(values()).map(CameraMove::wireName).toList()));
  }
}
