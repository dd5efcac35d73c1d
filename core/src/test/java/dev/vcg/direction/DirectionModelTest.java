package dev.vcg.direction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.vcg.cost.CostEstimate;
import dev.vcg.cost.Money;
import dev.vcg.internal.Json;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DirectionModelTest {

  private static final String SEED_SHAPE = """
      {
        "title": "Forge of Light",
        "narrative": "A blacksmith reveals an emblem in molten gold.",
        "totalDuration": 15,
        "mood_board": ["unknown top-level field"],
        "scenes": [
          {
            "id": 1, "name": "The Forge", "description": "Sparks fly", "mood": "intense",
            "shots": [
              {"id": 1, "duration": 5, "startPrompt": "dark forge", "endPrompt": "glowing anvil",
               "motionPrompt": "sparks rise", "cameraMove": "Push In", "lighting": "firelight",
               "colorPalette": "amber, black", "transitionOut": "dissolve", "extra": 1},
              {"id": 2, "duration": 10, "startPrompt": "glowing anvil", "endPrompt": "emblem",
               "motionPrompt": "hammer strikes", "cameraMove": "dolly-left", "lighting": "rim light",
               "transitionIn": "crossfade", "transitionOut": "fade to black"}
            ]
          }
        ],
        "estimatedCost": {"llm": 0.01, "images": 0.075, "videos": 1.47, "compile": 0, "total": 1.555,
                          "breakdown": {"imageCount": 3, "videoCount": 2, "totalDuration": 15}}
      }
      """;

  @Test
  void readsTheSeedShapeToleratingUnknownFieldsAndLlmSpellings() throws Exception {
    VideoDirection d = Json.mapper().readValue(SEED_SHAPE, VideoDirection.class);
    assertThat(d.title()).isEqualTo("Forge of Light");
    assertThat(d.shots()).hasSize(2);
    assertThat(d.shots()).extracting(DirectedShot::cameraMove).containsExactly(CameraMove.PUSH_IN, CameraMove.DOLLY_LEFT);
    assertThat(d.shots().get(0).transitionOut()).isEqualTo(TransitionType.CROSSFADE);
    assertThat(d.shots().get(1).transitionOut()).isEqualTo(TransitionType.FADE_BLACK);
    assertThat(d.shots().get(1).colorPalette()).isNull();
    assertThat(d.shotDuration()).isEqualTo(15.0);
    assertThat(d.costEstimate()).map(CostEstimate::total).contains(Money.usd("1.555"));
  }

  @Test
  void roundTripsThroughJsonWithWireSpellings() throws Exception {
    VideoDirection d = Json.mapper().readValue(SEED_SHAPE, VideoDirection.class);
    String json = Json.mapper().writeValueAsString(d);
    assertThat(json).contains("\"cameraMove\":\"push_in\"").contains("\"transitionOut\":\"fade_black\"")
        .doesNotContain("mood_board").doesNotContain("\"shots\":null");
    assertThat(Json.mapper().readValue(json, VideoDirection.class)).isEqualTo(d);
  }

  @Test
  void invalidPlansAreRefusedByTheModel() {
    assertThatThrownBy(() -> Json.mapper().readValue("{\"title\":\"t\",\"totalDuration\":5,\"scenes\":[]}", VideoDirection.class))
        .isInstanceOf(ValueInstantiationException.class).hasMessageContaining("at least one scene");
    assertThatThrownBy(() -> DirectedShot.builder().startPrompt("a").endPrompt("b").motionPrompt("c").duration(-5).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration");
    assertThatThrownBy(() -> DirectedShot.builder().endPrompt("b").motionPrompt("c").build())
        .isInstanceOf(NullPointerException.class).hasMessageContaining("startPrompt");
  }

  @ParameterizedTest
  @CsvSource({
      "push-in, PUSH_IN", "Push In, PUSH_IN", "PUSH_IN, PUSH_IN", "zoom in, PUSH_IN", "dolly_left, DOLLY_LEFT",
      "Dolly Left, DOLLY_LEFT", "truck right, DOLLY_RIGHT", "pull back, PULL_OUT", "crane-up, CRANE_UP",
      "pedestal down, CRANE_DOWN", "static, STATIC", "locked off, STATIC", "'  Tilt.Up  ', TILT_UP", "pan_left, PAN_LEFT"})
  void cameraMovesParseLeniently(String text, CameraMove expected) {
    assertThat(CameraMove.tryParse(text)).contains(expected);
    assertThat(CameraMove.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
      "cut, CUT", "Hard Cut, CUT", "cross-fade, CROSSFADE", "Dissolve, CROSSFADE", "fade to black, FADE_BLACK",
      "dip-to-white, FADE_WHITE", "wipe left, WIPE_LEFT", "WIPE_RIGHT, WIPE_RIGHT"})
  void transitionsParseLeniently(String text, TransitionType expected) {
    assertThat(TransitionType.tryParse(text)).contains(expected);
  }

  @Test
  void unknownWordsAreEmptyOrAClearError() {
    assertThat(CameraMove.tryParse("barrel roll")).isEmpty();
    assertThat(TransitionType.tryParse("star wipe")).isEmpty();
    assertThat(CameraMove.tryParse(null)).isEmpty();
    assertThatThrownBy(() -> CameraMove.parse("barrel roll")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("push_in");
  }

  @Test
  void continuousTransitionsAreCutsAndCrossfades() {
    assertThat(List.of(TransitionType.values())).filteredOn(TransitionType::isContinuous)
        .containsExactly(TransitionType.CUT, TransitionType.CROSSFADE);
  }

  @Test
  void withScenesRecomputesTheTotal() throws Exception {
    VideoDirection d = Json.mapper().readValue(SEED_SHAPE, VideoDirection.class);
    VideoDirection shorter = d.withScenes(List.of(new DirectedScene(1, "One", "", "", List.of(d.shots().get(0)))));
    assertThat(shorter.totalDuration()).isEqualTo(5.0);
    assertThat(shorter.estimatedCost()).isEqualTo(d.estimatedCost());
  }
}
