package dev.vcg.workflow;

import dev.vcg.VcgException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * How often and how soon a failed step is tried again. Delays grow from {@link #delay()} by
 * {@link #multiplier()} up to {@link #maxDelay()}, optionally varied by {@link #jitter()}, and
 * are waited on the engine's scheduler (no thread is held). By default only failures that say
 * they are worth retrying ({@link VcgException#isRetryable()}, e.g. rate limits, 5xx, step
 * timeouts) are retried.
 *
 * <pre>{@code
 * RetryPolicy p = RetryPolicy.builder().maxAttempts(3).delay(Duration.ofSeconds(1)).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RetryPolicy {
  private static final RetryPolicy NONE = builder().build();

  private final int maxAttempts;
  private final Duration delay;
  private final double multiplier;
  private final Duration maxDelay;
  private final double jitter;
  private final Predicate<Throwable> retryOn;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.delay = b.delay;
    this.multiplier = b.multiplier;
    this.maxDelay = b.maxDelay == null ? b.delay.multipliedBy(100) : b.maxDelay;
    this.jitter = b.jitter;
    this.retryOn = b.retryOn;
  }

  /** @return a builder: 1 attempt, 1 s delay, ×2, no jitter, retryable failures only */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a policy that never retries (the default of every step) */
  public static RetryPolicy none() {
    return NONE;
  }

  /** @return the most attempts, counting the first */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** @return the delay before the second attempt */
  public Duration delay() {
    return delay;
  }

  /** @return the factor by which each further delay grows */
  public double multiplier() {
    return multiplier;
  }

  /** @return the longest delay */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** @return the random variation of each delay, as a fraction (0.2 = ±20 %) */
  public double jitter() {
    return jitter;
  }

  /**
   * Whether a failed attempt should be followed by another.
   *
   * @param failure what the attempt threw
   * @param attempt the number of the attempt that failed, from 1
   * @return whether to try again
   */
  public boolean shouldRetry(Throwable failure, int attempt) {
    return attempt < maxAttempts && retryOn.test(failure);
  }

  /**
   * The delay after a failed attempt.
   *
   * @param attempt the number of the attempt that failed, from 1
   * @return how long to wait before the next one
   */
  public Duration delayAfter(int attempt) {
    double nanos = delay.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
    nanos = Math.min(nanos, maxDelay.toNanos());
    if (jitter > 0) {
      nanos *= 1 + ThreadLocalRandom.current().nextDouble(-jitter, jitter);
    }
    return Duration.ofNanos((long) nanos);
  }

  @Override
  public String toString() {
    return "RetryPolicy[maxAttempts=" + maxAttempts + ", delay=" + delay + ", multiplier=" + multiplier
        + ", maxDelay=" + maxDelay + ", jitter=" + jitter + "]";
  }

  /** Builds a {@link RetryPolicy}. Not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 1;
    private Duration delay = Duration.ofSeconds(1);
    private double multiplier = 2;
    private Duration maxDelay;
    private double jitter;
    private Predicate<Throwable> retryOn = t -> t instanceof VcgException v && v.isRetryable();

    private Builder() {
    }

    /**
     * @param maxAttempts the most attempts, counting the first; 1 means no retry
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * @param delay the delay before the second attempt
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder delay(Duration delay) {
      if (Objects.requireNonNull(delay, "delay").isNegative()) {
        throw new IllegalArgumentException("delay must not be negative: " + delay);
      }
      this.delay = delay;
      return this;
    }

    /**
     * @param multiplier the growth of each further delay, at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder multiplier(double multiplier) {
      if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
        throw new IllegalArgumentException("multiplier must be at least 1: " + multiplier);
      }
      this.multiplier = multiplier;
      return this;
    }

    /**
     * @param maxDelay the longest delay (default 100 × delay)
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder maxDelay(Duration maxDelay) {
      if (Objects.requireNonNull(maxDelay, "maxDelay").isNegative()) {
        throw new IllegalArgumentException("maxDelay must not be negative: " + maxDelay);
      }
      this.maxDelay = maxDelay;
      return this;
    }

    /**
     * @param jitter random variation of each delay, from 0 (none) to below 1
     * @return this builder
     * @throws IllegalArgumentException if outside [0, 1)
     */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0 && jitter < 1)) {
        throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /**
     * Which failures are retried (default: a {@link VcgException} that says it is retryable).
     *
     * @param retryOn the test
     * @return this builder
     */
    public Builder retryOn(Predicate<Throwable> retryOn) {
      this.retryOn = Objects.requireNonNull(retryOn, "retryOn");
      return this;
    }

    /**
     * @return the policy
     * @throws IllegalArgumentException if maxDelay is shorter than delay
     */
    public RetryPolicy build() {
      if (maxDelay != null && maxDelay.compareTo(delay) < 0) {
        throw new IllegalArgumentException("maxDelay (" + maxDelay + ") is shorter than delay (" + delay + ")");
      }
      return new RetryPolicy(this);
    }
  }
}
