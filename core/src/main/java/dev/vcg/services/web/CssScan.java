package dev.vcg.services.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Collects colours and font families from CSS text. Not thread-safe; one per scan. */
final class CssScan {
  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
  private static final Pattern URL_FN = Pattern.compile("url\\([^)]*\\)", Pattern.CASE_INSENSITIVE);
  private static final Pattern DECLARATION = Pattern.compile("(--[\\w-]+|[a-zA-Z-]+)\\s*:\\s*([^;{}]+)");
  private static final Pattern FONT_FACE = Pattern.compile("@font-face\\s*\\{([^}]*)}", Pattern.CASE_INSENSITIVE);
  private static final Pattern IMPORT = Pattern.compile("@import\\s+(?:url\\(\\s*)?['\"]?([^'\")\\s;]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern HEX = Pattern.compile("#([0-9a-fA-F]{3,8})(?![0-9a-zA-Z_-])");
  private static final Pattern FUNC = Pattern.compile("\\b(rgba?|hsla?)\\(([^)]*)\\)", Pattern.CASE_INSENSITIVE);
  private static final Pattern NAMED = Pattern.compile("(?<![\\w-])([a-zA-Z]+)(?![\\w-])");
  private static final Pattern BRAND_PROPERTY = Pattern.compile("--.*(primary|brand|accent|main|theme|highlight).*");
  private static final Pattern FONT_SIZE = Pattern.compile("(?<!\\S)[\\d.]+(?:px|em|rem|pt|pc|%|vw|vh|ex|ch)?(?:\\s*/\\s*[\\d.]+[a-z%]*)?\\s+");
  private static final Pattern GOOGLE_FONTS = Pattern.compile("(?i)(https?:)?//fonts\\.googleapis\\.com/");
  private static final Set<String> GENERIC_FONTS = Set.of("serif", "sans-serif", "monospace", "cursive", "fantasy",
      "system-ui", "ui-serif", "ui-sans-serif", "ui-monospace", "ui-rounded", "emoji", "math", "fangsong",
      "inherit", "initial", "unset", "revert", "revert-layer", "-apple-system", "blinkmacsystemfont");
  private static final Set<String> COLOR_PROPERTIES = Set.of("color", "background", "background-color", "border",
      "border-color", "border-top", "border-bottom", "border-left", "border-right", "outline", "outline-color",
      "fill", "stroke", "box-shadow", "text-shadow", "caret-color", "accent-color", "text-decoration-color",
      "column-rule-color", "border-top-color", "border-bottom-color", "border-left-color", "border-right-color",
      "background-image", "theme-color");
  static final Map<String, String> NAMED_COLORS = Map.ofEntries(
      Map.entry("black", "#000000"), Map.entry("white", "#ffffff"), Map.entry("red", "#ff0000"),
      Map.entry("green", "#008000"), Map.entry("blue", "#0000ff"), Map.entry("yellow", "#ffff00"),
      Map.entry("orange", "#ffa500"), Map.entry("purple", "#800080"), Map.entry("gray", "#808080"),
      Map.entry("grey", "#808080"), Map.entry("silver", "#c0c0c0"), Map.entry("navy", "#000080"),
      Map.entry("teal", "#008080"), Map.entry("maroon", "#800000"), Map.entry("olive", "#808000"),
      Map.entry("lime", "#00ff00"), Map.entry("aqua", "#00ffff"), Map.entry("fuchsia", "#ff00ff"),
      Map.entry("pink", "#ffc0cb"), Map.entry("gold", "#ffd700"), Map.entry("crimson", "#dc143c"),
      Map.entry("tomato", "#ff6347"), Map.entry("coral", "#ff7f50"), Map.entry("indigo", "#4b0082"),
      Map.entry("rebeccapurple", "#663399"), Map.entry("whitesmoke", "#f5f5f5"));

  private final Map<String, Double> colorWeights = new LinkedHashMap<>();
  private final Map<String, Integer> familyCounts = new LinkedHashMap<>();
  private final Map<String, String> familyNames = new LinkedHashMap<>();
  private final Set<String> webFonts = new LinkedHashSet<>();

  /** Scans a stylesheet or {@code <style>} element. */
  void stylesheet(String css) {
    String clean = COMMENT.matcher(css).replaceAll(" ");
    Matcher face = FONT_FACE.matcher(clean);
    while (face.find()) {
      Matcher d = DECLARATION.matcher(face.group(1));
      while (d.find()) {
        if (d.group(1).equalsIgnoreCase("font-family")) {
          families(d.group(2)).stream().findFirst().ifPresent(this::webFont);
        }
      }
    }
    Matcher imp = IMPORT.matcher(clean);
    while (imp.find()) {
      googleFonts(imp.group(1)).forEach(this::webFont);
    }
    declarations(FONT_FACE.matcher(clean).replaceAll(" "));
  }

  /** Scans declarations such as a {@code style} attribute. */
  void declarations(String css) {
    Matcher d = DECLARATION.matcher(css);
    while (d.find()) {
      String property = d.group(1).toLowerCase(Locale.ROOT);
      String value = d.group(2);
      if (property.equals("font-family")) {
        families(value).stream().findFirst().ifPresent(this::family);
      } else if (property.equals("font")) {
        Matcher size = FONT_SIZE.matcher(value);
        int end = -1;
        while (size.find()) {
          end = size.end();
        }
        if (end > 0) {
          families(value.substring(end)).stream().findFirst().ifPresent(this::family);
        }
      }
      boolean custom = property.startsWith("--");
      if (custom || COLOR_PROPERTIES.contains(property) || property.endsWith("-color")) {
        double weight = custom && BRAND_PROPERTY.matcher(property).matches() ? 5 : 1;
        for (String c : colors(value, !custom || BRAND_PROPERTY.matcher(property).matches())) {
          color(c, weight);
        }
      }
    }
  }

  /** Counts a colour found elsewhere (e.g. a meta tag). */
  void color(String hex, double weight) {
    colorWeights.merge(hex, weight, Double::sum);
  }

  /** Records a web font loaded by the page (e.g. from a Google Fonts link). */
  void webFont(String family) {
    String f = family.trim();
    if (!f.isEmpty() && !GENERIC_FONTS.contains(f.toLowerCase(Locale.ROOT))) {
      webFonts.add(f);
    }
  }

  private void family(String family) {
    String key = family.toLowerCase(Locale.ROOT);
    familyNames.putIfAbsent(key, family);
    familyCounts.merge(key, 1, Integer::sum);
  }

  /** @return colours: theme first, chromatic before neutral, each by weight; at most {@code max} */
  List<String> rankedColors(String theme, int max) {
    List<Map.Entry<String, Double>> entries = new ArrayList<>(colorWeights.entrySet());
    entries.sort(Comparator.comparing((Map.Entry<String, Double> e) -> neutral(e.getKey()))
        .thenComparing(Map.Entry.<String, Double>comparingByValue().reversed()));
    List<String> out = new ArrayList<>();
    if (theme != null) {
      out.add(theme);
    }
    for (Map.Entry<String, Double> e : entries) {
      if (out.size() >= max) {
        break;
      }
      if (!out.contains(e.getKey())) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  /** @return web fonts first, then other families by how often they lead a font stack */
  List<String> rankedFonts(int max) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String f : webFonts) {
      if (seen.add(f.toLowerCase(Locale.ROOT)) && out.size() < max) {
        out.add(f);
      }
    }
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(familyCounts.entrySet());
    entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
    for (Map.Entry<String, Integer> e : entries) {
      if (seen.add(e.getKey()) && out.size() < max) {
        out.add(familyNames.get(e.getKey()));
      }
    }
    return out;
  }

  static List<String> families(String value) {
    List<String> out = new ArrayList<>();
    if (value.contains("var(")) {
      return out;
    }
    for (String part : value.split(",")) {
      String f = part.replace("!important", "").trim();
      if (f.length() >= 2 && (f.startsWith("\"") || f.startsWith("'"))) {
        f = f.substring(1, f.length() - (f.endsWith("\"") || f.endsWith("'") ? 1 : 0));
      }
      f = f.trim().replaceAll("\\s+", " ");
      if (!f.isEmpty() && f.length() <= 60 && !GENERIC_FONTS.contains(f.toLowerCase(Locale.ROOT))) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * Family names requested from a Google Fonts stylesheet URL ({@code css} and {@code css2}).
   *
   * @param url any URL
   * @return the families, empty if it is not a Google Fonts URL
   */
  static List<String> googleFonts(String url) {
    List<String> out = new ArrayList<>();
    String u = url.trim();
    if (!GOOGLE_FONTS.matcher(u).lookingAt()) {
      return out;
    }
    int q = u.indexOf('?');
    if (q < 0) {
      return out;
    }
    int hash = u.indexOf('#', q);
    String query = hash < 0 ? u.substring(q + 1) : u.substring(q + 1, hash);
    for (String param : query.split("&")) {
      if (!param.startsWith("family=")) {
        continue;
      }
      String value;
      try {
        value = URLDecoder.decode(param.substring(7), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        continue;
      }
      for (String fam : value.split("\\|")) {
        int colon = fam.indexOf(':');
        String name = (colon < 0 ? fam : fam.substring(0, colon)).trim();
        if (!name.isEmpty()) {
          out.add(name);
        }
      }
    }
    return out;
  }

  /**
   * Colours in a CSS value.
   *
   * @param value the value
   * @param named whether to recognise colour names (not in custom properties, which hold anything)
   * @return {@code #rrggbb} colours in order; fully transparent ones left out
   */
  static List<String> colors(String value, boolean named) {
    String v = URL_FN.matcher(value).replaceAll(" ");
    List<String> out = new ArrayList<>();
    Matcher hex = HEX.matcher(v);
    while (hex.find()) {
      parseHex(hex.group(1)).ifPresent(out::add);
    }
    Matcher fn = FUNC.matcher(v);
    while (fn.find()) {
      String name = fn.group(1).toLowerCase(Locale.ROOT);
      (name.startsWith("rgb") ? parseRgb(fn.group(2)) : parseHsl(fn.group(2))).ifPresent(out::add);
    }
    if (named) {
      Matcher n = NAMED.matcher(FUNC.matcher(v).replaceAll(" "));
      while (n.find()) {
        String c = NAMED_COLORS.get(n.group(1).toLowerCase(Locale.ROOT));
        if (c != null) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /**
   * @param value one colour value, e.g. a {@code theme-color}
   * @return it as {@code #rrggbb}
   */
  static Optional<String> parseColor(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.trim();
    List<String> found = colors(v, true);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  private static Optional<String> parseHex(String h) {
    String s = h.toLowerCase(Locale.ROOT);
    switch (s.length()) {
      case 3, 4 -> {
        if (s.length() == 4 && s.charAt(3) == '0') {
          return Optional.empty();
        }
        return Optional.of("#" + s.charAt(0) + s.charAt(0) + s.charAt(1) + s.charAt(1) + s.charAt(2) + s.charAt(2));
      }
      case 6 -> {
        return Optional.of("#" + s);
      }
      case 8 -> {
        return s.endsWith("00") ? Optional.empty() : Optional.of("#" + s.substring(0, 6));
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  private static Optional<String> parseRgb(String args) {
    String[] p = args.trim().split("[\\s,/]+");
    if (p.length < 3) {
      return Optional.empty();
    }
    int[] c = new int[3];
    for (int i = 0; i < 3; i++) {
      Double d = number(p[i], 255);
      if (d == null) {
        return Optional.empty();
      }
      c[i] = clamp((int) Math.round(d));
    }
    if (p.length >= 4) {
      Double a = number(p[3], 1);
      if (a == null || a <= 0) {
        return Optional.empty();
      }
    }
    return Optional.of(hex(c[0], c[1], c[2]));
  }

  private static Optional<String> parseHsl(String args) {
    String[] p = args.trim().split("[\\s,/]+");
    if (p.length < 3) {
      return Optional.empty();
    }
    String hs = p[0].toLowerCase(Locale.ROOT).replace("deg", "");
    Double h;
    try {
      h = Double.parseDouble(hs);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    Double s = number(p[1], 1);
    Double l = number(p[2], 1);
    if (s == null || l == null) {
      return Optional.empty();
    }
    if (p.length >= 4) {
      Double a = number(p[3], 1);
      if (a == null || a <= 0) {
        return Optional.empty();
      }
    }
    double sat = Math.min(1, Math.max(0, p[1].endsWith("%") ? s : s / 100));
    double lig = Math.min(1, Math.max(0, p[2].endsWith("%") ? l : l / 100));
    double hue = ((h % 360) + 360) % 360;
    double chroma = (1 - Math.abs(2 * lig - 1)) * sat;
    double x = chroma * (1 - Math.abs((hue / 60) % 2 - 1));
    double m = lig - chroma / 2;
    double r;
    double g;
    double b;
    if (hue < 60) {
      r = chroma; g = x; b = 0;
    } else if (hue < 120) {
      r = x; g = chroma; b = 0;
    } else if (hue < 180) {
      r = 0; g = chroma; b = x;
    } else if (hue < 240) {
      r = 0; g = x; b = chroma;
    } else if (hue < 300) {
      r = x; g = 0; b = chroma;
    } else {
      r = chroma; g = 0; b = x;
    }
    return Optional.of(hex(clamp((int) Math.round((r + m) * 255)), clamp((int) Math.round((g + m) * 255)),
        clamp((int) Math.round((b + m) * 255))));
  }

  /** A number, or a percentage of {@code full}. */
  private static Double number(String s, double full) {
    try {
      if (s.endsWith("%")) {
        return Double.parseDouble(s.substring(0, s.length() - 1)) / 100 * full;
      }
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  static String hex(int r, int g, int b) {
    return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
  }

  /** Whites, blacks and greys: low saturation, or nearly black or white. */
  static boolean neutral(String hex) {
    int r = Integer.parseInt(hex.substring(1, 3), 16);
    int g = Integer.parseInt(hex.substring(3, 5), 16);
    int b = Integer.parseInt(hex.substring(5, 7), 16);
    int max = Math.max(r, Math.max(g, b));
    int min = Math.min(r, Math.min(g, b));
    double lightness = (max + min) / 510.0;
    double sat = max == min ? 0 : (max - min) / (255.0 - Math.abs(max + min - 255.0));
    return sat < 0.15 || lightness < 0.08 || lightness > 0.96;
  }
}
