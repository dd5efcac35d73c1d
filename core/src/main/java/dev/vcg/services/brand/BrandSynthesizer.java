package dev.vcg.services.brand;

import dev.vcg.media.DominantColor;
import dev.vcg.media.MediaRef;
import dev.vcg.services.internal.Colors;
import dev.vcg.services.text.TextAnalysis;
import dev.vcg.services.text.TextAnalyzer;
import dev.vcg.services.web.CallToAction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Merges what a website and the user's files say about a brand into one {@link BrandProfile}.
 * Deterministic and offline; every rule is stated here so a result can be explained.
 *
 * <p><b>Palette.</b> Colour candidates are weighted by where they come from: the logo's dominant
 * colours (3 × their share of the logo), the website's {@code theme-color} (2.5), the website's
 * colours (1.5 for the first, falling with rank), other images' dominant colours (0.5 × share).
 * Candidates closer than a just-noticeable distance are merged (weights add up). Then:
 * <ul>
 *   <li>{@link ColorRole#PRIMARY}: the heaviest chromatic colour;</li>
 *   <li>{@link ColorRole#SECONDARY}: the next chromatic colour that differs from the primary in
 *       hue (15°+) or lightness;</li>
 *   <li>{@link ColorRole#ACCENT}: the most saturated remaining chromatic colour at least 40° of hue
 *       from the primary; if there is none, the primary's complement ({@link BrandColor.Source#DERIVED});</li>
 *   <li>{@link ColorRole#BACKGROUND}: the heaviest very light neutral, else the heaviest very dark one, else
 *       white (derived);</li>
 *   <li>{@link ColorRole#TEXT}: the neutral with the most contrast on the background (at least 4.5:1),
 *       else near-black or white (derived).</li>
 * </ul>
 *
 * <p><b>The rest.</b> Fonts: the website's, generic families left out (at most 3). Tone: the text
 * analysis's, else the rules' reading of the website's text. Call to action: the website's first
 * one that asks to act (start, sign up, try, buy, book, download, join, subscribe, shop, order,
 * contact, demo), else its first. Name: the site name, else the title before a separator.
 * Tagline: the description if short, else the first heading. Logo: the user's logo file, else
 * the website's best logo candidate.
 *
 * <p><b>Confidence</b> adds up evidence: 0.1, + 0.3 for website colours, + 0.05 for website fonts,
 * + 0.05 for a website call to action, + 0.35 for a logo with colour, + 0.1 when logo and website
 * agree on the primary colour, + 0.05 for a tone from the text analysis; at most 0.95.
 *
 * <p>Thread-safe (stateless).
 */
public final class BrandSynthesizer {
  private static final Set<String> GENERIC_FONTS = Set.of("serif", "sans-serif", "monospace", "cursive", "fantasy",
      "system-ui", "-apple-system", "blinkmacsystemfont", "inherit", "initial", "ui-sans-serif", "ui-serif",
      "ui-monospace", "emoji", "math");
  private static final Pattern STRONG_CTA = Pattern.compile(
      "\\b(start|get started|sign ?up|try|buy|book|download|join|subscribe|shop|order|contact|demo|register|get)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[—–|·:-]\\s+");
  static final double MERGE_DISTANCE = 40;

  /** Creates a synthesizer. */
  public BrandSynthesizer() {
  }

  private static final class Cluster {
    int rgb;
    double weight;
    double bestWeight;
    BrandColor.Source source;
    final Set<BrandColor.Source> sources = EnumSet.noneOf(BrandColor.Source.class);

    Cluster(int rgb, double weight, BrandColor.Source source) {
      this.rgb = rgb;
      this.weight = weight;
      this.bestWeight = weight;
      this.source = source;
      sources.add(source);
    }
  }

  /**
   * Synthesises a brand. Every argument may be missing: the profile then says less and is less
   * confident.
   *
   * @param site what the website says, or null
   * @param assets the user's analysed files (logos and images), possibly empty
   * @param text the analysis of the request's text, or null
   * @return the profile
   */
  public BrandProfile synthesize(WebsiteFacts site, List<AssetFacts> assets, TextAnalysis text) {
    List<AssetFacts> files = assets == null ? List.of() : assets;
    BrandProfile.Builder out = BrandProfile.builder();
    List<String> sources = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    double confidence = 0.1;

    List<Cluster> clusters = new ArrayList<>();
    boolean logoColor = false;
    for (AssetFacts a : files) {
      double factor = a.isLogo() ? 3 : 0.5;
      BrandColor.Source src = a.isLogo() ? BrandColor.Source.LOGO : BrandColor.Source.IMAGES;
      for (DominantColor c : a.colors()) {
        if (c.share() >= 0.03) {
          add(clusters, c.rgb() & 0xffffff, factor * c.share(), src);
          logoColor |= a.isLogo() && !Colors.isNeutral(c.rgb() & 0xffffff);
        }
      }
    }
    boolean siteColors = false;
    if (site != null) {
      sources.add("website");
      if (site.themeColor() != null) {
        Colors.parse(site.themeColor()).ifPresent(rgb -> add(clusters, rgb, 2.5, BrandColor.Source.THEME_COLOR));
      }
      int rank = 0;
      for (String c : site.colors()) {
        int r = rank++;
        Colors.parse(c).ifPresent(rgb -> add(clusters, rgb, 1.5 / (1 + 0.5 * r), BrandColor.Source.WEBSITE));
      }
      siteColors = !site.colors().isEmpty() || site.themeColor() != null;
    }
    if (files.stream().anyMatch(AssetFacts::isLogo)) {
      sources.add("logo");
    }
    if (files.stream().anyMatch(a -> !a.isLogo())) {
      sources.add("images");
    }

    List<BrandColor> palette = palette(clusters, warnings);
    out.palette(palette);
    if (siteColors) {
      confidence += 0.3;
    }
    if (logoColor) {
      confidence += 0.35;
      Cluster primary = clusters.stream().filter(c -> palette.stream().anyMatch(p -> p.role() == ColorRole.PRIMARY
          && p.hex().equals(Colors.hex(c.rgb)))).findFirst().orElse(null);
      if (primary != null && primary.sources.contains(BrandColor.Source.LOGO)
          && (primary.sources.contains(BrandColor.Source.WEBSITE) || primary.sources.contains(BrandColor.Source.THEME_COLOR))) {
        confidence += 0.1;
      }
    }

    if (site != null) {
      List<String> fonts = new ArrayList<>();
      for (String f : site.fonts()) {
        if (!GENERIC_FONTS.contains(f.strip().toLowerCase(Locale.ROOT)) && fonts.size() < 3) {
          fonts.add(f.strip());
        }
      }
      out.fonts(fonts);
      if (!fonts.isEmpty()) {
        confidence += 0.05;
      }
      String cta = callToAction(site.callsToAction());
      out.callToAction(cta);
      if (cta != null) {
        confidence += 0.05;
      }
      out.name(name(site));
      out.tagline(tagline(site));
    }
    if (text != null) {
      out.tone(text.tone());
      sources.add("text");
      confidence += 0.05;
    } else if (site != null) {
      String siteText = String.join(" ", site.title(), site.description(), String.join(" ", site.headings()), site.text());
      if (!siteText.isBlank()) {
        out.tone(TextAnalyzer.byRules(siteText).tone());
      }
    }

    MediaRef logo = files.stream().filter(AssetFacts::isLogo).map(a -> a.asset().media()).findFirst()
        .orElseGet(() -> site == null || site.logoUrls().isEmpty() ? null : MediaRef.url(site.logoUrls().get(0)));
    out.logo(logo);
    if (logo == null) {
      warnings.add("no logo was given or found on the website");
    }
    if (site == null && files.isEmpty()) {
      warnings.add("no website or files: the brand is unknown");
    }
    return out.confidence(Math.round(Math.min(0.95, confidence) * 100) / 100.0).sources(sources)
        .warnings(warnings).build();
  }

  private static void add(List<Cluster> clusters, int rgb, double weight, BrandColor.Source source) {
    for (Cluster c : clusters) {
      if (Colors.distance(c.rgb, rgb) < MERGE_DISTANCE) {
        c.weight += weight;
        c.sources.add(source);
        if (weight > c.bestWeight) {
          c.bestWeight = weight;
          c.rgb = rgb;
          c.source = source;
        }
        return;
      }
    }
    clusters.add(new Cluster(rgb, weight, source));
  }

  private static List<BrandColor> palette(List<Cluster> clusters, List<String> warnings) {
    List<Cluster> chromatic = clusters.stream().filter(c -> !Colors.isNeutral(c.rgb))
        .sorted(Comparator.comparingDouble((Cluster c) -> -c.weight)).toList();
    List<Cluster> neutral = clusters.stream().filter(c -> Colors.isNeutral(c.rgb))
        .sorted(Comparator.comparingDouble((Cluster c) -> -c.weight)).toList();
    List<BrandColor> out = new ArrayList<>();
    Cluster primary = chromatic.isEmpty() ? null : chromatic.get(0);
    Cluster secondary = null;
    if (primary == null) {
      warnings.add("no brand colours were found; the palette has only a background and a text colour");
    } else {
      out.add(new BrandColor(Colors.hex(primary.rgb), ColorRole.PRIMARY, primary.source));
      double[] p = Colors.hsl(primary.rgb);
      for (Cluster c : chromatic.subList(1, chromatic.size())) {
        double[] h = Colors.hsl(c.rgb);
        if (Colors.hueDistance(p[0], h[0]) >= 15 || Math.abs(p[2] - h[2]) >= 0.2) {
          secondary = c;
          out.add(new BrandColor(Colors.hex(c.rgb), ColorRole.SECONDARY, c.source));
          break;
        }
      }
      Cluster accent = null;
      double best = -1;
      for (Cluster c : chromatic) {
        if (c == primary || c == secondary) {
          continue;
        }
        double[] h = Colors.hsl(c.rgb);
        boolean farFromPrimary = Colors.hueDistance(p[0], h[0]) >= 40;
        boolean farFromSecondary = secondary == null || Colors.hueDistance(Colors.hsl(secondary.rgb)[0], h[0]) >= 20;
        double score = h[1] * (1 + c.weight);
        if (farFromPrimary && farFromSecondary && score > best) {
          best = score;
          accent = c;
        }
      }
      if (accent != null) {
        out.add(new BrandColor(Colors.hex(accent.rgb), ColorRole.ACCENT, accent.source));
      } else {
        int complement = Colors.fromHsl((p[0] + 180) % 360, Math.max(0.5, p[1]), 0.5);
        out.add(new BrandColor(Colors.hex(complement), ColorRole.ACCENT, BrandColor.Source.DERIVED));
      }
    }
    Cluster background = neutral.stream().filter(c -> Colors.hsl(c.rgb)[2] >= 0.85).findFirst()
        .orElseGet(() -> neutral.stream().filter(c -> Colors.hsl(c.rgb)[2] <= 0.15).findFirst().orElse(null));
    int bg = background == null ? 0xffffff : background.rgb;
    out.add(new BrandColor(Colors.hex(bg), ColorRole.BACKGROUND,
        background == null ? BrandColor.Source.DERIVED : background.source));
    Cluster text = neutral.stream().filter(c -> c != background && Colors.contrast(c.rgb, bg) >= 4.5)
        .max(Comparator.comparingDouble(c -> Colors.contrast(c.rgb, bg))).orElse(null);
    if (text != null) {
      out.add(new BrandColor(Colors.hex(text.rgb), ColorRole.TEXT, text.source));
    } else {
      int t = Colors.luminance(bg) > 0.4 ? 0x111111 : 0xffffff;
      out.add(new BrandColor(Colors.hex(t), ColorRole.TEXT, BrandColor.Source.DERIVED));
    }
    return out;
  }

  static String callToAction(List<CallToAction> ctas) {
    for (CallToAction c : ctas) {
      if (STRONG_CTA.matcher(c.text()).find()) {
        return c.text();
      }
    }
    return ctas.isEmpty() ? null : ctas.get(0).text();
  }

  static String name(WebsiteFacts site) {
    if (site.siteName() != null && !site.siteName().isBlank()) {
      return site.siteName();
    }
    String t = site.title().strip();
    if (t.isEmpty()) {
      return site.url().getHost();
    }
    String first = TITLE_SEPARATOR.split(t, 2)[0].strip();
    return first.length() <= 60 ? first : null;
  }

  static String tagline(WebsiteFacts site) {
    String d = site.description().strip();
    if (!d.isEmpty() && d.length() <= 120) {
      return d;
    }
    return site.headings().stream().filter(h -> !h.isBlank() && h.length() <= 80).findFirst().orElse(null);
  }

  @Override
  public String toString() {
    return "BrandSynthesizer";
  }
}
