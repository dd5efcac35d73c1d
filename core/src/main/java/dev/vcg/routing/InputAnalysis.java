package dev.vcg.routing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.vcg.direction.VideoGoal;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link InputAnalyzer} found in a request.
 *
 * @param types the kinds of input present
 * @param complexity the level
 * @param complexityPoints the score behind the level
 * @param pattern the thinking pattern
 * @param missing facts the request does not give
 * @param vague whether the request is too vague to plan well without asking
 * @param goal the goal category, if a goal was stated or implied, else null
 * @param reasons one line per rule that fired, for the record
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InputAnalysis(Set<InputType> types, Complexity complexity, int complexityPoints,
                            ThinkingPattern pattern, Set<MissingInfo> missing, boolean vague,
                            VideoGoal goal, List<String> reasons) {
  /** Validates and copies. */
  public InputAnalysis {
    types = Set.copyOf(Objects.requireNonNull(types, "types"));
    Objects.requireNonNull(complexity, "complexity");
    Objects.requireNonNull(pattern, "pattern");
    missing = Set.copyOf(Objects.requireNonNull(missing, "missing"));
    reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons"));
  }

  /**
   * @param type an input kind
   * @return whether it is present
   */
  public boolean has(InputType type) {
    return types.contains(type);
  }
}
