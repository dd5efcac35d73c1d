package dev.vcg.services.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.vcg.direction.DirectionResult;
import java.util.List;
import java.util.Objects;

/**
 * A plan made by {@link PlanGenerator}.
 *
 * @param direction the director's result (plan, version, source, warnings, cost)
 * @param cacheHit whether it came from the cache (its {@link DirectionResult#llmCost()} is then zero)
 * @param warnings what went differently (e.g. the language model failed and rules planned)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GeneratedPlan(DirectionResult direction, boolean cacheHit, List<String> warnings) {
  /** Validates and copies. */
  public GeneratedPlan {
    Objects.requireNonNull(direction, "direction");
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }
}
