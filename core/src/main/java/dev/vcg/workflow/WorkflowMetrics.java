package dev.vcg.workflow;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of what an engine has run: runs per workflow and how they ended, step latency
 * percentiles (over the most recent {@value #WINDOW} completed steps, overall and per workflow),
 * failures by kind, and events dropped by slow listeners. Immutable.
 */
public final class WorkflowMetrics {
  /** How many recent step latencies the percentiles are computed over. */
  public static final int WINDOW = 1024;

  private final Map<String, WorkflowStats> workflows;
  private final Map<String, Long> errorsByKind;
  private final Duration stepLatencyP50;
  private final Duration stepLatencyP95;
  private final long droppedEvents;
  private final int activeRuns;

  WorkflowMetrics(Map<String, WorkflowStats> workflows, Map<String, Long> errorsByKind, Duration stepLatencyP50,
                  Duration stepLatencyP95, long droppedEvents, int activeRuns) {
    this.workflows = Map.copyOf(workflows);
    this.errorsByKind = Map.copyOf(errorsByKind);
    this.stepLatencyP50 = stepLatencyP50;
    this.stepLatencyP95 = stepLatencyP95;
    this.droppedEvents = droppedEvents;
    this.activeRuns = activeRuns;
  }

  /** @return statistics per workflow name (its type) */
  public Map<String, WorkflowStats> workflows() {
    return new TreeMap<>(workflows);
  }

  /**
   * @param workflow a workflow's name
   * @return its statistics (all zero if it never ran)
   */
  public WorkflowStats workflow(String workflow) {
    return workflows.getOrDefault(workflow, WorkflowStats.EMPTY);
  }

  /**
   * @return failed step attempts and job polls by kind: the exception's simple class name (e.g.
   *     {@code RateLimitedException}), or {@code WorkflowException.<STAGE>} for the engine's own
   *     failures (e.g. {@code WorkflowException.TIMEOUT})
   */
  public Map<String, Long> errorsByKind() {
    return new TreeMap<>(errorsByKind);
  }

  /** @return the median latency of recently completed steps (first start to completion), or zero */
  public Duration stepLatencyP50() {
    return stepLatencyP50;
  }

  /** @return the 95th percentile latency of recently completed steps, or zero */
  public Duration stepLatencyP95() {
    return stepLatencyP95;
  }

  /** @return events not delivered to listeners whose queue was full */
  public long droppedEvents() {
    return droppedEvents;
  }

  /** @return runs in progress in this engine */
  public int activeRuns() {
    return activeRuns;
  }

  @Override
  public String toString() {
    return "WorkflowMetrics[workflows=" + workflows() + ", errors=" + errorsByKind() + ", p50=" + stepLatencyP50
        + ", p95=" + stepLatencyP95 + ", dropped=" + droppedEvents + ", active=" + activeRuns + "]";
  }

  /**
   * Statistics of one workflow.
   *
   * @param started runs started (not counting resumes)
   * @param resumed runs resumed
   * @param completed runs that completed
   * @param failed runs that failed
   * @param suspended runs that stopped for answers
   * @param cancelled runs cancelled
   * @param timedOut runs that ended resumable after a job deadline
   * @param stepLatencyP50 median step latency
   * @param stepLatencyP95 95th percentile step latency
   */
  public record WorkflowStats(long started, long resumed, long completed, long failed, long suspended, long cancelled,
                              long timedOut, Duration stepLatencyP50, Duration stepLatencyP95) {
    static final WorkflowStats EMPTY = new WorkflowStats(0, 0, 0, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO);

    /**
     * @return completed runs as a fraction of runs that ended completed, failed, cancelled or timed
     *     out (suspensions are not endings); 0 when none has ended
     */
    public double successRate() {
      long ended = completed + failed + cancelled + timedOut;
      return ended == 0 ? 0 : (double) completed / ended;
    }
  }
}
