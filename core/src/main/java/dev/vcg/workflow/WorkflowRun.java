package dev.vcg.workflow;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A handle on a run started or resumed in this engine: its id, its events, its result, and a way
 * to cancel it. Thread-safe.
 *
 * <pre>{@code
 * WorkflowRun run = engine.start(workflow, request);
 * run.events().subscribe(progressBar);
 * RunOutcome outcome = run.result().join();
 * }</pre>
 */
public final class WorkflowRun {
  private final Run run;

  WorkflowRun(Run run) {
    this.run = run;
  }

  /** @return the run's id */
  public String id() {
    return run.id;
  }

  /** @return the workflow's name */
  public String workflow() {
    return run.workflow.name();
  }

  /**
   * The run's events, from the first (a subscriber that arrives late is sent the events it missed,
   * up to the engine's event buffer size) to the terminal one, after which the subscriber is
   * completed. Each subscriber has its own bounded buffer and may request at its own pace; one
   * that falls more than the buffer size behind receives {@code onError}.
   *
   * @return a publisher of this run's events
   */
  public Flow.Publisher<WorkflowEvent> events() {
    return run.events;
  }

  /**
   * @return a future completed with the outcome when the run ends in this process, whatever the
   *     status (it never completes exceptionally because of a failed step); completing or
   *     cancelling the returned future does not affect the run
   */
  public CompletableFuture<RunOutcome> result() {
    return run.result().copy();
  }

  /**
   * Cancels the run: no step starts any more, running steps see
   * {@link StepContext#isCancelled()} and are interrupted, pending jobs are cancelled at their
   * providers, and the run ends {@link RunStatus#CANCELLED} once running steps have returned.
   *
   * @return false if the run had already ended
   */
  public boolean cancel() {
    return run.cancel();
  }

  /** @return where the run stands now */
  public RunStatus status() {
    return run.status();
  }

  /** @return the overall progress now, 0 to 1 */
  public double progress() {
    return run.progress();
  }

  /** @return the run's live state */
  public WorkflowContext context() {
    return run.context;
  }

  @Override
  public String toString() {
    return "WorkflowRun[" + id() + ", " + workflow() + ", " + status() + "]";
  }
}
