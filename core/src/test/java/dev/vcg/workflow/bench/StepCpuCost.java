package dev.vcg.workflow.bench;

import dev.vcg.workflow.RunStatus;
import dev.vcg.workflow.Step;
import dev.vcg.workflow.Workflow;
import dev.vcg.workflow.WorkflowEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Executor;

/**
 * The CPU time the engine spends per no-op step, measured with the thread's CPU clock while steps
 * run on the calling thread: unlike wall time, it hardly depends on what else the machine runs.
 * Shapes: chains and fan-outs of 10 and 100 steps (each run is checkpointed to the in-memory
 * store after every step, as always).
 */
public final class StepCpuCost {
  private StepCpuCost() {
  }

  static Workflow workflow(String shape, int steps) {
    Workflow.Builder wf = Workflow.builder(shape + "-" + steps);
    String[] all = new String[steps - 1];
    for (int i = 0; i < steps - 1; i++) {
      Step<Object> s = Step.of("s" + i, ctx -> null);
      if (shape.equals("chain") && i > 0) {
        s = s.dependsOn("s" + (i - 1));
      }
      wf.step(s);
      all[i] = "s" + i;
    }
    return wf.step(Step.of("last", ctx -> null)
        .dependsOn(shape.equals("chain") ? new String[] {"s" + (steps - 2)} : all)).build();
  }

  public static void main(String[] args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Executor direct = Runnable::run;
    try (WorkflowEngine engine = WorkflowEngine.builder().executor(direct).build()) {
      for (int steps : new int[] {10, 100}) {
        for (String shape : new String[] {"chain", "fanout"}) {
          Workflow wf = workflow(shape, steps);
          int runs = 200_000 / steps;
          double best = Double.MAX_VALUE;
          double wallOfBest = 0;
          for (int round = 0; round < 8; round++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < runs; i++) {
              if (engine.start(wf, null).result().join().status() != RunStatus.COMPLETED) {
                throw new IllegalStateException("run failed");
              }
            }
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / ((double) runs * steps);
            double wall = (System.nanoTime() - wall0) / 1e3 / ((double) runs * steps);
            if (round >= 3 && cpu < best) {
              best = cpu;
              wallOfBest = wall;
            }
          }
          System.out.printf("%-6s of %3d no-op steps: %.1f us CPU per step (wall %.1f us on this machine)%n",
              shape, steps, best, wallOfBest);
        }
      }
    }
  }
}
