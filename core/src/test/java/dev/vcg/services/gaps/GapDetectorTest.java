package dev.vcg.services.gaps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.InputAsset;
import dev.vcg.direction.VideoGoal;
import dev.vcg.media.MediaRef;
import dev.vcg.services.brand.AssetFacts;
import dev.vcg.services.brand.BrandColor;
import dev.vcg.services.brand.BrandProfile;
import dev.vcg.services.brand.ColorRole;
import dev.vcg.services.text.TextAnalyzer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GapDetectorTest {
  private final GapDetector detector = new GapDetector();

  private static BrandProfile brand(boolean logo) {
    BrandProfile.Builder b = BrandProfile.builder().name("Brewtiful").callToAction("Start your free trial")
        .addColor(new BrandColor("#6f3b1f", ColorRole.PRIMARY, BrandColor.Source.LOGO))
        .addColor(new BrandColor("#f2a541", ColorRole.SECONDARY, BrandColor.Source.WEBSITE))
        .addColor(new BrandColor("#1f8a70", ColorRole.ACCENT, BrandColor.Source.WEBSITE))
        .addColor(new BrandColor("#fffaf3", ColorRole.BACKGROUND, BrandColor.Source.WEBSITE))
        .tone("warm").sources(List.of("website"));
    if (logo) {
      b.logo(MediaRef.file(Path.of("logo.png")));
    }
    return b.build();
  }

  private static AssetFacts file(String role, String name, int w, int h) {
    return new AssetFacts(new InputAsset(MediaRef.file(Path.of(name)), role, name), "image/png", w, h, List.of(),
        false, 0.5, null, List.of());
  }

  @Test
  void aConversionVideoWithNothingLacksEverythingMostImportantFirst() {
    GapReport r = detector.detect(brand(false), List.of(), null, VideoGoal.CONVERSION,
        TextAnalyzer.byRules("coffee subscription by bike"));
    assertThat(r.hasGaps()).isTrue();
    assertThat(r.gaps()).extracting(AssetGap::kind)
        .containsExactly(GapKind.CTA_VISUAL, GapKind.LOGO, GapKind.PRODUCT_SHOT, GapKind.BACKGROUND);
    assertThat(r.gaps().get(0).prompt()).contains("\"Start your free trial\"").contains("#1f8a70").contains("#fffaf3");
    assertThat(r.gaps().get(1).prompt()).contains("logo mark for Brewtiful").contains("#6f3b1f");
    assertThat(r.gaps().get(2).prompt()).contains("coffee").contains("#6f3b1f, #f2a541, #1f8a70");
    assertThat(r.gaps()).allSatisfy(g -> assertThat(g.reason()).isNotBlank());
  }

  @Test
  void givenFilesCloseTheirGaps() {
    GapReport r = detector.detect(brand(true), List.of(file("image", "hero.png", 1920, 1080),
        file("cta", "end-card.png", 1920, 1080)), null, VideoGoal.CONVERSION, null);
    assertThat(r.hasGaps()).isFalse();
  }

  @Test
  void aSmallPortraitPictureIsNoBackgroundAndUnnamedBrandsGetNoLogoOrProductShot() {
    GapReport r = detector.detect(BrandProfile.builder().build(), List.of(file("image", "tall.png", 600, 900)), null,
        VideoGoal.EDUCATION, null);
    assertThat(r.gaps()).extracting(AssetGap::kind).containsExactly(GapKind.BACKGROUND);
    assertThat(r.gaps().get(0).prompt()).contains("harmonious colours");
  }
}
