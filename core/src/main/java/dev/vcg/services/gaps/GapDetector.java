package dev.vcg.services.gaps;

import dev.vcg.direction.VideoGoal;
import dev.vcg.services.brand.AssetFacts;
import dev.vcg.services.brand.BrandColor;
import dev.vcg.services.brand.BrandProfile;
import dev.vcg.services.brand.ColorRole;
import dev.vcg.services.brand.WebsiteFacts;
import dev.vcg.services.internal.Colors;
import dev.vcg.services.text.TextAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds what a plan lacks, by these rules, most important first:
 * <ol>
 *   <li>{@link GapKind#CTA_VISUAL} — the goal is conversion and no file is an end card (role or
 *       name {@code cta} / {@code end-card});</li>
 *   <li>{@link GapKind#LOGO} — a brand known by name has no logo (none given, none on the website);
 *       a logo is not invented for a brand whose name is unknown;</li>
 *   <li>{@link GapKind#PRODUCT_SHOT} — the video sells or announces something (conversion or
 *       announcement goal, or a named brand) and there are no pictures: no image files and no
 *       images on the website;</li>
 *   <li>{@link GapKind#BACKGROUND} — no image file is wide enough to fill a frame (landscape and
 *       at least 1280 pixels wide).</li>
 * </ol>
 * Each gap comes with an image prompt in the brand's colours and tone.
 *
 * <p>Thread-safe (stateless).
 */
public final class GapDetector {
  /** The width a file needs to serve as a full-frame background. */
  public static final int FULL_FRAME_WIDTH = 1280;

  /** Creates a detector. */
  public GapDetector() {
  }

  /**
   * Detects gaps.
   *
   * @param brand the synthesised brand (may be empty)
   * @param assets the user's analysed files
   * @param site the website, or null
   * @param goal the goal, or null
   * @param text the text analysis (for the subject of prompts), or null
   * @return the gaps, most important first
   */
  public GapReport detect(BrandProfile brand, List<AssetFacts> assets, WebsiteFacts site, VideoGoal goal,
                          TextAnalysis text) {
    BrandProfile b = brand == null ? BrandProfile.builder().build() : brand;
    List<AssetFacts> files = assets == null ? List.of() : assets;
    List<AssetGap> gaps = new ArrayList<>();
    String name = b.name().orElse("the brand");
    String colors = colors(b);
    String mood = b.tone().orElse(text == null ? "modern" : text.tone());
    String subject = text == null || text.keywords().isEmpty() ? name
        : String.join(", ", text.keywords().subList(0, Math.min(3, text.keywords().size())));

    if (goal == VideoGoal.CONVERSION && files.stream().noneMatch(GapDetector::isEndCard)) {
      String cta = b.callToAction().orElse("the call to action");
      gaps.add(new AssetGap(GapKind.CTA_VISUAL, "the goal is conversion and no end card was given",
          "end card background for the call to action \"" + cta + "\" of " + name + ", bold "
              + role(b, ColorRole.ACCENT).orElse("accent") + " highlight on " + role(b, ColorRole.BACKGROUND)
              .orElse("a clean background") + ", " + colors + ", empty space in the centre for the words, no text"));
    }
    if (b.logo().isEmpty() && b.name().isPresent()) {
      gaps.add(new AssetGap(GapKind.LOGO, "no logo of " + name + " was given or found on the website",
          "simple flat vector logo mark for " + name + ", " + role(b, ColorRole.PRIMARY).orElse("a bold colour")
              + " on " + role(b, ColorRole.BACKGROUND).orElse("white") + ", centered, geometric, no text, " + mood));
    }
    boolean selling = goal == VideoGoal.CONVERSION || goal == VideoGoal.ANNOUNCEMENT || b.name().isPresent();
    boolean pictures = files.stream().anyMatch(a -> !a.isLogo()) || (site != null && !site.imageUrls().isEmpty());
    if (selling && !pictures) {
      gaps.add(new AssetGap(GapKind.PRODUCT_SHOT, "no pictures of the product or service were given or found",
          "clean hero shot of " + subject + " for " + name + ", studio lighting, " + colors + ", " + mood + " mood"));
    }
    boolean wide = files.stream().anyMatch(a -> !a.isLogo() && a.width() >= FULL_FRAME_WIDTH && a.width() > a.height());
    if (!wide) {
      gaps.add(new AssetGap(GapKind.BACKGROUND, "no file is wide enough for a full-frame background",
          "abstract background plate, soft gradient and gentle shapes, " + colors + ", " + mood
              + " mood, no text, no people"));
    }
    return new GapReport(gaps);
  }

  private static boolean isEndCard(AssetFacts a) {
    String s = (a.asset().role() + " " + (a.asset().name() == null ? "" : a.asset().name())).toLowerCase(Locale.ROOT);
    return s.contains("cta") || s.contains("end-card") || s.contains("end card") || s.contains("endcard");
  }

  private static Optional<String> role(BrandProfile b, ColorRole role) {
    return b.color(role).map(c -> Colors.parse(c.hex()).map(Colors::name).orElse("") + " " + c.hex());
  }

  /** The brand colours (primary, secondary, accent) for a prompt, or a neutral phrase. */
  static String colors(BrandProfile b) {
    List<String> hexes = b.palette().stream()
        .filter(c -> c.role() == ColorRole.PRIMARY || c.role() == ColorRole.SECONDARY || c.role() == ColorRole.ACCENT)
        .filter(c -> c.source() != BrandColor.Source.DERIVED || c.role() != ColorRole.ACCENT)
        .map(BrandColor::hex).toList();
    return hexes.isEmpty() ? "harmonious colours" : "in the brand colours " + String.join(", ", hexes);
  }

  @Override
  public String toString() {
    return "GapDetector";
  }
}
