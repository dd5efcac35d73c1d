package dev.vcg.direction;

import static dev.vcg.direction.TestPlans.plan;
import static dev.vcg.direction.TestPlans.shots;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.internal.Json;
import dev.vcg.provider.AspectRatio;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DirectorInputTest {

  static DirectorInput full() {
    return DirectorInput.builder()
        .concept("  Epic blacksmith forge revealing the Hamza Labs emblem  ")
        .style(VideoStyle.DRAMATIC).targetDuration(45).aspectRatio(AspectRatio.PORTRAIT_9_16)
        .constraints(DirectorConstraints.builder().maxScenes(4).maxShotsPerScene(3)
            .addMustInclude("emblem").addAvoid("blood").build())
        .brand(BrandContext.builder().name("Hamza Labs").addColor("#C9A227").addColor("black")
            .fonts(List.of("Inter")).tone("confident").callToAction("Visit hamzalabs.dev").tagline("Forged in code").build())
        .goal(VideoGoal.CONVERSION).template(plan(shots(5, 10)))
        .shotDurations(List.of(5.0, 7.5)).context("About us: we forge software.").build();
  }

  @Test
  void holdsWhatItWasGivenAndDefaultsTheRest() {
    DirectorInput in = full();
    assertThat(in.concept()).isEqualTo("Epic blacksmith forge revealing the Hamza Labs emblem");
    assertThat(in.style()).contains(VideoStyle.DRAMATIC);
    assertThat(in.constraints().maxShots()).hasValue(12);
    assertThat(in.brand().orElseThrow().palette()).containsExactly("#C9A227", "black");
    assertThat(in.shotDurations()).containsExactly(5.0, 7.5);

    DirectorInput min = DirectorInput.builder().concept("a cat").build();
    assertThat(min.targetDuration()).isEqualTo(30.0);
    assertThat(min.aspectRatio()).isEqualTo(AspectRatio.LANDSCAPE_16_9);
    assertThat(min.constraints()).isSameAs(DirectorConstraints.NONE);
    assertThat(min.style()).isEmpty();
    assertThat(min.brand()).isEmpty();
    assertThat(min.template()).isEmpty();
  }

  @Test
  void roundTripsThroughJson() throws Exception {
    DirectorInput in = full();
    String json = Json.mapper().writeValueAsString(in);
    assertThat(json).contains("\"style\":\"dramatic\"", "\"aspectRatio\":\"9:16\"", "\"goal\":\"conversion\"",
        "\"maxScenes\":4", "\"callToAction\":\"Visit hamzalabs.dev\"");
    assertThat(Json.mapper().readValue(json, DirectorInput.class)).isEqualTo(in).hasSameHashCodeAs(in);
    DirectorInput min = DirectorInput.builder().concept("a cat").build();
    assertThat(Json.mapper().writeValueAsString(min)).doesNotContain("constraints", "brand", "shotDurations");
    assertThat(Json.mapper().readValue(Json.mapper().writeValueAsString(min), DirectorInput.class)).isEqualTo(min);
  }

  @Test
  void builtObjectsDoNotAliasTheCallersCollections() {
    List<String> colors = new ArrayList<>(List.of("red"));
    BrandContext brand = BrandContext.builder().palette(colors).build();
    colors.add("blue");
    assertThat(brand.palette()).containsExactly("red");
    List<Double> durations = new ArrayList<>(List.of(5.0));
    DirectorInput in = DirectorInput.builder().concept("x").shotDurations(durations).build();
    durations.add(6.0);
    assertThat(in.shotDurations()).containsExactly(5.0);
    assertThatThrownBy(() -> in.shotDurations().add(1.0)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void settersAndBuildCheckTheirArguments() {
    assertThatThrownBy(() -> DirectorInput.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("concept");
    assertThatThrownBy(() -> DirectorInput.builder().concept("  ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> DirectorInput.builder().concept("x".repeat(20_001)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("context");
    assertThatThrownBy(() -> DirectorInput.builder().targetDuration(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DirectorInput.builder().targetDuration(3601)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DirectorInput.builder().targetDuration(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DirectorInput.builder().shotDurations(List.of(5.0, -1.0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DirectorConstraints.builder().maxScenes(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DirectorConstraints.builder().maxShotsPerScene(101))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DirectorConstraints.builder().addAvoid(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BrandContext.builder().tone("x".repeat(501))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BrandContext.builder().addColor("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emptyConstraintsAndBrandsAreDropped() {
    DirectorInput in = DirectorInput.builder().concept("x").constraints(DirectorConstraints.builder().build())
        .brand(BrandContext.builder().build()).build();
    assertThat(in.brand()).isEmpty();
    assertThat(in.constraints().isEmpty()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"Cinematic, CINEMATIC", "film, CINEMATIC", "minimalist, MINIMAL", "fun, PLAYFUL", "Business, CORPORATE",
      "surreal, ARTISTIC", "moody, DRAMATIC", "upbeat, ENERGETIC", "documentary, DOCUMENTARY"})
  void stylesParseLeniently(String text, VideoStyle style) {
    assertThat(VideoStyle.tryParse(text)).contains(style);
  }

  @ParameterizedTest
  @CsvSource({"sales, CONVERSION", "Product Launch, ANNOUNCEMENT", "explainer, EDUCATION", "awareness, AWARENESS",
      "social media, ENGAGEMENT", "brand story, STORYTELLING"})
  void goalsParseLeniently(String text, VideoGoal goal) {
    assertThat(VideoGoal.tryParse(text)).contains(goal);
  }

  @Test
  void unknownStylesAndGoalsAreEmptyOrAClearError() {
    assertThat(VideoStyle.tryParse("vaporwave")).isEmpty();
    assertThat(VideoGoal.tryParse(null)).isEmpty();
    assertThatThrownBy(() -> VideoStyle.parse("vaporwave")).hasMessageContaining("cinematic");
    assertThatThrownBy(() -> VideoGoal.parse("world peace")).hasMessageContaining("conversion");
  }
}
