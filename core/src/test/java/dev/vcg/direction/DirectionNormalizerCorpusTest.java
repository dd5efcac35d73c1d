package dev.vcg.direction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.VideoCapabilities;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A corpus of broken language-model answers (in {@code src/test/resources/director-corpus}) and
 * what the normaliser must make of each.
 */
class DirectionNormalizerCorpusTest {
  static final VideoCapabilities KLING = VideoCapabilities.builder().durations(5, 10)
      .aspectRatios(AspectRatio.LANDSCAPE_16_9, AspectRatio.PORTRAIT_9_16, AspectRatio.SQUARE).endFrame(true).build();

  static final DirectionNormalizer NORMALIZER = DirectionNormalizer.builder().targetDuration(30)
      .videoCapabilities(KLING).fallbackTitle("Forge").build();

  static String corpus(String name) {
    try (InputStream in = DirectionNormalizerCorpusTest.class.getResourceAsStream("/director-corpus/" + name)) {
      assertThat(in).as("corpus file " + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  enum Outcome { CLEAN, WARNED, ERROR }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      valid-plain.json         | CLEAN  |
      prose-and-fence.txt      | CLEAN  |
      prose-no-fence.txt       | CLEAN  |
      lenient-syntax.txt       | CLEAN  |
      snake-case.json          | CLEAN  |
      wrapped.json             | CLEAN  |
      per-scene-ids.json       | CLEAN  |
      truncated.txt            | ERROR  | the JSON is cut off
      malformed.txt            | ERROR  | the answer is not valid JSON
      only-prose.txt           | ERROR  | holds no JSON object
      zero-scenes.json         | ERROR  | "scenes" is empty
      scenes-object.json       | ERROR  | "scenes" must be an array of scene objects, got an object
      empty-shots.json         | ERROR  | scene 2 (scenes[1]) has an empty "shots" array
      negative-duration.json   | ERROR  | shot 2 (scenes[0].shots[1]): duration -5 is not positive
      zero-duration.json       | ERROR  | shot 1 (scenes[0].shots[0]): duration 0 is not positive
      infinite-duration.json   | ERROR  | is not a finite number of seconds
      missing-prompts.json     | ERROR  | shot 3 (scenes[1].shots[0]) has no "endPrompt"
      wrong-types.json         | ERROR  | shot 2 (scenes[0].shots[1]): startPrompt must be text, got the number 123
      forty-second-shots.json  | WARNED | shot 1 (scenes[0].shots[0]): 40 s is longer than the video model allows (at most 10 s); snapped to 10 s
      huge-numbers.json        | WARNED | 1000000000 s is longer than the video model allows
      unknown-enums.json       | WARNED | unknown camera move "orbit around the anvil"; mapped to dolly_right
      flat-shots.json          | WARNED | the plan has shots but no scenes
      scene-list.json          | WARNED | the answer is a list of scenes
      prompt-as-list.json      | WARNED | startPrompt was a list; joined into one prompt
      repeated-ids.json        | WARNED | renumbered in order
      """)
  void corpusOutcome(String file, Outcome outcome, String fragment) {
    NormalizationResult r = NORMALIZER.normalize(corpus(file));
    switch (outcome) {
      case CLEAN -> {
        assertThat(r.isClean()).as(r.problems().toString()).isTrue();
        assertThat(r.warnings()).isEmpty();
      }
      case WARNED -> {
        assertThat(r.isClean()).as(r.problems().toString()).isTrue();
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains(fragment));
      }
      case ERROR -> {
        assertThat(r.isUsable()).isFalse();
        assertThat(r.direction()).isEmpty();
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).contains(fragment));
      }
    }
    if (r.isUsable()) {
      VideoDirection d = r.direction().orElseThrow();
      assertThat(d.shots()).allSatisfy(s -> assertThat(KLING.durationsSeconds()).contains((int) s.duration()));
      assertThat(d.totalDuration()).isEqualTo(d.shotDuration()).isBetween(25.0, 35.0);
      assertThat(d.shots()).extracting(DirectedShot::id)
          .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, d.shots().size()).boxed().toList());
      assertThat(d.scenes()).extracting(DirectedScene::id)
          .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, d.scenes().size()).boxed().toList());
      assertThat(d.estimatedCost()).isNull();
    }
  }

  @Test
  void theValidPlanKeepsItsContent() {
    VideoDirection d = NORMALIZER.normalize(corpus("prose-and-fence.txt")).direction().orElseThrow();
    assertThat(d.title()).isEqualTo("Forge of Light");
    assertThat(d.narrative()).startsWith("A blacksmith");
    assertThat(d.scenes()).extracting(DirectedScene::name).containsExactly("The Forge", "The Reveal");
    assertThat(d.shots()).hasSize(3);
    assertThat(d.shots().get(0).cameraMove()).isEqualTo(CameraMove.PUSH_IN);
    assertThat(d.shots().get(2).transitionOut()).isEqualTo(TransitionType.FADE_BLACK);
    assertThat(d.totalDuration()).isEqualTo(30.0);
  }

  @Test
  void wrongTypesAreCoercedWhereMeaningfulAndAllErrorsAreReportedAtOnce() {
    NormalizationResult r = NORMALIZER.normalize(corpus("wrong-types.json"));
    assertThat(r.errors()).hasSize(2);
    assertThat(r.errors()).anySatisfy(e -> assertThat(e).contains("duration \"ten\" is not a number of seconds"));
    assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("duration was written as text (\"10 seconds\"); read as 10 s"));
    assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("cameraMove must be text, got the number 7; using static"));
    assertThat(r.problems()).isEqualTo(r.errors());
  }

  @Test
  void unknownEnumsAreMappedOrDefaultedEachWithAWarning() {
    NormalizationResult r = NORMALIZER.normalize(corpus("unknown-enums.json"));
    List<DirectedShot> shots = r.direction().orElseThrow().shots();
    assertThat(shots.get(0).cameraMove()).isEqualTo(CameraMove.DOLLY_RIGHT);
    assertThat(shots.get(1).cameraMove()).isEqualTo(CameraMove.STATIC);
    assertThat(shots.get(0).transitionOut()).isEqualTo(TransitionType.WIPE_LEFT);
    assertThat(shots.get(1).transitionOut()).isEqualTo(TransitionType.CUT);
    assertThat(r.warnings()).containsExactly(
        "shot 1 (scenes[0].shots[0]): unknown camera move \"orbit around the anvil\"; mapped to dolly_right",
        "shot 1 (scenes[0].shots[0]): unknown transition \"star wipe\"; mapped to wipe_left",
        "shot 2 (scenes[0].shots[1]): unknown camera move \"barrel roll\"; using static",
        "shot 2 (scenes[0].shots[1]): unknown transition \"glitch\"; using cut");
  }

  @Test
  void hugeNumbersAreSnappedAndIdsRenumbered() {
    NormalizationResult r = NORMALIZER.normalize(corpus("huge-numbers.json"));
    VideoDirection d = r.direction().orElseThrow();
    assertThat(d.shots()).extracting(DirectedShot::id).containsExactly(1, 2, 3);
    assertThat(d.shots().get(0).duration()).isEqualTo(10.0);
    assertThat(d.totalDuration()).isEqualTo(30.0);
    assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("renumbered"));
  }

  @Test
  void fortySecondShotsSnapThenTheTotalFitsTheTarget() {
    NormalizationResult r = DirectionNormalizer.builder().targetDuration(20).videoCapabilities(KLING).build()
        .normalize(corpus("forty-second-shots.json"));
    VideoDirection d = r.direction().orElseThrow();
    // 3 × 40 s → 3 × 10 s = 30 s, then shortened one step at a time to within 20 ± 5 s
    assertThat(d.shots()).extracting(DirectedShot::duration).containsExactly(10.0, 10.0, 5.0);
    assertThat(d.totalDuration()).isEqualTo(25.0);
    assertThat(r.warnings()).filteredOn(w -> w.contains("snapped to 10 s")).hasSize(3);
    assertThat(r.violations()).isEmpty();
  }

  @Test
  void nothingAtAllIsAnError() {
    assertThat(NORMALIZER.normalize((String) null).errors()).containsExactly(
        "the answer is empty: return the plan as one JSON object");
    assertThat(NORMALIZER.normalize("   ").isUsable()).isFalse();
    assertThat(NORMALIZER.normalize("42").errors()).singleElement().asString().contains("no JSON object");
    assertThat(NORMALIZER.normalize("[1, 2]").errors()).singleElement().asString().contains("JSON array");
  }
}
