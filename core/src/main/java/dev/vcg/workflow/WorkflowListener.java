package dev.vcg.workflow;

import dev.vcg.workflow.WorkflowEvent.AssetReady;
import dev.vcg.workflow.WorkflowEvent.CostIncurred;
import dev.vcg.workflow.WorkflowEvent.JobSubmitted;
import dev.vcg.workflow.WorkflowEvent.RunCancelled;
import dev.vcg.workflow.WorkflowEvent.RunCompleted;
import dev.vcg.workflow.WorkflowEvent.RunFailed;
import dev.vcg.workflow.WorkflowEvent.RunStarted;
import dev.vcg.workflow.WorkflowEvent.RunSuspended;
import dev.vcg.workflow.WorkflowEvent.RunTimedOut;
import dev.vcg.workflow.WorkflowEvent.StepCompleted;
import dev.vcg.workflow.WorkflowEvent.StepFailed;
import dev.vcg.workflow.WorkflowEvent.StepProgress;
import dev.vcg.workflow.WorkflowEvent.StepRetrying;
import dev.vcg.workflow.WorkflowEvent.StepSkipped;
import dev.vcg.workflow.WorkflowEvent.StepStarted;

/**
 * Receives {@link WorkflowEvent}s. Every method does nothing by default: override the ones you
 * need, or {@link #onEvent} for all of them.
 *
 * <p>Each listener has its own bounded queue, drained on the engine's event executor, one event
 * at a time and in order: a slow listener delays only itself, and an exception thrown by a
 * listener is logged and ignored. When a listener's queue is full (the engine's
 * {@link WorkflowEngine.Builder#eventBufferSize event buffer size}), further
 * {@link WorkflowEvent.StepProgress} events for it are dropped; other events are dropped only
 * past four times that size. Drops are counted in {@link WorkflowMetrics#droppedEvents()}.
 */
public interface WorkflowListener {
  /**
   * Called for every event; by default calls the method for the event's type.
   *
   * @param event the event
   */
  default void onEvent(WorkflowEvent event) {
    if (event instanceof StepProgress e) {
      onStepProgress(e);
    } else if (event instanceof StepStarted e) {
      onStepStarted(e);
    } else if (event instanceof StepCompleted e) {
      onStepCompleted(e);
    } else if (event instanceof StepRetrying e) {
      onStepRetrying(e);
    } else if (event instanceof StepSkipped e) {
      onStepSkipped(e);
    } else if (event instanceof StepFailed e) {
      onStepFailed(e);
    } else if (event instanceof JobSubmitted e) {
      onJobSubmitted(e);
    } else if (event instanceof CostIncurred e) {
      onCostIncurred(e);
    } else if (event instanceof AssetReady e) {
      onAssetReady(e);
    } else if (event instanceof RunStarted e) {
      onRunStarted(e);
    } else if (event instanceof RunSuspended e) {
      onRunSuspended(e);
    } else if (event instanceof RunCompleted e) {
      onRunCompleted(e);
    } else if (event instanceof RunFailed e) {
      onRunFailed(e);
    } else if (event instanceof RunCancelled e) {
      onRunCancelled(e);
    } else if (event instanceof RunTimedOut e) {
      onRunTimedOut(e);
    }
  }

  /** @param event a run started or was resumed */
  default void onRunStarted(RunStarted event) {
  }

  /** @param event a step attempt started */
  default void onStepStarted(StepStarted event) {
  }

  /** @param event a step reported progress */
  default void onStepProgress(StepProgress event) {
  }

  /** @param event a step attempt failed and will be retried */
  default void onStepRetrying(StepRetrying event) {
  }

  /** @param event a step finished */
  default void onStepCompleted(StepCompleted event) {
  }

  /** @param event a step was skipped */
  default void onStepSkipped(StepSkipped event) {
  }

  /** @param event a step failed for good */
  default void onStepFailed(StepFailed event) {
  }

  /** @param event a job was submitted and checkpointed */
  default void onJobSubmitted(JobSubmitted event) {
  }

  /** @param event money was spent */
  default void onCostIncurred(CostIncurred event) {
  }

  /** @param event media is ready to preview */
  default void onAssetReady(AssetReady event) {
  }

  /** @param event the run is waiting for answers */
  default void onRunSuspended(RunSuspended event) {
  }

  /** @param event the run finished */
  default void onRunCompleted(RunCompleted event) {
  }

  /** @param event the run failed */
  default void onRunFailed(RunFailed event) {
  }

  /** @param event the run was cancelled */
  default void onRunCancelled(RunCancelled event) {
  }

  /** @param event a job passed its deadline; the run can be resumed */
  default void onRunTimedOut(RunTimedOut event) {
  }
}
