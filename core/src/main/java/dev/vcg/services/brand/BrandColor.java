package dev.vcg.services.brand;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One colour of a brand palette: its value, its role and where it was found.
 *
 * @param hex the colour as {@code #rrggbb}, lower case
 * @param role what it is used for
 * @param source where it came from
 */
public record BrandColor(String hex, ColorRole role, Source source) {
  private static final Pattern HEX = Pattern.compile("#[0-9a-f]{6}");

  /** Where a colour came from. */
  public enum Source {
    /** The logo the user gave. */
    LOGO,
    /** The website's {@code theme-color}. */
    THEME_COLOR,
    /** The website's stylesheets. */
    WEBSITE,
    /** Other images the user gave. */
    IMAGES,
    /** Chosen by the synthesizer because nothing was found (e.g. white background). */
    DERIVED;

    /** @return the JSON spelling */
    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text the JSON spelling
     * @return the source
     */
    @JsonCreator
    public static Source parse(String text) {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
  }

  /** Validates and normalises the hex value to lower case. */
  public BrandColor {
    Objects.requireNonNull(hex, "hex");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(source, "source");
    hex = hex.strip().toLowerCase(Locale.ROOT);
    if (!HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("hex must be #rrggbb: " + hex);
    }
  }
}
