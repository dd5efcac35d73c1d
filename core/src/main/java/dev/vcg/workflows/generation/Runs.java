package dev.vcg.workflows.generation;

import dev.vcg.cost.Money;
import dev.vcg.workflow.RunOptions;
import dev.vcg.workflow.RunOutcome;
import dev.vcg.workflow.WorkflowException;
import dev.vcg.workflow.WorkflowRun;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Small helpers for starting and waiting for generation runs. */
final class Runs {
  private Runs() {
  }

  /** The options with the budget replaced, when one is given. */
  static RunOptions withBudget(RunOptions options, Money budget) {
    if (budget == null) {
      return options;
    }
    RunOptions.Builder b = RunOptions.builder().budget(budget);
    options.runId().ifPresent(b::runId);
    options.userId().ifPresent(b::userId);
    options.metadata().forEach(b::metadata);
    options.listeners().forEach(b::listener);
    return b.build();
  }

  /** Waits for a run's outcome; an interrupted wait cancels the run. */
  static RunOutcome join(WorkflowRun run) {
    try {
      return run.result().get();
    } catch (InterruptedException e) {
      run.cancel();
      Thread.currentThread().interrupt();
      throw new WorkflowException("interrupted while waiting for run " + run.id() + "; the run was cancelled",
          null, WorkflowException.Stage.CANCEL, false, e);
    } catch (ExecutionException | CompletionException e) {
      throw new WorkflowException("run " + run.id() + " ended abnormally: " + e.getCause(), null,
          WorkflowException.Stage.STEP, false, e.getCause());
    }
  }
}
