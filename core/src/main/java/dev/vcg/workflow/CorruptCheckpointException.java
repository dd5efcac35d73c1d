package dev.vcg.workflow;

/**
 * The saved state of one run cannot be read (an unreadable or truncated file, invalid JSON, an
 * unknown format). Only that run is affected; the others in the store still load. The message
 * names the run and where its state is: restore it from a backup, or delete it and start the
 * run again.
 */
public class CorruptCheckpointException extends WorkflowException {
  private static final long serialVersionUID = 1L;

  private final String runId;

  /**
   * Creates the exception.
   *
   * @param runId the run whose state is unreadable
   * @param message what is wrong and what to do
   * @param cause the underlying failure, may be null
   */
  public CorruptCheckpointException(String runId, String message, Throwable cause) {
    super(message, null, Stage.CHECKPOINT, false, cause);
    this.runId = runId;
  }

  /** @return the run whose state is unreadable */
  public String runId() {
    return runId;
  }
}
