package dev.vcg.services.web;

import java.util.Objects;

/**
 * A heading of a scraped page.
 *
 * @param level 1 to 6 ({@code h1} to {@code h6})
 * @param text its text, whitespace normalised
 */
public record Heading(int level, String text) {
  /** Validates. */
  public Heading {
    if (level < 1 || level > 6) {
      throw new IllegalArgumentException("level must be within 1..6: " + level);
    }
    Objects.requireNonNull(text, "text");
  }
}
