package dev.vcg.direction;

import static dev.vcg.direction.TestPlans.plan;
import static dev.vcg.direction.TestPlans.shots;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.ImageCapabilities;
import dev.vcg.provider.VideoCapabilities;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectionNormalizerTest {
  static final VideoCapabilities KLING = DirectionNormalizerCorpusTest.KLING;

  static DirectionNormalizer normalizer(double target, DirectorConstraints c) {
    return DirectionNormalizer.builder().targetDuration(target).videoCapabilities(KLING).constraints(c).build();
  }

  @Test
  void tooManyScenesIsAViolationAndTheMechanicalFixKeepsOpeningAndEnding() {
    NormalizationResult r = normalizer(30, DirectorConstraints.builder().maxScenes(3).build())
        .normalize(plan(shots(5), shots(5), shots(5), shots(5), shots(10)));
    assertThat(r.violations()).containsExactly("the plan has 5 scenes; at most 3 are allowed: merge or remove scenes");
    VideoDirection d = r.direction().orElseThrow();
    assertThat(d.scenes()).extracting(DirectedScene::name).containsExactly("S1", "S2", "S5");
    assertThat(d.scenes()).extracting(DirectedScene::id).containsExactly(1, 2, 3);
    assertThat(d.shots()).extracting(DirectedShot::id).containsExactly(1, 2, 3);
  }

  @Test
  void tooManyShotsInASceneIsAViolationTrimmedFromTheMiddle() {
    NormalizationResult r = normalizer(20, DirectorConstraints.builder().maxShotsPerScene(2).build())
        .normalize(plan(shots(5, 5, 5, 5)));
    assertThat(r.violations()).containsExactly(
        "scene 1 has 4 shots; at most 2 per scene are allowed: merge shots or move them to another scene");
    VideoDirection d = r.direction().orElseThrow();
    assertThat(d.shots()).extracting(DirectedShot::startPrompt)
        .allSatisfy(p -> assertThat(p).containsAnyOf("shot 1 ", "shot 4 "));
    assertThat(d.shots()).hasSize(2);
  }

  @Test
  void avoidedTermsAreViolationsAndAreScrubbedFromThePlan() {
    VideoDirection p = plan(shots(10, 10, 10));
    DirectedShot bloody = p.shots().get(1).toBuilder().startPrompt("a sword dripping with blood, dark forge")
        .motionPrompt("blood drips, no bloodshed shown").build();
    VideoDirection withBlood = p.withScenes(List.of(new DirectedScene(1, "S1", "", "",
        List.of(p.shots().get(0), bloody, p.shots().get(2)))));
    NormalizationResult r = normalizer(30, DirectorConstraints.builder().addAvoid("blood").build()).normalize(withBlood);
    assertThat(r.violations()).singleElement().asString()
        .contains("\"blood\" must be avoided but appears in shot 2 startPrompt/motionPrompt");
    DirectedShot fixed = r.direction().orElseThrow().shots().get(1);
    assertThat(fixed.startPrompt()).isEqualTo("a sword dripping, dark forge").doesNotContainIgnoringCase("blood ");
    assertThat(fixed.motionPrompt()).doesNotContain(" blood ").isNotBlank();
  }

  @Test
  void mustIncludeTermsAreCheckedInThePromptsToleratingPlurals() {
    DirectorConstraints c = DirectorConstraints.builder().addMustInclude("lighthouse").addMustInclude("Arabic engraving")
        .addMustInclude("wave").build();
    NormalizationResult r = normalizer(30, c).normalize(plan(shots(10, 10, 10)));
    assertThat(r.violations()).containsExactly("no shot shows \"Arabic engraving\", which the plan must include: put it "
        + "in at least one shot's startPrompt, endPrompt or motionPrompt");
    assertThat(r.direction()).isPresent();
  }

  @Test
  void aPlanFarTooLongForTheTargetLosesMiddleShotsAndSaysSo() {
    NormalizationResult r = normalizer(20, DirectorConstraints.NONE)
        .normalize(plan(shots(5, 5, 5), shots(5, 5, 5, 5), shots(5, 5, 5)));
    assertThat(r.violations()).singleElement().asString()
        .startsWith("the shots add up to 50 s, more than the 20 s target (±5 s) even with the shortest allowed clips");
    VideoDirection d = r.direction().orElseThrow();
    assertThat(d.totalDuration()).isEqualTo(25.0);
    assertThat(d.scenes()).hasSize(3);
    assertThat(d.shots().get(0).startPrompt()).contains("shot 1 ");
    assertThat(d.shots().get(d.shots().size() - 1).startPrompt()).contains("shot 10 ");
    assertThat(r.warnings()).contains("removed 5 shots from the middle of the plan to fit the 20 s target");
  }

  @Test
  void aPlanTooShortIsAViolationAskingForMoreShots() {
    NormalizationResult r = normalizer(60, DirectorConstraints.NONE).normalize(plan(shots(10, 10)));
    assertThat(r.violations()).containsExactly("the shots add up to 20 s, short of the 60 s target (±5 s) even with the "
        + "longest allowed clips (10 s): add shots");
    assertThat(r.direction().orElseThrow().totalDuration()).isEqualTo(20.0);
  }

  @Test
  void whenTheLimitsMakeTheTargetUnreachableTheNearestAchievableIsAWarningNotAViolation() {
    NormalizationResult r = normalizer(60, DirectorConstraints.builder().maxScenes(1).maxShotsPerScene(2).build())
        .normalize(plan(shots(5, 5)));
    assertThat(r.violations()).isEmpty();
    assertThat(r.direction().orElseThrow().totalDuration()).isEqualTo(20.0);
    assertThat(r.warnings()).contains("the plan is 20 s, the nearest achievable to the 60 s target within the limits "
        + "(at most 2 shots of at most 10 s)");

    NormalizationResult tiny = DirectionNormalizer.builder().targetDuration(3).allowedDurations(List.of(10)).build()
        .normalize(plan(shots(10)));
    assertThat(tiny.isClean()).isTrue();
    assertThat(tiny.warnings()).contains("the plan is 10 s, the nearest achievable to the 3 s target with clips of 10 s");
  }

  @Test
  void withoutAVideoModelShotsAreWholeSecondsFromThreeToTen() {
    NormalizationResult r = DirectionNormalizer.builder().targetDuration(20).build()
        .normalize(plan(shots(7.5, 2, 10.4)));
    assertThat(r.direction().orElseThrow().shots()).extracting(DirectedShot::duration).containsExactly(8.0, 3.0, 10.0);
    assertThat(r.warnings()).containsExactly(
        "shot 1 (scenes[0].shots[0]): 7.5 s is not a clip length the video model makes (3–10 s); snapped to 8 s",
        "shot 2 (scenes[0].shots[1]): 2 s is shorter than the video model allows (at least 3 s); snapped to 3 s",
        "shot 3 (scenes[0].shots[2]): 10.4 s is longer than the video model allows (at most 10 s); snapped to 10 s");
  }

  @Test
  void adjacentTransitionsAreMadeToAgree() {
    VideoDirection p = plan(shots(10, 10, 10));
    List<DirectedShot> s = p.shots();
    VideoDirection t = p.withScenes(List.of(new DirectedScene(1, "S1", "", "", List.of(
        s.get(0).toBuilder().transitionOut(TransitionType.CROSSFADE).build(),
        s.get(1).toBuilder().transitionIn(TransitionType.FADE_WHITE).build(),
        s.get(2).toBuilder().transitionIn(TransitionType.FADE_BLACK).build()))));
    NormalizationResult r = normalizer(30, DirectorConstraints.NONE).normalize(t);
    List<DirectedShot> out = r.direction().orElseThrow().shots();
    assertThat(out.get(1).transitionIn()).isEqualTo(TransitionType.CROSSFADE);
    assertThat(out.get(1).transitionOut()).isEqualTo(TransitionType.FADE_BLACK);
    assertThat(out.get(2).transitionIn()).isEqualTo(TransitionType.FADE_BLACK);
    assertThat(r.warnings()).containsExactly("shot 2 (scenes[0].shots[1]): transitionIn fade_white disagrees with the "
        + "previous shot's transitionOut crossfade; using crossfade");
  }

  @Test
  void overLongPromptsAreShortenedToTheModelsLimits() {
    String longPrompt = "a lighthouse on a cliff at dawn ".repeat(20).strip();
    VideoDirection p = plan(shots(10));
    VideoDirection big = p.withScenes(List.of(new DirectedScene(1, "S1", "", "",
        List.of(p.shots().get(0).toBuilder().startPrompt(longPrompt).motionPrompt(longPrompt).build()))));
    NormalizationResult r = DirectionNormalizer.forInput(
        DirectorInput.builder().concept("lighthouse").targetDuration(10).build(),
        VideoCapabilities.builder().durations(10).aspectFollowsImage(true).maxPromptLength(100).build(),
        ImageCapabilities.builder().maxPromptLength(200).build()).normalize(big);
    DirectedShot shot = r.direction().orElseThrow().shots().get(0);
    assertThat(shot.startPrompt().length()).isBetween(150, 200);
    assertThat(shot.motionPrompt().length()).isBetween(50, 100);
    // cut at a word boundary
    assertThat(longPrompt).startsWith(shot.startPrompt() + " ");
    assertThat(r.warnings()).contains("shot 1 (scenes[0].shots[0]): startPrompt was longer than 200 characters; shortened",
        "shot 1 (scenes[0].shots[0]): motionPrompt was longer than 100 characters; shortened");
  }

  @Test
  void aMissingTitleFallsBackToTheConcept() {
    String answer = TestPlans.json(plan(shots(10))).replace("\"title\":\"Lighthouse\",", "");
    NormalizationResult r = DirectionNormalizer.forInput(DirectorInput.builder()
        .concept("a lighthouse at dawn, waves crashing. Then night falls.").targetDuration(10).build(), KLING, null)
        .normalize(answer);
    assertThat(r.direction().orElseThrow().title()).isEqualTo("A lighthouse at dawn, waves crashing");
    assertThat(r.warnings()).contains("the plan has no title; using \"A lighthouse at dawn, waves crashing\"");
  }

  @Test
  void proseWithBracesBeforeThePlanIsSkipped() {
    String answer = "Plan {draft 2} for you, {\"note\": 1} and then:\n" + TestPlans.json(plan(shots(10, 10, 10)));
    assertThat(normalizer(30, DirectorConstraints.NONE).normalize(answer).isClean()).isTrue();
  }

  @Test
  void builderChecksItsArguments() {
    assertThatThrownBy(() -> DirectionNormalizer.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("targetDuration");
    assertThatThrownBy(() -> DirectionNormalizer.builder().targetDuration(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DirectionNormalizer.builder().allowedDurations(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DirectionNormalizer.builder().allowedDurations(List.of(5, 0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DirectionNormalizer.builder().toleranceSeconds(-1)).isInstanceOf(IllegalArgumentException.class);
    VideoCapabilities caps = VideoCapabilities.builder().durations(4, 8).aspectRatios(AspectRatio.SQUARE).build();
    assertThat(DirectionNormalizer.builder().targetDuration(8).videoCapabilities(caps).build().allowedDurations())
        .containsExactly(4, 8);
  }
}
