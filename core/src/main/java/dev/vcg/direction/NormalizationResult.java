package dev.vcg.direction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@link DirectionNormalizer} made of a plan.
 *
 * <ul>
 *   <li>{@link #errors()}: the plan cannot be used (not JSON, no scenes, a shot without prompts or
 *       with a negative duration, …); there is no {@link #direction()}.</li>
 *   <li>{@link #violations()}: the plan breaks a rule the model can repair (too many scenes, an
 *       avoided term, a total far from the target, …). {@link #direction()} is present with the
 *       best mechanical fix (trimmed, scrubbed), usable if no repair is possible.</li>
 *   <li>{@link #warnings()}: what was changed silently-but-visibly (durations snapped, unknown
 *       camera moves mapped, ids renumbered).</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class NormalizationResult {
  private final VideoDirection direction;
  private final List<String> errors;
  private final List<String> violations;
  private final List<String> warnings;

  NormalizationResult(VideoDirection direction, List<String> errors, List<String> violations,
                      List<String> warnings) {
    this.direction = direction;
    this.errors = List.copyOf(errors);
    this.violations = List.copyOf(violations);
    this.warnings = List.copyOf(warnings);
  }

  /** @return the normalised plan, absent when there are {@link #errors()} */
  public Optional<VideoDirection> direction() {
    return Optional.ofNullable(direction);
  }

  /** @return problems that make the plan unusable (empty when usable) */
  public List<String> errors() {
    return errors;
  }

  /** @return broken rules the model should repair; the plan holds a mechanical fix */
  public List<String> violations() {
    return violations;
  }

  /** @return changes made while normalising */
  public List<String> warnings() {
    return warnings;
  }

  /** @return whether a plan came out (no errors) */
  public boolean isUsable() {
    return direction != null;
  }

  /** @return whether the plan came out with no errors and no violations */
  public boolean isClean() {
    return direction != null && violations.isEmpty();
  }

  /** @return errors then violations: everything worth sending back to the model */
  public List<String> problems() {
    List<String> all = new ArrayList<>(errors);
    all.addAll(violations);
    return List.copyOf(all);
  }

  @Override
  public String toString() {
    return "NormalizationResult[usable=" + isUsable() + ", errors=" + errors.size() + ", violations="
        + violations.size() + ", warnings=" + warnings.size() + "]";
  }
}
