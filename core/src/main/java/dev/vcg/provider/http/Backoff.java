package dev.vcg.provider.http;

import java.time.Duration;

/** Exponential backoff without a server hint: {@code min(0.5 s * 2^(n-1), 8 s)} minus up to 25 % jitter. */
final class Backoff {
  static final Duration INITIAL = Duration.ofMillis(500);
  static final Duration MAX = Duration.ofSeconds(8);

  private Backoff() {
  }

  /**
   * @param retry the retry number, 1 for the first retry
   * @param random uniform in [0, 1)
   * @return the delay before that retry
   */
  static Duration delay(int retry, double random) {
    double base = Math.min(INITIAL.toNanos() * Math.pow(2, Math.max(0, retry - 1)), (double) MAX.toNanos());
    double jittered = base * (1.0 - 0.25 * Math.max(0.0, Math.min(1.0, random)));
    return Duration.ofNanos((long) jittered);
  }
}
