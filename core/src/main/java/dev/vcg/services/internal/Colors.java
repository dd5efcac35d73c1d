package dev.vcg.services.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Colour arithmetic for palettes: parsing, HSL, distance, contrast, a basic colour name. */
public final class Colors {
  private static final Pattern HEX6 = Pattern.compile("#?([0-9a-fA-F]{6})");
  private static final Pattern HEX3 = Pattern.compile("#?([0-9a-fA-F]{3})");
  private static final Pattern RGB = Pattern.compile(
      "rgba?\\(\\s*(\\d{1,3})\\s*,\\s*(\\d{1,3})\\s*,\\s*(\\d{1,3})\\s*(,\\s*[0-9.]+\\s*)?\\)");
  /** Hex colours written in text, e.g. in a prompt. */
  public static final Pattern HEX_IN_TEXT = Pattern.compile("#[0-9a-fA-F]{6}\\b");
  private static final Map<String, List<String>> SYNONYMS = Map.ofEntries(
      Map.entry("red", List.of("red", "crimson", "scarlet", "ruby", "cherry", "burgundy", "maroon")),
      Map.entry("orange", List.of("orange", "tangerine", "amber", "coral", "rust", "copper")),
      Map.entry("brown", List.of("brown", "chocolate", "coffee", "bronze", "tan", "caramel", "copper")),
      Map.entry("yellow", List.of("yellow", "gold", "golden", "lemon", "mustard", "amber")),
      Map.entry("green", List.of("green", "emerald", "lime", "olive", "mint", "forest", "sage")),
      Map.entry("teal", List.of("teal", "turquoise", "cyan", "aqua", "aquamarine")),
      Map.entry("blue", List.of("blue", "navy", "azure", "cobalt", "sapphire", "cerulean", "sky", "indigo")),
      Map.entry("purple", List.of("purple", "violet", "lavender", "lilac", "plum", "indigo", "magenta")),
      Map.entry("pink", List.of("pink", "rose", "magenta", "fuchsia", "blush", "salmon")),
      Map.entry("black", List.of("black", "charcoal", "ebony", "jet")),
      Map.entry("white", List.of("white", "ivory", "cream", "snow", "off-white")),
      Map.entry("grey", List.of("grey", "gray", "silver", "slate", "graphite")));

  private Colors() {
  }

