package dev.vcg.workflows.planning;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of what {@link PlanningAnalytics} saw, per workflow type: requests, how runs ended,
 * success rate, step latency percentiles (overall and per step), error kinds, optional steps that
 * failed (degraded results), cache hits and spend. Immutable.
 *
 * @param workflows statistics by workflow name (its type)
 */
public record PlanningMetrics(Map<String, WorkflowStats> workflows) {
  /** Copies, sorted by name. */
  public PlanningMetrics {
    workflows = Collections.unmodifiableMap(new TreeMap<>(workflows));
  }

  /**
   * @param workflow a workflow's name, e.g. {@code WEB_EXTRACTION}
   * @return its statistics, all zero if it never ran
   */
  public WorkflowStats workflow(String workflow) {
    return workflows.getOrDefault(workflow, WorkflowStats.EMPTY);
  }

  /**
   * Statistics of one workflow type.
   *
   * @param requests runs started (not counting resumes)
   * @param resumed runs resumed (after answers, a failure or a restart)
   * @param completed runs that completed
   * @param failed runs that failed
   * @param suspended times runs stopped to ask questions
   * @param cancelled runs cancelled
   * @param stepLatencyP50 median latency of its completed steps
   * @param stepLatencyP95 95th percentile latency of its completed steps
   * @param steps statistics per step (child steps by their full name, e.g. {@code plan/generate_plan})
   * @param errorKinds failed steps and runs by kind (the exception's simple class name)
   * @param degraded optional steps that failed while the run went on
   * @param cacheHits provider results served from the cache
   * @param spendUsd what the runs spent, in USD
   */
  public record WorkflowStats(long requests, long resumed, long completed, long failed, long suspended, long cancelled,
                              Duration stepLatencyP50, Duration stepLatencyP95, Map<String, StepStats> steps,
                              Map<String, Long> errorKinds, long degraded, long cacheHits, BigDecimal spendUsd) {
    static final WorkflowStats EMPTY = new WorkflowStats(0, 0, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO, Map.of(),
        Map.of(), 0, 0, BigDecimal.ZERO);

    /** Copies, sorted by name. */
    public WorkflowStats {
      steps = Collections.unmodifiableMap(new TreeMap<>(steps));
      errorKinds = Collections.unmodifiableMap(new TreeMap<>(errorKinds));
    }

    /** @return completed runs as a fraction of runs that ended (completed, failed or cancelled); 0 when none has */
    public double successRate() {
      long ended = completed + failed + cancelled;
      return ended == 0 ? 0 : (double) completed / ended;
    }
  }

  /**
   * Statistics of one step of a workflow.
   *
   * @param completed times it completed
   * @param failed times it failed (including optional failures)
   * @param skipped times its condition skipped it
   * @param latencyP50 median latency (first start to completion)
   * @param latencyP95 95th percentile latency
   */
  public record StepStats(long completed, long failed, long skipped, Duration latencyP50, Duration latencyP95) {
  }
}
