package dev.vcg;

import dev.vcg.cost.CostEntry;
import dev.vcg.workflow.Decision;
import dev.vcg.workflow.RunStatus;
import dev.vcg.workflow.WorkflowEvent;
import dev.vcg.workflow.WorkflowException;
import dev.vcg.workflow.WorkflowRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;

/**
 * A gateway workflow in progress: its id, its events, its result, and a way to cancel it. A
 * workflow may be made of several engine runs (a plan, then the render of that plan); the handle
 * shows them as one.
 *
 * <pre>{@code
 * WorkflowHandle handle = gateway.createVideo("a lighthouse at dawn", VideoOptions.defaults());
 * handle.events().subscribe(progressBar);      // WorkflowEvents, progress 0..1 over the whole job
 * GatewayResponse response = handle.result().join();
 * }</pre>
 *
 * <p>Events: every event of the runs behind the handle, in order, with
 * {@link WorkflowEvent#progress()} scaled to the whole workflow (planning takes the first tenth
 * of a render). A run that hands over to the next one does not show its {@code RunCompleted};
 * the last event is the one terminal event of the workflow. A late subscriber is sent every event
 * from the first (progress events beyond the first 4,096 kept events are not kept). Each
 * subscriber receives at its own pace on the gateway's executor.
 *
 * <p>Thread-safe.
 */
public final class WorkflowHandle {
  private final String id;
  private final ReplayPublisher<WorkflowEvent> events;
  private final CompletableFuture<GatewayResponse> result = new CompletableFuture<>();
  private volatile WorkflowRun current;
  private volatile double progress;
  private volatile boolean cancelled;

  // What the gateway keeps about the workflow between its runs.
  volatile GatewayRequest request;
  volatile dev.vcg.routing.WorkflowType planType;
  volatile PlanResult plan;
  volatile Map<String, String> planMetadata = Map.of();
  volatile int planSteps;
  volatile List<CostEntry> earlierCosts = List.of();
  volatile List<Decision> earlierDecisions = List.of();
  volatile Instant startedAt = Instant.EPOCH;
  /** Runs with the response before anyone waiting for the result sees it (e.g. to save a project). */
  volatile java.util.function.Consumer<GatewayResponse> beforeComplete;

  WorkflowHandle(String id, ReplayPublisher<WorkflowEvent> events) {
    this.id = Objects.requireNonNull(id, "id");
    this.events = Objects.requireNonNull(events, "events");
  }

  /** @return the workflow's id (continue it or ask for its status with this) */
  public String id() {
    return id;
  }

  /** @return the events of the workflow, from the first, completed after the terminal one */
  public Flow.Publisher<WorkflowEvent> events() {
    return events;
  }

  /**
   * @return a future completed with the response when the workflow ends, suspends or fails (it
   *     does not complete exceptionally for a failed workflow: that is a
   *     {@link GatewayResponse.Failed}); completing or cancelling the returned copy does not
   *     affect the workflow
   */
  public CompletableFuture<GatewayResponse> result() {
    return result.copy();
  }

  /**
   * Waits for the response.
   *
   * @return the response
   * @throws WorkflowException if the waiting thread is interrupted (the workflow is then cancelled)
   */
  public GatewayResponse await() {
    try {
      return result.get();
    } catch (InterruptedException e) {
      cancel();
      Thread.currentThread().interrupt();
      throw new WorkflowException("interrupted while waiting for workflow " + id + "; it was cancelled", null,
          WorkflowException.Stage.CANCEL, false, e);
    } catch (ExecutionException | CompletionException e) {
      throw new WorkflowException("workflow " + id + " ended abnormally: " + e.getCause(), null,
          WorkflowException.Stage.STEP, false, e.getCause());
    }
  }

  /**
   * Cancels the workflow: the current run stops (remote jobs are cancelled) and no further run
   * starts. The response is then a {@link GatewayResponse.Failed} with a cancellation error.
   *
   * @return false if the workflow had already ended
   */
  public boolean cancel() {
    if (result.isDone()) {
      return false;
    }
    cancelled = true;
    WorkflowRun run = current;
    if (run != null) {
      run.cancel();
    }
    return true;
  }

  /**
   * @return {@link RunStatus#RUNNING} until the workflow ends; then {@code COMPLETED},
   *     {@code SUSPENDED} (waiting for answers), {@code FAILED} or {@code CANCELLED}
   */
  public RunStatus status() {
    if (!result.isDone()) {
      return RunStatus.RUNNING;
    }
    GatewayResponse r = result.join();
    if (r instanceof GatewayResponse.Completed) {
      return RunStatus.COMPLETED;
    }
    if (r instanceof GatewayResponse.ClarificationNeeded) {
      return RunStatus.SUSPENDED;
    }
    WorkflowRun run = current;
    return run != null && run.status() == RunStatus.CANCELLED ? RunStatus.CANCELLED
        : run != null && run.status() == RunStatus.TIMED_OUT_RESUMABLE ? RunStatus.TIMED_OUT_RESUMABLE
        : RunStatus.FAILED;
  }

  /** @return the overall progress now, 0 to 1 */
  public double progress() {
    return progress;
  }

  @Override
  public String toString() {
    return "WorkflowHandle[" + id + ", " + status() + ", " + Math.round(progress * 100) + "%]";
  }

  // ---- for the gateway

  ReplayPublisher<WorkflowEvent> publisher() {
    return events;
  }

  boolean isCancelled() {
    return cancelled;
  }

  void attach(WorkflowRun run) {
    this.current = run;
    if (cancelled) {
      run.cancel();
    }
  }

  void progress(double p) {
    if (p > progress) {
      progress = p;
    }
  }

  boolean isDone() {
    return result.isDone();
  }

  void complete(GatewayResponse response) {
    java.util.function.Consumer<GatewayResponse> hook = beforeComplete;
    if (hook != null) {
      try {
        hook.accept(response);
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(WorkflowHandle.class).warn("could not record the end of workflow {}: {}",
            id, e.toString());
      }
    }
    events.complete();
    if (response instanceof GatewayResponse.Completed) {
      progress = 1;
    }
    result.complete(response);
  }
}
