package dev.vcg.workflows.planning;

import dev.vcg.services.internal.Calls;
import dev.vcg.workflow.WorkflowEvent;
import dev.vcg.workflow.WorkflowListener;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Analytics of planning runs (the seed's monitoring: which workflows are most common, which fail
 * most, which steps are slowest, what goes wrong), kept from the engine's events. Every
 * {@link dev.vcg.VideoCreationGateway} keeps one: read it with
 * {@link dev.vcg.VideoCreationGateway#analytics()}. With an engine of your own, register it as a
 * listener and read {@link #snapshot()}.
 *
 * <pre>{@code
 * PlanningMetrics.WorkflowStats web = gateway.analytics().workflow("WEB_EXTRACTION");
 * web.successRate(); web.steps().get("scrape_web").latencyP95(); web.errorKinds();
 *
 * PlanningAnalytics analytics = new PlanningAnalytics();
 * WorkflowEngine engine = WorkflowEngine.builder().listener(analytics).register(...).build();
 * PlanningMetrics m = analytics.snapshot();
 * }</pre>
 *
 * <p>Latency percentiles are over the most recent {@value #WINDOW} completed steps. Runs of any
 * workflow are counted (generation workflows too). Thread-safe.
 */
public final class PlanningAnalytics implements WorkflowListener {
  /** How many recent latencies percentiles are computed over. */
  public static final int WINDOW = 1024;
  private static final int MAX_RUNS = 100_000;

  private final Map<String, String> runs = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > MAX_RUNS;
    }
  };
  private final Map<String, Counts> workflows = new HashMap<>();

  /** Creates empty analytics. */
  public PlanningAnalytics() {
  }

  private static final class Window {
    private final long[] values = new long[WINDOW];
    private int next;
    private int count;

    void add(long nanos) {
      values[next] = nanos;
      next = (next + 1) % values.length;
      count = Math.min(count + 1, values.length);
    }

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

  private static final class StepCounts {
    long completed;
    long failed;
    long skipped;
    final Window latency = new Window();
  }

  private static final class Counts {
    long requests;
    long resumed;
    long completed;
    long failed;
    long suspended;
    long cancelled;
    long degraded;
    long cacheHits;
    BigDecimal spend = BigDecimal.ZERO;
    final Window latency = new Window();
    final Map<String, StepCounts> steps = new HashMap<>();
    final Map<String, Long> errors = new HashMap<>();

    StepCounts step(String name) {
      return steps.computeIfAbsent(name, n -> new StepCounts());
    }
  }

  @Override
  public synchronized void onEvent(WorkflowEvent event) {
    if (event instanceof WorkflowEvent.RunStarted s) {
      runs.put(s.runId(), s.workflow());
      Counts c = counts(s.workflow());
      if (s.resumed()) {
        c.resumed++;
      } else {
        c.requests++;
      }
      return;
    }
    String wf = runs.get(event.runId());
    if (wf == null) {
      return;
    }
    Counts c = counts(wf);
    if (event instanceof WorkflowEvent.StepCompleted e) {
      StepCounts s = c.step(e.step());
      s.completed++;
      long nanos = Math.max(0, e.duration().toNanos());
      s.latency.add(nanos);
      c.latency.add(nanos);
    } else if (event instanceof WorkflowEvent.StepFailed e) {
      c.step(e.step()).failed++;
      c.errors.merge(e.errorKind(), 1L, Long::sum);
      if (e.optional()) {
        c.degraded++;
      }
    } else if (event instanceof WorkflowEvent.StepSkipped e) {
      c.step(e.step()).skipped++;
    } else if (event instanceof WorkflowEvent.CostIncurred e) {
      c.spend = c.spend.add(e.entry().amount().amount());
      if (Calls.isCacheHit(e.entry())) {
        c.cacheHits++;
      }
    } else if (event instanceof WorkflowEvent.RunCompleted) {
      c.completed++;
    } else if (event instanceof WorkflowEvent.RunFailed e) {
      c.failed++;
      if (e.step().isEmpty()) {
        c.errors.merge(e.errorKind(), 1L, Long::sum);
      }
    } else if (event instanceof WorkflowEvent.RunSuspended) {
      c.suspended++;
    } else if (event instanceof WorkflowEvent.RunCancelled) {
      c.cancelled++;
    }
  }

  private Counts counts(String workflow) {
    return workflows.computeIfAbsent(workflow, w -> new Counts());
  }

  /** @return what was seen so far */
  public synchronized PlanningMetrics snapshot() {
    Map<String, PlanningMetrics.WorkflowStats> out = new HashMap<>();
    workflows.forEach((name, c) -> {
      Map<String, PlanningMetrics.StepStats> steps = new HashMap<>();
      c.steps.forEach((s, sc) -> steps.put(s, new PlanningMetrics.StepStats(sc.completed, sc.failed, sc.skipped,
          sc.latency.percentile(0.5), sc.latency.percentile(0.95))));
      out.put(name, new PlanningMetrics.WorkflowStats(c.requests, c.resumed, c.completed, c.failed, c.suspended,
          c.cancelled, c.latency.percentile(0.5), c.latency.percentile(0.95), steps, c.errors, c.degraded, c.cacheHits,
          c.spend));
    });
    return new PlanningMetrics(out);
  }

  @Override
  public String toString() {
    return "PlanningAnalytics[" + workflows.keySet() + "]";
  }
}
