package dev.vcg.workflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A deterministic clock and scheduler for tests: time stands still until {@link #advance} moves
 * it, running every task that falls due on the way, in order, on the calling thread.
 */
final class ManualTime implements Scheduler {
  private final PriorityQueue<Task> tasks = new PriorityQueue<>(
      Comparator.comparing((Task t) -> t.due).thenComparingLong(t -> t.seq));
  private final List<Duration> scheduledDelays = new ArrayList<>();
  private Instant now;
  private long seq;

  ManualTime() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  ManualTime(Instant start) {
    this.now = start;
  }

  private static final class Task {
    final Instant due;
    final long seq;
    final Runnable run;
    volatile boolean cancelled;

    Task(Instant due, long seq, Runnable run) {
      this.due = due;
      this.seq = seq;
      this.run = run;
    }
  }

  synchronized Instant now() {
    return now;
  }

  Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now();
      }
    };
  }

  @Override
  public synchronized Cancellable schedule(Runnable task, Duration delay) {
    Duration d = delay.isNegative() ? Duration.ZERO : delay;
    scheduledDelays.add(d);
    Task t = new Task(now.plus(d), seq++, task);
    tasks.add(t);
    notifyAll();
    return () -> {
      synchronized (ManualTime.this) {
        t.cancelled = true;
        tasks.remove(t);
      }
    };
  }

  /** Moves time forward, running the tasks that fall due (and those they schedule) in order. */
  void advance(Duration d) {
    Instant target;
    synchronized (this) {
      target = now.plus(d);
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.due.isAfter(target)) {
          now = target;
          return;
        }
        tasks.poll();
        if (next.due.isAfter(now)) {
          now = next.due;
        }
      }
      if (!next.cancelled) {
        next.run.run();
      }
    }
  }

  /** Runs the next task, moving time to it. */
  boolean runNext() {
    Optional<Duration> d = nextDelay();
    if (d.isEmpty()) {
      return false;
    }
    advance(d.get());
    return true;
  }

  /** Waits (up to 10 s) until at least {@code n} tasks are scheduled, for steps on other threads. */
  synchronized void awaitPending(int n) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (tasks.size() < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("expected " + n + " scheduled tasks, have " + tasks.size());
      }
      java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  synchronized int pending() {
    return tasks.size();
  }

  synchronized Optional<Duration> nextDelay() {
    Task t = tasks.peek();
    return t == null ? Optional.empty() : Optional.of(Duration.between(now, t.due));
  }

  /** @return every delay ever scheduled, in order */
  synchronized List<Duration> scheduledDelays() {
    return List.copyOf(scheduledDelays);
  }

  synchronized void clearHistory() {
    scheduledDelays.clear();
  }
}
