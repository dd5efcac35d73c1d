package dev.vcg.workflow;

/** Where a run stands. */
public enum RunStatus {
  /** Steps are running or waiting (or the process stopped while they were: resume it). */
  RUNNING,
  /** Every step is done; the result is available. */
  COMPLETED,
  /** A required step failed; see {@link RunOutcome#failure()}. Resumable when the failure is recoverable. */
  FAILED,
  /** A step asked the user questions; resume with the answers. */
  SUSPENDED,
  /** Cancelled by the caller; remote jobs were asked to stop. */
  CANCELLED,
  /**
   * A long-running job passed its polling deadline. The job was not cancelled and is saved:
   * resuming the run polls the same job again.
   */
  TIMED_OUT_RESUMABLE;

  /** @return whether the run has ended (in this process) */
  public boolean isFinal() {
    return this != RUNNING;
  }

  /** @return whether {@link WorkflowEngine#resume} can continue a run in this state */
  public boolean isResumable() {
    return this != COMPLETED;
  }
}
