package dev.vcg.workflow;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run ended in this process: its status, its context (every value, decision and cost),
 * and the failure or the suspension when there is one. A failed, suspended, cancelled or
 * timed-out run is an outcome, not an exception: {@link WorkflowRun#result()} completes normally
 * for all of them; {@link #orThrow()} turns the non-completed ones into an exception.
 *
 * <p>Immutable (the context is thread-safe and no longer changes once the run has ended).
 */
public final class RunOutcome {
  private final String runId;
  private final Workflow workflow;
  private final RunStatus status;
  private final WorkflowContext context;
  private final WorkflowException failure;
  private final Suspension suspension;
  private final String suspendedStep;
  private final double progress;

  RunOutcome(String runId, Workflow workflow, RunStatus status, WorkflowContext context, WorkflowException failure,
             Suspension suspension, String suspendedStep, double progress) {
    this.runId = runId;
    this.workflow = workflow;
    this.status = status;
    this.context = context;
    this.failure = failure;
    this.suspension = suspension;
    this.suspendedStep = suspendedStep;
    this.progress = progress;
  }

  /** @return the run's id (resume it with this) */
  public String runId() {
    return runId;
  }

  /** @return the workflow's name */
  public String workflow() {
    return workflow.name();
  }

  /** @return how the run ended */
  public RunStatus status() {
    return status;
  }

  /** @return whether every step is done */
  public boolean isCompleted() {
    return status == RunStatus.COMPLETED;
  }

  /** @return the run's state: values, decisions, metadata, costs */
  public WorkflowContext context() {
    return context;
  }

  /** @return the overall progress when the run ended (1.0 when completed) */
  public double progress() {
    return progress;
  }

  /**
   * A value of the run.
   *
   * @param key the value's name and type
   * @param <T> its type
   * @return the value, if a step stored one
   */
  public <T> Optional<T> get(Key<T> key) {
    return context.get(key);
  }

  /**
   * The value of the workflow's {@link Workflow.Builder#output(String) output} step.
   *
   * @param type its class
   * @param <T> its type
   * @return the output, if the workflow declares one and the step stored a value
   */
  public <T> Optional<T> output(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return workflow.output().flatMap(o -> context.get(Key.of(o, type)));
  }

  /**
   * The value of the workflow's output step, as a generic type.
   *
   * @param type its type
   * @param <T> its type
   * @return the output, if any
   */
  public <T> Optional<T> output(TypeReference<T> type) {
    Objects.requireNonNull(type, "type");
    return workflow.output().flatMap(o -> context.get(Key.of(o, type)));
  }

  /** @return why the run failed, when {@link RunStatus#FAILED} */
  public Optional<WorkflowException> failure() {
    return Optional.ofNullable(failure);
  }

  /** @return the questions, when {@link RunStatus#SUSPENDED} */
  public Optional<Suspension> suspension() {
    return Optional.ofNullable(suspension);
  }

  /** @return the step that asked, when {@link RunStatus#SUSPENDED} */
  public Optional<String> suspendedStep() {
    return Optional.ofNullable(suspendedStep);
  }

  /**
   * @return this outcome if the run completed
   * @throws WorkflowException the failure if it failed, or one that says the run was suspended,
   *     cancelled or timed out (recoverable except for cancellation)
   */
  public RunOutcome orThrow() {
    switch (status) {
      case COMPLETED:
        return this;
      case FAILED:
        throw failure;
      case SUSPENDED:
        throw new WorkflowException("run " + runId + " is waiting for answers to: " + suspension.message()
            + "; resume it with WorkflowEngine.resume(runId, answers)", suspendedStep, WorkflowException.Stage.STEP,
            true, null);
      case CANCELLED:
        throw new WorkflowException("run " + runId + " was cancelled", null, WorkflowException.Stage.CANCEL, false, null);
      default:
        throw new WorkflowException("run " + runId + " stopped because a job passed its polling deadline; the job "
            + "is saved: resume the run later to poll it again", null, WorkflowException.Stage.JOB_POLL, true, null);
    }
  }

  @Override
  public String toString() {
    return "RunOutcome[" + runId + ", " + workflow.name() + ", " + status
        + (failure == null ? "" : ", " + failure.getMessage()) + "]";
  }
}
