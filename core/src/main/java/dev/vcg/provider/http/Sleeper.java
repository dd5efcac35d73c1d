package dev.vcg.provider.http;

import java.time.Duration;

/**
 * Waits between retry attempts of synchronous calls. Injectable so tests record the delays the
 * retry policy asks for instead of waiting (see {@code dev.vcg.testkit.RecordingSleeper}).
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {
  /**
   * Blocks the calling thread for the given time.
   *
   * @param duration how long to wait, never negative
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /** @return a sleeper that really waits ({@link Thread#sleep(long, int)}) */
  static Sleeper system() {
    return duration -> {
      long nanos = duration.toNanos();
      if (nanos > 0) {
        Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
      }
    };
  }
}
