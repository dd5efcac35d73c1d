package dev.vcg.services.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.direction.VideoDirection;
import dev.vcg.direction.VideoGoal;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.VideoCapabilities;
import dev.vcg.services.brand.BrandColor;
import dev.vcg.services.brand.BrandProfile;
import dev.vcg.services.brand.ColorRole;
import dev.vcg.services.fixtures.Fixtures;
import dev.vcg.services.plan.PlanBrief;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityValidatorTest {
  static final BrandProfile BRAND = BrandProfile.builder().name("Brewtiful").callToAction("Start your free trial")
      .addColor(new BrandColor("#6f3b1f", ColorRole.PRIMARY, BrandColor.Source.LOGO))
      .addColor(new BrandColor("#f2a541", ColorRole.SECONDARY, BrandColor.Source.WEBSITE))
      .confidence(0.8).sources(List.of("logo", "website")).build();
  static final QualityValidator NO_MODEL = QualityValidator.of(null);

  static PlanBrief brief(VideoGoal goal) {
    return PlanBrief.builder().concept("Brewtiful promo").targetDuration(30).goal(goal).brand(BRAND).build();
  }

  @Test
  void catchesAConversionPlanWithoutACallToActionInTheLastScene() {
    VideoDirection plan = Fixtures.plan(new String[] {"Brewtiful beans in brown #6f3b1f", "roaster in #f2a541 light",
        "espresso pour, brand colours"}, new String[] {"a courier cycles through Lisbon", "a happy customer sips",
        "sunset over the river"});
    QualityReport r = NO_MODEL.validate(plan, brief(VideoGoal.CONVERSION));
    assertThat(r.passed()).isFalse();
    assertThat(r.issues(QualityIssue.Category.GOAL)).singleElement().satisfies(i -> {
      assertThat(i.severity()).isEqualTo(QualityIssue.Severity.ERROR);
      assertThat(i.message()).contains("conversion").contains("last scene has no call to action")
          .contains("\"Start your free trial\"");
      assertThat(i.shotId()).isEqualTo(6);
    });
    assertThat(r.score()).isEqualTo(0.75);

    VideoDirection fixed = Fixtures.plan(new String[] {"Brewtiful beans in brown #6f3b1f", "roaster in #f2a541 light",
        "espresso pour, brand colours"}, new String[] {"a courier in brown", "a happy customer sips",
        "end card: Start your free trial"});
    QualityReport ok = NO_MODEL.validate(fixed, brief(VideoGoal.CONVERSION));
    assertThat(ok.issues(QualityIssue.Category.GOAL)).isEmpty();
    assertThat(ok.passed()).isTrue();
    assertThat(ok.score()).isEqualTo(1.0);
    assertThat(ok.confidence()).isEqualTo(0.95);
  }

  @Test
  void checksTheBrandPaletteIsUsedInPrompts() {
    VideoDirection none = Fixtures.plan(new String[] {"a grey street", "a white cup"}, new String[] {"sign up now"});
    QualityReport r = NO_MODEL.validate(none, brief(null).toBuilder().targetDuration(15).build());
    assertThat(r.issues(QualityIssue.Category.BRAND)).extracting(QualityIssue::severity)
        .containsExactly(QualityIssue.Severity.ERROR, QualityIssue.Severity.INFO);
    assertThat(r.issues(QualityIssue.Category.BRAND).get(0).message()).contains("#6f3b1f, #f2a541");

    VideoDirection some = Fixtures.plan(new String[] {"Brewtiful cup in #6f3b1f", "a street"},
        new String[] {"a bike", "a door"});
    QualityReport partly = NO_MODEL.validate(some, brief(null).toBuilder().targetDuration(20).build());
    assertThat(partly.issues(QualityIssue.Category.BRAND)).singleElement()
        .satisfies(i -> assertThat(i.message()).contains("only 1 of 4 shots"));
  }

  @Test
  void checksTechnicalValidityAgainstTheVideoModel() {
    VideoCapabilities kling = VideoCapabilities.builder().durations(5, 10).endFrame(false)
        .aspectRatios(AspectRatio.LANDSCAPE_16_9, AspectRatio.SQUARE).maxPromptLength(10).build();
    VideoDirection plan = Fixtures.plan(new String[] {"Brewtiful in #6f3b1f"});
    PlanBrief brief = PlanBrief.builder().concept("x").targetDuration(30).aspectRatio(AspectRatio.PORTRAIT_9_16).build();
    QualityReport r = QualityValidator.of(kling).validate(plan, brief);
    assertThat(r.issues(QualityIssue.Category.TECHNICAL)).extracting(QualityIssue::severity).containsExactly(
        QualityIssue.Severity.ERROR, QualityIssue.Severity.WARNING, QualityIssue.Severity.WARNING,
        QualityIssue.Severity.INFO);
    assertThat(r.issues().get(0).message()).contains("9:16");
    assertThat(r.issues()).anyMatch(i -> i.message().contains("the plan runs 5 s; the request asks for 30 s"))
        .anyMatch(i -> i.message().contains("motion prompt")).anyMatch(i -> i.message().contains("end frames"));
    // 1 − 0.25 − 2 × 0.1 − 0.02
    assertThat(r.score()).isEqualTo(0.53);
  }

  @Test
  void goalRulesForAwarenessEngagementAndEducation() {
    VideoDirection oneShot = Fixtures.plan(new String[] {"a #6f3b1f cup"});
    PlanBrief b = brief(VideoGoal.AWARENESS).toBuilder().targetDuration(5).build();
    assertThat(NO_MODEL.validate(oneShot, b).issues(QualityIssue.Category.GOAL)).singleElement()
        .satisfies(i -> assertThat(i.message()).contains("awareness"));
    assertThat(NO_MODEL.validate(oneShot, b.toBuilder().goal(VideoGoal.EDUCATION).build())
        .issues(QualityIssue.Category.GOAL)).singleElement().satisfies(i -> assertThat(i.message()).contains("3 steps"));
    assertThat(NO_MODEL.validate(oneShot, b.toBuilder().goal(VideoGoal.ENGAGEMENT).build())
        .issues(QualityIssue.Category.GOAL)).isEmpty();
  }
}
