package dev.vcg.projects;

import dev.vcg.cost.CostEntry;
import dev.vcg.cost.CostEstimate;
import dev.vcg.cost.Money;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A project's money: what its plan is estimated to cost, what was actually spent (planning and
 * generation, call by call), what animating reviewed stills would add, and what is left of its
 * budget. Immutable.
 */
public final class ProjectCost {
  private final String projectId;
  private final CostEstimate estimate;
  private final List<CostEntry> entries;
  private final Money toAnimate;
  private final Money maxCost;

  private ProjectCost(String projectId, CostEstimate estimate, List<CostEntry> entries, Money toAnimate,
                      Money maxCost) {
    this.projectId = Objects.requireNonNull(projectId, "projectId");
    this.estimate = estimate;
    this.entries = List.copyOf(entries);
    this.toAnimate = toAnimate;
    this.maxCost = maxCost;
  }

  /**
   * @param project the project
   * @param generationCosts what its generation run spent so far (empty if none)
   * @return its costs
   */
  public static ProjectCost of(Project project, List<CostEntry> generationCosts) {
    Objects.requireNonNull(project, "project");
    List<CostEntry> all = new java.util.ArrayList<>(project.planningCosts());
    all.addAll(Objects.requireNonNull(generationCosts, "generationCosts"));
    return new ProjectCost(project.id(), project.estimate().orElse(null), all,
        project.review().map(FrameReview::costToAnimate).orElse(null), project.maxCost().orElse(null));
  }

  /** @return the project */
  public String projectId() {
    return projectId;
  }

  /** @return the estimate of the approved (or latest) plan, before anything is paid, if directed */
  public Optional<CostEstimate> estimated() {
    return Optional.ofNullable(estimate);
  }

  /** @return every call paid so far, planning first */
  public List<CostEntry> entries() {
    return entries;
  }

  /** @return what was spent so far */
  public Money actual() {
    Money total = Money.ZERO;
    for (CostEntry e : entries) {
      total = total.plus(e.amount());
    }
    return total;
  }

  /** @return what animating the stills awaiting approval would cost, when awaiting approval */
  public Optional<Money> toAnimate() {
    return Optional.ofNullable(toAnimate);
  }

  /** @return what is left of the project's budget, if capped */
  public Optional<Money> remaining() {
    return Optional.ofNullable(maxCost).map(m -> m.minusOrZero(actual()));
  }

  @Override
  public String toString() {
    return "ProjectCost[" + projectId + ", estimated " + (estimate == null ? "-" : estimate.total()) + ", actual "
        + actual() + (toAnimate == null ? "" : ", to animate " + toAnimate) + "]";
  }
}
