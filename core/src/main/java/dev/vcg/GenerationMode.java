package dev.vcg;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a video is made from a prompt. */
public enum GenerationMode {
  /**
   * The director plans shots; every shot gets a start and an end frame and a clip between them;
   * the clips are stitched with the plan's transitions ({@code DIRECTED_GENERATION}).
   */
  DIRECTED,
  /**
   * One continuous shot: each frame is predicted from the one before, each clip runs between two
   * frames ({@code CONTINUOUS_FLOW}). No plan is made.
   */
  FLOW;

  /** @return the JSON and command-line spelling, e.g. {@code directed} */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param text {@code directed} or {@code flow}, any case
   * @return the mode
   * @throws IllegalArgumentException if unknown
   */
  @JsonCreator
  public static GenerationMode parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("mode must be directed or flow, got '" + text + "'", e);
    }
  }
}
