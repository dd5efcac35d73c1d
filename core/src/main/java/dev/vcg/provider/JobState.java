package dev.vcg.provider;

/**
 * Where a provider job stands, normalised across providers. The provider's own status word is
 * kept in {@link JobStatus#rawStatus()}.
 */
public enum JobState {
  /** Accepted and waiting (queued, throttled, pending). */
  QUEUED,
  /** Being generated. */
  RUNNING,
  /** Finished; the result is available. */
  SUCCEEDED,
  /** Finished without a result. */
  FAILED,
  /** Cancelled by someone. */
  CANCELLED;

  /** @return whether the job will not change any more */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
