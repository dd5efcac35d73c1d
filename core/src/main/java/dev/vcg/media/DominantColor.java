package dev.vcg.media;

import java.util.Locale;

/**
 * One of the main colours of a shot.
 *
 * @param red 0 to 255
 * @param green 0 to 255
 * @param blue 0 to 255
 * @param share the fraction of the shot's pixels closest to this colour, 0 to 1
 */
public record DominantColor(int red, int green, int blue, double share) {
  /** Validates. */
  public DominantColor {
    if ((red | green | blue) < 0 || red > 255 || green > 255 || blue > 255) {
      throw new IllegalArgumentException("colour components must be within 0..255: " + red + "," + green + "," + blue);
    }
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be within 0..1: " + share);
    }
  }

  /** @return the colour as {@code #rrggbb} */
  public String hex() {
    return String.format(Locale.ROOT, "#%02x%02x%02x", red, green, blue);
  }

  /** @return the colour as packed {@code 0xRRGGBB} */
  public int rgb() {
    return (red << 16) | (green << 8) | blue;
  }
}
