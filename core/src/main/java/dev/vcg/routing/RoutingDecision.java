package dev.vcg.routing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Objects;

/**
 * Where a request goes and why. Recorded in the workflow context.
 *
 * @param workflowType the chosen workflow
 * @param analysis what the analyzer found
 * @param needsClarification whether questions are asked first
 * @param reason the rule that chose the workflow, in words
 * @param estimatedSteps how many steps the workflow runs (for progress displays)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RoutingDecision(WorkflowType workflowType, InputAnalysis analysis, boolean needsClarification,
                              String reason, int estimatedSteps) {
  /** Validates. */
  public RoutingDecision {
    Objects.requireNonNull(workflowType, "workflowType");
    Objects.requireNonNull(analysis, "analysis");
    Objects.requireNonNull(reason, "reason");
  }
}
