package dev.vcg.provider.http;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The library's one timer thread: enforces the deadlines of asynchronous calls and starts their
 * retries by default. Its tasks never block; they only check state, abort exchanges or start
 * non-blocking requests.
 */
final class HttpTimer {
  private static final ScheduledThreadPoolExecutor TIMER = create();

  private HttpTimer() {
  }

  static Future<?> schedule(Runnable task, Duration delay) {
    return TIMER.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
  }

  static Future<?> scheduleNanos(Runnable task, long nanos) {
    return TIMER.schedule(task, Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }

  private static ScheduledThreadPoolExecutor create() {
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, "vcg-http-timer");
      thread.setDaemon(true);
      return thread;
    });
    t.setRemoveOnCancelPolicy(true);
    return t;
  }
}
