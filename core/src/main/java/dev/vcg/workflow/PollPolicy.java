package dev.vcg.workflow;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the engine polls a long-running job (see {@link Step#job}): the first poll after
 * {@link #initialDelay()}, then intervals growing by {@link #multiplier()} up to
 * {@link #maxInterval()}, each varied by ±{@link #jitter()}. A provider's hint
 * ({@link JobCheck#pollAfter()}) replaces the computed interval, clamped to
 * [{@link #minHint()}, {@link #maxHint()}]. Transient poll failures (a
 * {@link dev.vcg.VcgException} that {@link dev.vcg.VcgException#isRetryable() is retryable}) are
 * tolerated up to {@link #maxConsecutiveFailures()} in a row. When {@link #deadline()} has passed
 * since polling started, the run ends {@link RunStatus#TIMED_OUT_RESUMABLE} with the job saved;
 * resuming the run polls the same job again with a fresh deadline.
 *
 * <p>Defaults ({@link #video()}): 2 s, ×1.5, 15 s, ±20 %, hints clamped to [1 s, 60 s], 10
 * failures, 30 min. {@link #image()} is the same with a 5 min deadline. Immutable and
 * thread-safe.
 */
public final class PollPolicy {
  /** The longest deadline accepted. */
  public static final Duration MAX_DEADLINE = Duration.ofHours(2);
  private static final PollPolicy VIDEO = builder().build();
  private static final PollPolicy IMAGE = builder().deadline(Duration.ofMinutes(5)).build();

  private final Duration initialDelay;
  private final double multiplier;
  private final Duration maxInterval;
  private final double jitter;
  private final Duration minHint;
  private final Duration maxHint;
  private final Duration deadline;
  private final int maxConsecutiveFailures;

  private PollPolicy(Builder b) {
    this.initialDelay = b.initialDelay;
    this.multiplier = b.multiplier;
    this.maxInterval = b.maxInterval;
    this.jitter = b.jitter;
    this.minHint = b.minHint;
    this.maxHint = b.maxHint;
    this.deadline = b.deadline;
    this.maxConsecutiveFailures = b.maxConsecutiveFailures;
  }

  /** @return a builder with the video defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the defaults for video jobs (30 min deadline) */
  public static PollPolicy video() {
    return VIDEO;
  }

  /** @return the defaults for asynchronous image jobs (5 min deadline) */
  public static PollPolicy image() {
    return IMAGE;
  }

  /** @return a builder with this policy's values */
  public Builder toBuilder() {
    return new Builder().initialDelay(initialDelay).multiplier(multiplier).maxInterval(maxInterval)
        .jitter(jitter).hintBounds(minHint, maxHint).deadline(deadline)
        .maxConsecutiveFailures(maxConsecutiveFailures);
  }

  /** @return the wait before the first poll */
  public Duration initialDelay() {
    return initialDelay;
  }

  /** @return the growth of the interval after each poll */
  public double multiplier() {
    return multiplier;
  }

  /** @return the longest computed interval */
  public Duration maxInterval() {
    return maxInterval;
  }

  /** @return the random variation of computed intervals (0.2 = ±20 %) */
  public double jitter() {
    return jitter;
  }

  /** @return the shortest provider hint honoured */
  public Duration minHint() {
    return minHint;
  }

  /** @return the longest provider hint honoured */
  public Duration maxHint() {
    return maxHint;
  }

  /** @return how long to poll before the run ends resumable */
  public Duration deadline() {
    return deadline;
  }

  /** @return transient poll failures tolerated in a row */
  public int maxConsecutiveFailures() {
    return maxConsecutiveFailures;
  }

  /**
   * The interval after {@code interval}, without jitter.
   *
   * @param interval the current interval
   * @return the next one
   */
  Duration grow(Duration interval) {
    long base = interval.isZero() ? minHint.toNanos() : interval.toNanos();
    return Duration.ofNanos((long) Math.min(base * multiplier, (double) maxInterval.toNanos()));
  }

  Duration jittered(Duration d) {
    if (jitter == 0) {
      return d;
    }
    return Duration.ofNanos((long) (d.toNanos() * (1 + ThreadLocalRandom.current().nextDouble(-jitter, jitter))));
  }

  Duration clampHint(Duration hint) {
    if (hint.compareTo(minHint) < 0) {
      return minHint;
    }
    return hint.compareTo(maxHint) > 0 ? maxHint : hint;
  }

  @Override
  public String toString() {
    return "PollPolicy[initialDelay=" + initialDelay + ", multiplier=" + multiplier + ", maxInterval=" + maxInterval
        + ", jitter=" + jitter + ", hints=[" + minHint + ", " + maxHint + "], deadline=" + deadline
        + ", maxConsecutiveFailures=" + maxConsecutiveFailures + "]";
  }

  /** Builds a {@link PollPolicy}. Not thread-safe. */
  public static final class Builder {
    private Duration initialDelay = Duration.ofSeconds(2);
    private double multiplier = 1.5;
    private Duration maxInterval = Duration.ofSeconds(15);
    private double jitter = 0.2;
    private Duration minHint = Duration.ofSeconds(1);
    private Duration maxHint = Duration.ofSeconds(60);
    private Duration deadline = Duration.ofMinutes(30);
    private int maxConsecutiveFailures = 10;

    private Builder() {
    }

    /**
     * @param initialDelay the wait before the first poll
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder initialDelay(Duration initialDelay) {
      this.initialDelay = nonNegative(initialDelay, "initialDelay");
      return this;
    }

    /**
     * @param multiplier growth of the interval, at least 1
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
     * @param maxInterval the longest computed interval
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxInterval(Duration maxInterval) {
      this.maxInterval = positive(maxInterval, "maxInterval");
      return this;
    }

    /**
     * @param jitter random variation of computed intervals, in [0, 1)
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
     * @param min the shortest provider hint honoured
     * @param max the longest provider hint honoured
     * @return this builder
     * @throws IllegalArgumentException if min is not positive or max is below min
     */
    public Builder hintBounds(Duration min, Duration max) {
      positive(min, "minHint");
      positive(max, "maxHint");
      if (max.compareTo(min) < 0) {
        throw new IllegalArgumentException("maxHint (" + max + ") is below minHint (" + min + ")");
      }
      this.minHint = min;
      this.maxHint = max;
      return this;
    }

    /**
     * @param deadline how long to poll before the run ends resumable, at most 2 h
     * @return this builder
     * @throws IllegalArgumentException if not positive or longer than {@link #MAX_DEADLINE}
     */
    public Builder deadline(Duration deadline) {
      positive(deadline, "deadline");
      if (deadline.compareTo(MAX_DEADLINE) > 0) {
        throw new IllegalArgumentException("deadline must be at most " + MAX_DEADLINE + ": " + deadline);
      }
      this.deadline = deadline;
      return this;
    }

    /**
     * @param max transient poll failures tolerated in a row, at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxConsecutiveFailures(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConsecutiveFailures must be at least 1: " + max);
      }
      this.maxConsecutiveFailures = max;
      return this;
    }

    /**
     * @return the policy
     * @throws IllegalArgumentException if maxInterval is shorter than initialDelay
     */
    public PollPolicy build() {
      if (maxInterval.compareTo(initialDelay) < 0) {
        throw new IllegalArgumentException("maxInterval (" + maxInterval + ") is shorter than initialDelay ("
            + initialDelay + ")");
      }
      return new PollPolicy(this);
    }

    private static Duration nonNegative(Duration d, String name) {
      if (Objects.requireNonNull(d, name).isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative: " + d);
      }
      return d;
    }

    private static Duration positive(Duration d, String name) {
      if (Objects.requireNonNull(d, name).isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
