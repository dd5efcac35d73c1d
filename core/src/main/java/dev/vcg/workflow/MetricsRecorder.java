package dev.vcg.workflow;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counts runs and failures and keeps recent step latencies. Thread-safe. */
final class MetricsRecorder {
  private final Map<String, Counts> workflows = new HashMap<>();
  private final Map<String, Long> errors = new HashMap<>();
  private final Window all = new Window();
  private final AtomicLong dropped = new AtomicLong();

  private static final class Counts {
    long started;
    long resumed;
    long completed;
    long failed;
    long suspended;
    long cancelled;
    long timedOut;
    final Window latency = new Window();
  }

  /** The most recent {@link WorkflowMetrics#WINDOW} latencies, in nanoseconds. */
  static final class Window {
    private final long[] values = new long[WorkflowMetrics.WINDOW];
    private int next;
    private int count;

    void add(long nanos) {
      values[next] = nanos;
      next = (next + 1) % values.length;
      count = Math.min(count + 1, values.length);
    }

    /** Nearest-rank percentile. */
    Duration percentile(double q) {
      if (count == 0) {
        return Duration.ZERO;
      }
      long[] sorted = Arrays.copyOf(values, count);
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(q * count);
      return Duration.ofNanos(sorted[Math.max(0, Math.min(count, rank) - 1)]);
    }
  }

  private Counts of(String workflow) {
    return workflows.computeIfAbsent(workflow, w -> new Counts());
  }

  synchronized void runStarted(String workflow, boolean resumed) {
    if (resumed) {
      of(workflow).resumed++;
    } else {
      of(workflow).started++;
    }
  }

  synchronized void runEnded(String workflow, RunStatus status) {
    Counts c = of(workflow);
    switch (status) {
      case COMPLETED:
        c.completed++;
        break;
      case FAILED:
        c.failed++;
        break;
      case SUSPENDED:
        c.suspended++;
        break;
      case CANCELLED:
        c.cancelled++;
        break;
      case TIMED_OUT_RESUMABLE:
        c.timedOut++;
        break;
      default:
        break;
    }
  }

  synchronized void stepLatency(String workflow, Duration d) {
    long nanos = Math.max(0, d.toNanos());
    of(workflow).latency.add(nanos);
    all.add(nanos);
  }

  synchronized void error(String kind) {
    errors.merge(kind, 1L, Long::sum);
  }

  void droppedEvent() {
    dropped.incrementAndGet();
  }

  synchronized WorkflowMetrics snapshot(int activeRuns) {
    Map<String, WorkflowMetrics.WorkflowStats> stats = new HashMap<>();
    workflows.forEach((w, c) -> stats.put(w, new WorkflowMetrics.WorkflowStats(c.started, c.resumed, c.completed,
        c.failed, c.suspended, c.cancelled, c.timedOut, c.latency.percentile(0.5), c.latency.percentile(0.95))));
    return new WorkflowMetrics(stats, errors, all.percentile(0.5), all.percentile(0.95), dropped.get(), activeRuns);
  }
}
