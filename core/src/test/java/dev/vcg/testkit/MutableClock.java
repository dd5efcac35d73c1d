package dev.vcg.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that stands still until a test moves it, for deterministic time in retry, deadline,
 * circuit-breaker and polling tests. Thread-safe.
 */
public final class MutableClock extends Clock {
  private final ZoneId zone;
  private volatile Instant now;

  private MutableClock(Instant now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /**
   * @param start the time the clock shows until moved
   * @return a clock in UTC
   */
  public static MutableClock at(Instant start) {
    return new MutableClock(Objects.requireNonNull(start, "start"), ZoneOffset.UTC);
  }

  /** @return a clock starting at 2026-01-01T00:00:00Z */
  public static MutableClock create() {
    return at(Instant.parse("2026-01-01T00:00:00Z"));
  }

  /**
   * Moves the clock forward.
   *
   * @param amount how far (may be zero)
   * @throws IllegalArgumentException if negative
   */
  public synchronized void advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("cannot move back in time: " + amount);
    }
    now = now.plus(amount);
  }

  /** @param instant the new time */
  public void set(Instant instant) {
    this.now = Objects.requireNonNull(instant, "instant");
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new MutableClock(now, zone);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public String toString() {
    return "MutableClock[" + now + "]";
  }
}
