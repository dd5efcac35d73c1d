package dev.vcg.testkit;

import dev.vcg.provider.http.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;

/**
 * A {@link Scheduler} for asynchronous retry tests: records each requested delay and runs the task
 * at once on another thread (optionally moving a {@link MutableClock} forward by the delay), so
 * tests assert exact delays without waiting. Thread-safe.
 */
public final class RecordingScheduler implements Scheduler {
  private final List<Duration> delays = new ArrayList<>();
  private final MutableClock clock;
  private final Executor executor = task -> {
    Thread t = new Thread(task, "recording-scheduler");
    t.setDaemon(true);
    t.start();
  };

  /** A scheduler that only records. */
  public RecordingScheduler() {
    this(null);
  }

  /** @param clock a clock moved forward by each delay, or null */
  public RecordingScheduler(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> schedule(Runnable task, Duration delay) {
    synchronized (delays) {
      delays.add(delay);
    }
    if (clock != null) {
      clock.advance(delay);
    }
    return CompletableFuture.runAsync(task, executor);
  }

  /** @return the delays requested so far, in order */
  public List<Duration> delays() {
    synchronized (delays) {
      return List.copyOf(delays);
    }
  }

  /** @return the delays in milliseconds */
  public List<Long> delaysMillis() {
    return delays().stream().map(Duration::toMillis).toList();
  }
}