  /** @return the colour as 0xRRGGBB, if the text is {@code #rgb}, {@code #rrggbb} or {@code rgb(r, g, b)} */
  public static Optional<Integer> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = HEX6.matcher(t);
    if (m.matches()) {
      return Optional.of(Integer.parseInt(m.group(1), 16));
    }
    m = HEX3.matcher(t);
    if (m.matches()) {
      String s = m.group(1);
      int r = Character.digit(s.charAt(0), 16);
      int g = Character.digit(s.charAt(1), 16);
      int b = Character.digit(s.charAt(2), 16);
      return Optional.of((r * 17 << 16) | (g * 17 << 8) | b * 17);
    }
    m = RGB.matcher(t);
    if (m.matches()) {
      int r = Integer.parseInt(m.group(1));
      int g = Integer.parseInt(m.group(2));
      int b = Integer.parseInt(m.group(3));
      if (r < 256 && g < 256 && b < 256) {
        return Optional.of((r << 16) | (g << 8) | b);
      }
    }
    return Optional.empty();
  }

  /** @return {@code #rrggbb} */
  public static String hex(int rgb) {
    return String.format(Locale.ROOT, "#%06x", rgb & 0xffffff);
  }

  static int r(int rgb) {
    return (rgb >> 16) & 0xff;
  }

  static int g(int rgb) {
    return (rgb >> 8) & 0xff;
  }

  static int b(int rgb) {
    return rgb & 0xff;
  }

  /** @return {hue 0..360, saturation 0..1, lightness 0..1} */
  public static double[] hsl(int rgb) {
    double r = r(rgb) / 255.0;
    double g = g(rgb) / 255.0;
    double b = b(rgb) / 255.0;
    double max = Math.max(r, Math.max(g, b));
    double min = Math.min(r, Math.min(g, b));
    double l = (max + min) / 2;
    double d = max - min;
    if (d < 1e-9) {
      return new double[] {0, 0, l};
    }
    double s = d / (1 - Math.abs(2 * l - 1));
    double h;
    if (max == r) {
      h = 60 * (((g - b) / d) % 6);
    } else if (max == g) {
      h = 60 * ((b - r) / d + 2);
    } else {
      h = 60 * ((r - g) / d + 4);
    }
    return new double[] {(h + 360) % 360, Math.min(1, s), l};
  }

  /** @return the colour of the given hue, saturation and lightness */
  public static int fromHsl(double h, double s, double l) {
    double c = (1 - Math.abs(2 * l - 1)) * s;
    double x = c * (1 - Math.abs((h / 60) % 2 - 1));
    double m = l - c / 2;
    double r;
    double g;
    double b;
    if (h < 60) {
      r = c; g = x; b = 0;
    } else if (h < 120) {
      r = x; g = c; b = 0;
    } else if (h < 180) {
      r = 0; g = c; b = x;
    } else if (h < 240) {
      r = 0; g = x; b = c;
    } else if (h < 300) {
      r = x; g = 0; b = c;
    } else {
      r = c; g = 0; b = x;
    }
    return (clamp(r + m) << 16) | (clamp(g + m) << 8) | clamp(b + m);
  }

  private static int clamp(double v) {
    return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
  }

  /** Whites, blacks and greys: little saturation, or nearly black or white. */
  public static boolean isNeutral(int rgb) {
    double[] hsl = hsl(rgb);
    return hsl[1] < 0.18 || hsl[2] < 0.15 || hsl[2] > 0.93;
  }

  /** Perceptual distance ("redmean"), 0 for equal colours, about 765 for black to white. */
  public static double distance(int a, int b) {
    double rm = (r(a) + r(b)) / 2.0;
    double dr = r(a) - r(b);
    double dg = g(a) - g(b);
    double db = b(a) - b(b);
    return Math.sqrt((2 + rm / 256) * dr * dr + 4 * dg * dg + (2 + (255 - rm) / 256) * db * db);
  }

  /** @return the smaller angle between two hues, 0 to 180 */
  public static double hueDistance(double h1, double h2) {
    double d = Math.abs(h1 - h2) % 360;
    return d > 180 ? 360 - d : d;
  }

  /** WCAG relative luminance, 0 to 1. */
  public static double luminance(int rgb) {
    return 0.2126 * channel(r(rgb)) + 0.7152 * channel(g(rgb)) + 0.0722 * channel(b(rgb));
  }

  private static double channel(int v) {
    double c = v / 255.0;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }

  /** WCAG contrast ratio, 1 to 21. */
  public static double contrast(int a, int b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  /** @return a basic name: red, orange, brown, yellow, green, teal, blue, purple, pink, black, white or grey */
  public static String name(int rgb) {
    double[] hsl = hsl(rgb);
    double h = hsl[0];
    double s = hsl[1];
    double l = hsl[2];
    if (l < 0.12) {
      return "black";
    }
    if (l > 0.93) {
      return "white";
    }
    if (s < 0.15) {
      return l > 0.85 ? "white" : "grey";
    }
    if (h < 15 || h >= 335) {
      return "red";
    }
    if (h < 40) {
      return l < 0.4 ? "brown" : "orange";
    }
    if (h < 65) {
      return l < 0.3 ? "brown" : "yellow";
    }
    if (h < 160) {
      return "green";
    }
    if (h < 195) {
      return "teal";
    }
    if (h < 255) {
      return "blue";
    }
    if (h < 290) {
      return "purple";
    }
    return "pink";
  }

  /** @return words that name colours close to this one (its basic name and common synonyms) */
  public static List<String> synonyms(int rgb) {
    return SYNONYMS.getOrDefault(name(rgb), List.of(name(rgb)));
  }
}
