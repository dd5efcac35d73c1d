package dev.vcg.direction;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vcg.cost.CostEstimate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A director's plan for a video: a title, a narrative and scenes of shots, each shot with start,
 * end and motion prompts, camera move, lighting and transitions, plus the cost estimate. Reads
 * and writes the JSON shape of the original design (camelCase fields; unknown fields are
 * ignored, so plans written by newer versions or by a model with extra fields still load).
 *
 * @param title the video's title
 * @param narrative a short story description
 * @param totalDuration the planned length in seconds
 * @param scenes the scenes, in order (at least one)
 * @param estimatedCost the cost estimate, or null before it is made
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VideoDirection(String title, String narrative, double totalDuration, List<DirectedScene> scenes,
                             CostEstimate estimatedCost) {
  /** Validates and copies. */
  public VideoDirection {
    Objects.requireNonNull(title, "title");
    narrative = narrative == null ? "" : narrative;
    scenes = List.copyOf(Objects.requireNonNull(scenes, "scenes"));
    if (scenes.isEmpty()) {
      throw new IllegalArgumentException("a plan has at least one scene");
    }
    if (!(totalDuration >= 0) || Double.isInfinite(totalDuration)) {
      throw new IllegalArgumentException("totalDuration must be a non-negative number, got " + totalDuration);
    }
  }

  /** @return every shot of every scene, in order */
  @JsonIgnore
  public List<DirectedShot> shots() {
    return scenes.stream().flatMap(s -> s.shots().stream()).toList();
  }

  /** @return the sum of shot durations in seconds (what will actually be generated) */
  @JsonIgnore
  public double shotDuration() {
    return scenes.stream().mapToDouble(DirectedScene::duration).sum();
  }

  /** @return the cost estimate, if made */
  @JsonIgnore
  public Optional<CostEstimate> costEstimate() {
    return Optional.ofNullable(estimatedCost);
  }

  /**
   * @param estimate the estimate
   * @return this plan with the estimate
   */
  public VideoDirection withEstimatedCost(CostEstimate estimate) {
    return new VideoDirection(title, narrative, totalDuration, scenes, estimate);
  }

  /**
   * @param newScenes scenes replacing this plan's
   * @return this plan with the scenes and the total duration recomputed
   */
  public VideoDirection withScenes(List<DirectedScene> newScenes) {
    double total = newScenes.stream().mapToDouble(DirectedScene::duration).sum();
    return new VideoDirection(title, narrative, total, newScenes, estimatedCost);
  }
}
