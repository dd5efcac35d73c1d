package dev.vcg.workflow.bench;

import dev.vcg.workflow.RunOutcome;
import dev.vcg.workflow.RunStatus;
import dev.vcg.workflow.Step;
import dev.vcg.workflow.Workflow;
import dev.vcg.workflow.WorkflowEngine;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the engine costs per step that does nothing: scheduling, events, checkpointing the run to
 * the in-memory store after every step, metrics. One operation is one step of a 100-step run
 * (a chain, or a fan-out of 100 independent steps into one final step).
 *
 * <p>{@code direct}: steps run on the thread that completes the previous step (the engine's own
 * overhead). {@code default}: the engine's default executor (virtual threads on Java 21+,
 * otherwise a bounded pool), which adds a thread hand-off per step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StepOverheadBenchmark {
  static final int STEPS = 100;

  @Param({"direct", "default"})
  public String executor;

  @Param({"chain", "fanout"})
  public String shape;

  private WorkflowEngine engine;
  private Workflow workflow;

  @Setup(Level.Trial)
  public void setUp() {
    WorkflowEngine.Builder b = WorkflowEngine.builder();
    if (executor.equals("direct")) {
      Executor direct = Runnable::run;
      b.executor(direct);
    }
    engine = b.build();
    Workflow.Builder wf = Workflow.builder("noop-" + shape);
    String[] all = new String[STEPS - 1];
    for (int i = 0; i < STEPS - 1; i++) {
      Step<Object> s = Step.of("s" + i, ctx -> null);
      if (shape.equals("chain") && i > 0) {
        s = s.dependsOn("s" + (i - 1));
      }
      wf.step(s);
      all[i] = "s" + i;
    }
    wf.step(Step.of("last", ctx -> null).dependsOn(shape.equals("chain") ? new String[] {"s" + (STEPS - 2)} : all));
    workflow = wf.build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  @Benchmark
  @OperationsPerInvocation(STEPS)
  public RunOutcome noOpStep() {
    RunOutcome out = engine.start(workflow, null).result().join();
    if (out.status() != RunStatus.COMPLETED) {
      throw new IllegalStateException(out.toString());
    }
    return out;
  }
}
