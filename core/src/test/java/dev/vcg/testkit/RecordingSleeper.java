package dev.vcg.testkit;

import dev.vcg.provider.http.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Sleeper} that records each requested wait and returns at once, optionally moving a
 * {@link MutableClock} forward by the wait, so retry tests assert exact delays without waiting.
 * Thread-safe.
 */
public final class RecordingSleeper implements Sleeper {
  private final List<Duration> delays = new ArrayList<>();
  private final MutableClock clock;

  /** A sleeper that only records. */
  public RecordingSleeper() {
    this(null);
  }

  /** @param clock a clock moved forward by each wait, or null */
  public RecordingSleeper(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public void sleep(Duration duration) {
    synchronized (delays) {
      delays.add(duration);
    }
    if (clock != null) {
      clock.advance(duration);
    }
  }

  /** @return the waits requested so far, in order */
  public List<Duration> delays() {
    synchronized (delays) {
      return List.copyOf(delays);
    }
  }

  /** @return the waits in milliseconds */
  public List<Long> delaysMillis() {
    return delays().stream().map(Duration::toMillis).toList();
  }

  /** Forgets the recorded waits. */
  public void clear() {
    synchronized (delays) {
      delays.clear();
    }
  }
}
