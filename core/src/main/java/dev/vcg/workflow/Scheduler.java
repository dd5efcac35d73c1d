package dev.vcg.workflow;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task after a delay: retry back-off, step timeouts and job polls. The engine only
 * schedules tiny tasks that hand work to its executor, so one timer thread serves any number of
 * runs. Inject a manual implementation (with a matching {@link java.time.Clock}) to test timing
 * without waiting.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Scheduler {
  /**
   * Schedules a task.
   *
   * @param task what to run; must not block
   * @param delay how long from now; zero or negative means as soon as possible
   * @return a handle to cancel the task
   */
  Cancellable schedule(Runnable task, Duration delay);

  /**
   * A scheduler backed by a {@link ScheduledExecutorService} (which the caller owns and shuts down).
   *
   * @param executor the executor
   * @return the scheduler
   */
  static Scheduler of(ScheduledExecutorService executor) {
    Objects.requireNonNull(executor, "executor");
    return (task, delay) -> {
      ScheduledFuture<?> f = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    };
  }

  /** Cancels a scheduled task. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task if it has not started; does nothing otherwise. */
    void cancel();
  }
}
