package dev.vcg;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How much to spend on a video: models, shot counts and resolution scale with it.
 */
public enum Quality {
  /** Cheapest and fastest: fewer, shorter shots, small frames, the cheapest models. */
  DRAFT,
  /** The default balance. */
  STANDARD,
  /** More shots, larger frames, the best models. */
  PREMIUM;

  /** @return the JSON spelling, e.g. {@code draft} */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param text {@code draft}, {@code standard} or {@code premium}, any case
   * @return the quality
   * @throws IllegalArgumentException if unknown
   */
  @JsonCreator
  public static Quality parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("quality must be draft, standard or premium, got '" + text + "'", e);
    }
  }
}
