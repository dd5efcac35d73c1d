package dev.vcg.provider;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to one poll of a {@link VideoJob}.
 *
 * @param state the normalised state
 * @param rawStatus the provider's own status word (e.g. {@code THROTTLED}, {@code IN_QUEUE})
 * @param progress completion from 0 to 1, or -1 when unknown
 * @param result the finished video, when {@code state} is {@link JobState#SUCCEEDED}
 * @param failure the provider's failure message when failed, else null
 * @param pollAfter the provider's hint when to poll next, or null
 */
public record JobStatus(JobState state, String rawStatus, double progress, VideoResult result,
                        String failure, Duration pollAfter) {
  /** Validates. */
  public JobStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(rawStatus, "rawStatus");
    if (state == JobState.SUCCEEDED && result == null) {
      throw new IllegalArgumentException("a succeeded job needs a result");
    }
    if (!(progress == -1 || (progress >= 0 && progress <= 1))) {
      progress = Math.max(0, Math.min(1, progress));
    }
  }

  /**
   * @param rawStatus the provider's word
   * @param progress 0..1 or -1
   * @return a waiting status
   */
  public static JobStatus queued(String rawStatus, double progress) {
    return new JobStatus(JobState.QUEUED, rawStatus, progress, null, null, null);
  }

  /**
   * @param rawStatus the provider's word
   * @param progress 0..1 or -1
   * @return a running status
   */
  public static JobStatus running(String rawStatus, double progress) {
    return new JobStatus(JobState.RUNNING, rawStatus, progress, null, null, null);
  }

  /**
   * @param rawStatus the provider's word
   * @param result the video
   * @return a finished status
   */
  public static JobStatus succeeded(String rawStatus, VideoResult result) {
    return new JobStatus(JobState.SUCCEEDED, rawStatus, 1, result, null, null);
  }

  /**
   * @param rawStatus the provider's word
   * @param failure the provider's message
   * @return a failed status
   */
  public static JobStatus failed(String rawStatus, String failure) {
    return new JobStatus(JobState.FAILED, rawStatus, -1, null, failure, null);
  }

  /**
   * @param rawStatus the provider's word
   * @return a cancelled status
   */
  public static JobStatus cancelled(String rawStatus) {
    return new JobStatus(JobState.CANCELLED, rawStatus, -1, null, null, null);
  }

  /**
   * @param delay the provider's hint when to poll next
   * @return this status with the hint
   */
  public JobStatus withPollAfter(Duration delay) {
    return new JobStatus(state, rawStatus, progress, result, failure, delay);
  }

  /** @return the result, when succeeded */
  public Optional<VideoResult> resultIfDone() {
    return Optional.ofNullable(result);
  }
}
