package dev.vcg.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.direction.AiDirector;
import dev.vcg.direction.BrandContext;
import dev.vcg.direction.CameraMove;
import dev.vcg.direction.DirectedScene;
import dev.vcg.direction.DirectedShot;
import dev.vcg.direction.DirectionNormalizer;
import dev.vcg.direction.DirectionResult;
import dev.vcg.direction.DirectionSource;
import dev.vcg.direction.DirectorConstraints;
import dev.vcg.direction.DirectorInput;
import dev.vcg.direction.NormalizationResult;
import dev.vcg.direction.TransitionType;
import dev.vcg.direction.VideoDirection;
import dev.vcg.direction.VideoGoal;
import dev.vcg.direction.VideoStyle;
import dev.vcg.internal.Json;
import dev.vcg.provider.AspectRatio;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RulePlannerTest {
  static final RulePlanner PLANNER = RulePlanner.create();
  static final String CONCEPT = "Epic blacksmith forge revealing the Hamza Labs emblem with fire, molten gold and "
      + "dramatic lighting";
  static final List<SortedSet<Integer>> DURATION_SETS = List.of(set(5, 10), DirectionNormalizer.DEFAULT_SHOT_SECONDS,
      set(4, 6, 8), set(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), set(6));

  static SortedSet<Integer> set(Integer... v) {
    return new TreeSet<>(List.of(v));
  }

  static DirectorInput input(VideoStyle style, double target) {
    return DirectorInput.builder().concept(CONCEPT).style(style).targetDuration(target).build();
  }

  static String json(VideoDirection d) {
    try {
      return Json.mapper().writeValueAsString(d);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static NormalizationResult check(DirectorInput in, SortedSet<Integer> allowed, VideoDirection plan) {
    return DirectionNormalizer.builder().targetDuration(in.targetDuration()).allowedDurations(allowed)
        .constraints(in.constraints()).build().normalize(plan);
  }

  @ParameterizedTest
  @EnumSource(VideoStyle.class)
  void plansAreValidForManySeedsTargetsAndClipLengths(VideoStyle style) {
    int plans = 0;
    for (SortedSet<Integer> allowed : DURATION_SETS) {
      for (double target : new double[] {4, 12, 30, 47, 95, 180}) {
        for (long seed = 0; seed < 8; seed++) {
          DirectorInput in = input(style, target);
          VideoDirection plan = PLANNER.plan(in, allowed, seed);
          NormalizationResult r = check(in, allowed, plan);
          String where = style + " " + target + " s " + allowed + " seed " + seed;
          assertThat(r.errors()).as(where).isEmpty();
          assertThat(r.violations()).as(where).isEmpty();
          assertThat(r.warnings()).as(where).isEmpty();
          assertThat(r.direction().orElseThrow()).as(where).isEqualTo(plan);
          assertThat(plan.shots()).as(where).allSatisfy(s -> assertThat(allowed).contains((int) s.duration()));
          assertThat(plan.totalDuration()).as(where).isEqualTo(plan.shotDuration());
          if (target >= allowed.first()) {
            assertThat(Math.abs(plan.totalDuration() - target)).as(where).isLessThanOrEqualTo(5.0);
          }
          plans++;
        }
      }
    }
    assertThat(plans).isEqualTo(DURATION_SETS.size() * 6 * 8);
  }

  @Test
  void theSameSeedGivesTheSamePlan() {
    for (VideoStyle style : VideoStyle.values()) {
      DirectorInput in = input(style, 42);
      assertThat(json(PLANNER.plan(in, 7L))).isEqualTo(json(PLANNER.plan(in, 7L)));
      assertThat(PLANNER.plan(in, 7L)).isEqualTo(PLANNER.plan(in, 7L));
    }
  }

  @Test
  void otherSeedsGiveOtherPlans() {
    DirectorInput in = input(VideoStyle.CINEMATIC, 45);
    Set<String> distinct = new HashSet<>();
    Set<List<CameraMove>> moves = new HashSet<>();
    Set<List<Double>> timings = new HashSet<>();
    for (long seed = 0; seed < 20; seed++) {
      VideoDirection p = PLANNER.plan(in, seed);
      distinct.add(json(p));
      moves.add(p.shots().stream().map(DirectedShot::cameraMove).toList());
      timings.add(p.shots().stream().map(DirectedShot::duration).toList());
    }
    assertThat(distinct).hasSize(20);
    assertThat(moves.size()).isGreaterThanOrEqualTo(15);
    assertThat(timings.size()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void aPlanFollowsTheArcOverScenes() {
    VideoDirection p = PLANNER.plan(input(VideoStyle.CINEMATIC, 60), 3L);
    assertThat(p.scenes()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(p.scenes().get(0).description()).startsWith("Establishing");
    assertThat(p.scenes().get(p.scenes().size() - 1).description()).startsWith("Resolution");
    assertThat(p.scenes()).anySatisfy(s -> assertThat(s.description()).startsWith("The peak"));
    assertThat(p.narrative()).contains("60-second cinematic video about");
    assertThat(p.title()).isEqualTo("Epic Blacksmith Forge Revealing the Hamza");
    assertThat(p.totalDuration()).isEqualTo(60.0);
  }

  @Test
  void promptsAreBuiltFromTheConcept() {
    VideoDirection p = PLANNER.plan(input(VideoStyle.DRAMATIC, 30), 1L);
    assertThat(p.shots()).allSatisfy(s -> {
      assertThat(s.startPrompt()).contains("of Epic blacksmith forge revealing the Hamza Labs emblem with fire, ");
      assertThat(s.endPrompt()).contains("dramatic, moody, high contrast");
    });
    String all = p.shots().stream().map(s -> s.startPrompt() + s.endPrompt() + s.motionPrompt())
        .collect(Collectors.joining(" "));
    assertThat(all).containsAnyOf("molten", "gold", "fire", "emblem", "blacksmith");
  }

  @Test
  void stylesShapeCameraTransitionsAndPacing() {
    double energetic = meanShot(VideoStyle.ENERGETIC);
    double cinematic = meanShot(VideoStyle.CINEMATIC);
    assertThat(energetic).isLessThan(cinematic - 2);
    Set<TransitionType> energeticCuts = transitions(VideoStyle.ENERGETIC);
    assertThat(energeticCuts).containsAnyOf(TransitionType.WIPE_LEFT, TransitionType.WIPE_RIGHT);
    assertThat(transitions(VideoStyle.DOCUMENTARY)).doesNotContain(TransitionType.WIPE_LEFT, TransitionType.WIPE_RIGHT,
        TransitionType.FADE_WHITE);
    for (long seed = 0; seed < 10; seed++) {
      VideoDirection dramatic = PLANNER.plan(input(VideoStyle.DRAMATIC, 40), seed);
      assertThat(dramatic.shots().get(dramatic.shots().size() - 1).transitionOut()).isEqualTo(TransitionType.FADE_BLACK);
      assertThat(dramatic.shots().get(0).transitionIn()).isEqualTo(TransitionType.FADE_BLACK);
      VideoDirection minimal = PLANNER.plan(input(VideoStyle.MINIMAL, 40), seed);
      assertThat(minimal.shots()).allSatisfy(s -> assertThat(s.cameraMove())
          .isIn(CameraMove.STATIC, CameraMove.PUSH_IN, CameraMove.PULL_OUT, CameraMove.PAN_RIGHT));
      assertThat(minimal.shots().get(0).startPrompt()).contains("minimalist, clean composition");
    }
  }

  static double meanShot(VideoStyle style) {
    return IntStream.range(0, 10).mapToObj(seed -> PLANNER.plan(input(style, 60), seed))
        .flatMap(p -> p.shots().stream()).mapToDouble(DirectedShot::duration).average().orElseThrow();
  }

  static Set<TransitionType> transitions(VideoStyle style) {
    return IntStream.range(0, 10).mapToObj(seed -> PLANNER.plan(input(style, 60), seed))
        .flatMap(p -> p.shots().stream()).map(DirectedShot::transitionOutOrCut).collect(Collectors.toSet());
  }

  @Test
  void aStyleIsGuessedFromTheConceptWhenNoneIsGiven() {
    assertThat(RulePlanner.guessStyle("a fun cartoon about a puppy")).isEqualTo(VideoStyle.PLAYFUL);
    assertThat(RulePlanner.guessStyle("SaaS product demo for a fintech startup")).isEqualTo(VideoStyle.CORPORATE);
    assertThat(RulePlanner.guessStyle("wildlife of the Serengeti")).isEqualTo(VideoStyle.DOCUMENTARY);
    assertThat(RulePlanner.guessStyle("a lighthouse at dawn")).isEqualTo(VideoStyle.CINEMATIC);
    VideoDirection p = PLANNER.plan(DirectorInput.builder().concept("a high-energy workout with dance moves").build(), 1L);
    assertThat(p.narrative()).contains("energetic video");
  }

  @Test
  void continuousBoundariesShareTheirFrame() {
    for (long seed = 0; seed < 10; seed++) {
      List<DirectedShot> shots = PLANNER.plan(input(VideoStyle.CINEMATIC, 60), seed).shots();
      for (int i = 1; i < shots.size(); i++) {
        if (shots.get(i - 1).transitionOutOrCut().isContinuous()) {
          assertThat(shots.get(i).startPrompt()).isEqualTo(shots.get(i - 1).endPrompt());
        }
      }
    }
  }

  @Test
  void theAspectRatioShapesTheComposition() {
    DirectorInput vertical = input(VideoStyle.PLAYFUL, 20).toBuilder().aspectRatio(AspectRatio.PORTRAIT_9_16).build();
    assertThat(PLANNER.plan(vertical, 1L).shots()).allSatisfy(s ->
        assertThat(s.endPrompt()).contains("vertical 9:16 composition, subject centred"));
    DirectorInput square = input(VideoStyle.PLAYFUL, 20).toBuilder().aspectRatio(AspectRatio.SQUARE).build();
    assertThat(PLANNER.plan(square, 1L).shots().get(0).endPrompt()).contains("square composition");
  }

  @Test
  void constraintsAreHonoured() {
    DirectorConstraints c = DirectorConstraints.builder().maxScenes(2).maxShotsPerScene(3)
        .addMustInclude("Arabic engraving").addMustInclude("anvil").addAvoid("fire").addAvoid("dramatic").build();
    for (long seed = 0; seed < 20; seed++) {
      DirectorInput in = input(VideoStyle.DRAMATIC, 45).toBuilder().constraints(c).build();
      VideoDirection p = PLANNER.plan(in, set(5, 10), seed);
      assertThat(p.scenes()).hasSizeLessThanOrEqualTo(2);
      assertThat(p.scenes()).allSatisfy(s -> assertThat(s.shots()).hasSizeLessThanOrEqualTo(3));
      String text = json(p).toLowerCase();
      assertThat(text).contains("arabic engraving", "anvil").doesNotContain("fire").doesNotContain("dramatic");
      assertThat(check(in, set(5, 10), p).isClean()).isTrue();
    }
  }

  @Test
  void whenTheLimitsCannotReachTheTargetThePlanIsTheNearestAchievable() {
    DirectorInput in = input(VideoStyle.CINEMATIC, 120).toBuilder()
        .constraints(DirectorConstraints.builder().maxScenes(2).maxShotsPerScene(2).build()).build();
    VideoDirection p = PLANNER.plan(in, set(5, 10), 1L);
    assertThat(p.shots()).hasSize(4);
    assertThat(p.totalDuration()).isEqualTo(40.0);
  }

  @Test
  void theBrandAndGoalShapeTheEnding() {
    DirectorInput in = input(VideoStyle.CORPORATE, 30).toBuilder().goal(VideoGoal.CONVERSION)
        .brand(BrandContext.builder().name("Hamza Labs").addColor("#C9A227").addColor("black").tone("confident")
            .callToAction("Visit hamzalabs.dev").build()).build();
    VideoDirection p = PLANNER.plan(in, 2L);
    DirectedShot last = p.shots().get(p.shots().size() - 1);
    assertThat(last.endPrompt()).contains("end card with the words \"Visit hamzalabs.dev\"", "the Hamza Labs logo");
    assertThat(p.shots()).allSatisfy(s -> {
      assertThat(s.colorPalette()).isEqualTo("#C9A227, black");
      assertThat(s.endPrompt()).contains("in the brand colours #C9A227, black");
    });
    assertThat(p.scenes()).allSatisfy(s -> assertThat(s.mood()).endsWith(", confident"));
  }

  @Test
  void aTemplatesStructureIsFollowed() {
    VideoDirection template = PLANNER.plan(input(VideoStyle.ENERGETIC, 30), set(5, 10), 9L);
    DirectorInput in = DirectorInput.builder().concept("a skateboarder at sunset").targetDuration(30)
        .template(template).build();
    VideoDirection p = PLANNER.plan(in, set(5, 10), 1L);
    assertThat(p.scenes()).extracting(s -> s.shots().size())
        .containsExactlyElementsOf(template.scenes().stream().map(s -> s.shots().size()).toList());
    assertThat(p.shots()).extracting(DirectedShot::duration)
        .containsExactlyElementsOf(template.shots().stream().map(DirectedShot::duration).toList());
    assertThat(p.shots().get(0).startPrompt()).contains("skateboarder at sunset");
  }

  @Test
  void shotLengthsFromAReferenceAreFollowed() {
    DirectorInput in = DirectorInput.builder().concept("ocean waves").targetDuration(24)
        .shotDurations(List.of(3.2, 5.9, 8.1, 6.4)).build();
    VideoDirection p = PLANNER.plan(in, DirectionNormalizer.DEFAULT_SHOT_SECONDS, 1L);
    assertThat(p.shots()).extracting(DirectedShot::duration).containsExactly(3.0, 6.0, 8.0, 6.0);
  }

  @Test
  void refiningBiasesTheCameraAddsWhatIsAskedAndKeepsTheTitle() {
    DirectorInput in = input(VideoStyle.DOCUMENTARY, 40);
    VideoDirection v1 = PLANNER.plan(in, 1L);
    VideoDirection v2 = PLANNER.refine(v1, in, "More close-ups, and add a glowing hammer. Faster please",
        DirectionNormalizer.DEFAULT_SHOT_SECONDS, 2L);
    assertThat(v2.title()).isEqualTo(v1.title());
    long pushes = v2.shots().stream().filter(s -> s.cameraMove() == CameraMove.PUSH_IN).count();
    assertThat(pushes).isGreaterThanOrEqualTo(v2.shots().size() / 3);
    assertThat(json(v2)).contains("glowing hammer");
    assertThat(v2.shots().size()).isGreaterThan(v1.shots().size());
    assertThat(check(in, DirectionNormalizer.DEFAULT_SHOT_SECONDS, v2).isClean()).isTrue();
  }

  @Test
  void theDirectorPlansWithItWhenNoLanguageModelIsConfigured() {
    AiDirector director = AiDirector.builder().seed(5L).build();
    DirectionResult r = director.direct(input(VideoStyle.PLAYFUL, 30));
    assertThat(r.source()).isEqualTo(DirectionSource.OFFLINE);
    assertThat(r.direction()).isEqualTo(PLANNER.plan(input(VideoStyle.PLAYFUL, 30), 5L));
    assertThat(r.warnings()).containsExactly("planned offline by rules: no language model is configured");
    DirectionResult v2 = director.refine(r, "make it 20 seconds with more close-ups");
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.direction().totalDuration()).isBetween(15.0, 25.0);
    assertThat(v2.direction()).isNotEqualTo(r.direction());
    assertThat(v2.direction().scenes()).extracting(DirectedScene::id).startsWith(1);
  }
}
