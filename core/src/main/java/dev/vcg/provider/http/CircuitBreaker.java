package dev.vcg.provider.http;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * A circuit breaker for one provider and key. Closed, it opens when at least half of at least
 * {@value #MIN_CALLS} calls in the last 60 s failed with server or connection errors; open, it
 * refuses calls for 30 s; then half-open, it lets {@value #CLOSE_AFTER} trial calls through and
 * closes after that many successes, or opens again on a failure. Time comes from the caller,
 * so tests drive it with a fake clock. Thread-safe.
 */
final class CircuitBreaker {
  static final int MIN_CALLS = 10;
  static final int CLOSE_AFTER = 2;
  static final Duration WINDOW = Duration.ofSeconds(60);
  static final Duration OPEN_FOR = Duration.ofSeconds(30);

  enum State { CLOSED, OPEN, HALF_OPEN }

  enum Result { SUCCESS, FAILURE, IGNORED }

  /** The breaker's answer to a call: let it through (perhaps as a trial) or wait. */
  static final class Admission {
    static final Admission NORMAL = new Admission(true, false, Duration.ZERO);
    static final Admission TRIAL = new Admission(true, true, Duration.ZERO);

    final boolean allowed;
    final boolean trial;
    final Duration wait;

    private Admission(boolean allowed, boolean trial, Duration wait) {
      this.allowed = allowed;
      this.trial = trial;
      this.wait = wait;
    }

    static Admission refused(Duration wait) {
      return new Admission(false, false, wait);
    }
  }

  private static final class Outcome {
    final Instant at;
    final boolean failed;

    Outcome(Instant at, boolean failed) {
      this.at = at;
      this.failed = failed;
    }
  }

  private final ArrayDeque<Outcome> window = new ArrayDeque<>();
  private State state = State.CLOSED;
  private int failures;
  private Instant openedAt;
  private int trialsInFlight;
  private int trialSuccesses;

  synchronized Admission tryAcquire(Instant now) {
    if (state == State.OPEN) {
      Instant halfOpenAt = openedAt.plus(OPEN_FOR);
      if (now.isBefore(halfOpenAt)) {
        return Admission.refused(Duration.between(now, halfOpenAt));
      }
      state = State.HALF_OPEN;
      trialsInFlight = 0;
      trialSuccesses = 0;
    }
    if (state == State.HALF_OPEN) {
      if (trialsInFlight + trialSuccesses >= CLOSE_AFTER) {
        return Admission.refused(Duration.ofSeconds(1));
      }
      trialsInFlight++;
      return Admission.TRIAL;
    }
    return Admission.NORMAL;
  }

  synchronized void record(Instant now, Admission admission, Result result) {
    if (admission.trial) {
      if (state != State.HALF_OPEN) {
        return;
      }
      trialsInFlight--;
      if (result == Result.FAILURE) {
        open(now);
      } else if (result == Result.SUCCESS && ++trialSuccesses >= CLOSE_AFTER) {
        state = State.CLOSED;
        window.clear();
        failures = 0;
      }
      return;
    }
    if (state != State.CLOSED || result == Result.IGNORED) {
      return;
    }
    window.addLast(new Outcome(now, result == Result.FAILURE));
    if (result == Result.FAILURE) {
      failures++;
    }
    Instant horizon = now.minus(WINDOW);
    while (!window.isEmpty() && window.peekFirst().at.isBefore(horizon)) {
      if (window.pollFirst().failed) {
        failures--;
      }
    }
    if (window.size() >= MIN_CALLS && failures * 2 >= window.size()) {
      open(now);
    }
  }

  synchronized State state() {
    return state;
  }

  private void open(Instant now) {
    state = State.OPEN;
    openedAt = now;
    window.clear();
    failures = 0;
    trialsInFlight = 0;
    trialSuccesses = 0;
  }
}
