package dev.vcg.services.brand;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a colour of a brand palette is used for. */
public enum ColorRole {
  /** The colour the brand is known by: buttons, logo, titles. */
  PRIMARY,
  /** A second brand colour that goes with the primary. */
  SECONDARY,
  /** A contrasting colour for highlights and calls to action. */
  ACCENT,
  /** The colour behind everything. */
  BACKGROUND,
  /** The colour of text on the background. */
  TEXT;

  /** @return the JSON spelling, e.g. {@code primary} */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param text the JSON spelling, any case
   * @return the role
   * @throws IllegalArgumentException if unknown
   */
  @JsonCreator
  public static ColorRole parse(String text) {
    return valueOf(text.strip().toUpperCase(Locale.ROOT));
  }
}
