package dev.vcg.workflow;

import dev.vcg.VcgException;
import java.util.Optional;

/**
 * A workflow run, or one of its steps, failed. Says which step (if one), at which stage, and
 * whether the run is {@link #isRecoverable() recoverable}: a recoverable run can be resumed with
 * {@link WorkflowEngine#resume(String)} once the cause is gone (a provider is back, a timeout is
 * raised); completed steps are not run again.
 */
public class WorkflowException extends VcgException {
  private static final long serialVersionUID = 1L;

  /** Where in a run something failed. */
  public enum Stage {
    /** Starting or resuming a run. */
    START,
    /** Running a step's action (or building a child workflow). */
    STEP,
    /** A step attempt took longer than its timeout. */
    TIMEOUT,
    /** Submitting a long-running job. */
    JOB_SUBMIT,
    /** Polling a long-running job. */
    JOB_POLL,
    /** Saving or loading a checkpoint. */
    CHECKPOINT,
    /** The run was cancelled. */
    CANCEL
  }

  private final String step;
  private final Stage stage;
  private final boolean recoverable;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to do
   * @param step the step's name, or null when no step is at fault
   * @param stage where
   * @param recoverable whether resuming the run may succeed
   * @param cause the underlying failure, may be null
   */
  public WorkflowException(String message, String step, Stage stage, boolean recoverable, Throwable cause) {
    super(message, cause);
    this.step = step;
    this.stage = stage;
    this.recoverable = recoverable;
  }

  /** @return the step at fault, if one is */
  public Optional<String> step() {
    return Optional.ofNullable(step);
  }

  /** @return where in the run it failed */
  public Stage stage() {
    return stage;
  }

  /** @return whether resuming the run may succeed */
  public boolean isRecoverable() {
    return recoverable;
  }

  /** @return the same as {@link #isRecoverable()} */
  @Override
  public boolean isRetryable() {
    return recoverable;
  }
}
