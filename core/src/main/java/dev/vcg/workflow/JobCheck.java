package dev.vcg.workflow;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to one poll of a long-running job (see {@link JobPoller}).
 *
 * @param state where the job stands
 * @param value the result when {@link State#DONE}, else null
 * @param progress completion from 0 to 1, or -1 when unknown
 * @param pollAfter the provider's hint when to poll next, or null
 * @param failure what went wrong when {@link State#FAILED}, else null
 * @param <T> the result type
 */
public record JobCheck<T>(State state, T value, double progress, Duration pollAfter, String failure) {
  /** Where a job stands. */
  public enum State {
    /** Queued or running: poll again later. */
    PENDING,
    /** Finished with a result. */
    DONE,
    /** Finished without a result (failed, cancelled or expired at the provider). */
    FAILED
  }

  /** Validates. */
  public JobCheck {
    Objects.requireNonNull(state, "state");
    if (state == State.DONE && value == null) {
      throw new IllegalArgumentException("a finished job needs a value");
    }
    if (state == State.FAILED && (failure == null || failure.isBlank())) {
      failure = "the job failed without a message";
    }
    if (!(progress == -1 || (progress >= 0 && progress <= 1))) {
      progress = Double.isNaN(progress) ? -1 : Math.max(0, Math.min(1, progress));
    }
  }

  /**
   * @param progress completion from 0 to 1, or -1 when unknown
   * @param pollAfter the provider's hint when to poll next, or null
   * @param <T> the result type
   * @return a pending check
   */
  public static <T> JobCheck<T> pending(double progress, Duration pollAfter) {
    return new JobCheck<>(State.PENDING, null, progress, pollAfter, null);
  }

  /**
   * @param value the result
   * @param <T> the result type
   * @return a finished check
   */
  public static <T> JobCheck<T> done(T value) {
    return new JobCheck<>(State.DONE, value, 1, null, null);
  }

  /**
   * @param failure what went wrong, as the provider said
   * @param <T> the result type
   * @return a failed check
   */
  public static <T> JobCheck<T> failed(String failure) {
    return new JobCheck<>(State.FAILED, null, -1, null, failure);
  }

  /** @return the provider's poll hint, if any */
  public Optional<Duration> pollAfterHint() {
    return Optional.ofNullable(pollAfter);
  }
}
