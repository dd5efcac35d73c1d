package dev.vcg.provider.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts the next attempt of an asynchronous call after its retry delay. Injectable so tests
 * record the delays instead of waiting (see {@code dev.vcg.testkit.RecordingScheduler}); the
 * task only starts a non-blocking request, so any scheduler thread may run it.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Scheduler {
  /**
   * Runs a task once after a delay.
   *
   * @param task what to run
   * @param delay how long to wait, never negative
   * @return a future whose {@code cancel} prevents the task from running
   */
  Future<?> schedule(Runnable task, Duration delay);

  /**
   * @param executor the executor to schedule on (the caller keeps ownership)
   * @return a scheduler on that executor
   */
  static Scheduler of(ScheduledExecutorService executor) {
    Objects.requireNonNull(executor, "executor");
    return (task, delay) -> executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * @return the library's timer: one daemon thread shared by all clients, used only to start
   *     tasks and to enforce timeouts
   */
  static Scheduler shared() {
    return HttpTimer::schedule;
  }
}
