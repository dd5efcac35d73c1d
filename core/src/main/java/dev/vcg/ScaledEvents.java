package dev.vcg;

import dev.vcg.workflow.WorkflowEvent;
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

/** Maps a run's progress (0..1) into its share of a whole gateway workflow. */
final class ScaledEvents {
  private ScaledEvents() {
  }

  /**
   * @param e an event of one run
   * @param base where the run's share starts
   * @param span how large the share is
   * @return the same event with {@code base + span * progress}
   */
  static WorkflowEvent scale(WorkflowEvent e, double base, double span) {
    if (base == 0 && span == 1) {
      return e;
    }
    double p = Math.min(1, base + span * e.progress());
    if (e instanceof RunStarted x) {
      return new RunStarted(x.runId(), x.at(), p, x.workflow(), x.resumed());
    } else if (e instanceof StepStarted x) {
      return new StepStarted(x.runId(), x.at(), p, x.step(), x.attempt());
    } else if (e instanceof StepProgress x) {
      return new StepProgress(x.runId(), x.at(), p, x.step(), x.stepProgress(), x.message());
    } else if (e instanceof StepRetrying x) {
      return new StepRetrying(x.runId(), x.at(), p, x.step(), x.attempt(), x.delay(), x.errorKind(), x.message());
    } else if (e instanceof StepCompleted x) {
      return new StepCompleted(x.runId(), x.at(), p, x.step(), x.duration());
    } else if (e instanceof StepSkipped x) {
      return new StepSkipped(x.runId(), x.at(), p, x.step());
    } else if (e instanceof StepFailed x) {
      return new StepFailed(x.runId(), x.at(), p, x.step(), x.errorKind(), x.message(), x.optional());
    } else if (e instanceof JobSubmitted x) {
      return new JobSubmitted(x.runId(), x.at(), p, x.step(), x.job());
    } else if (e instanceof CostIncurred x) {
      return new CostIncurred(x.runId(), x.at(), p, x.entry());
    } else if (e instanceof AssetReady x) {
      return new AssetReady(x.runId(), x.at(), p, x.step(), x.label(), x.media());
    } else if (e instanceof RunSuspended x) {
      return new RunSuspended(x.runId(), x.at(), p, x.step(), x.suspension());
    } else if (e instanceof RunCompleted x) {
      return new RunCompleted(x.runId(), x.at(), p);
    } else if (e instanceof RunFailed x) {
      return new RunFailed(x.runId(), x.at(), p, x.step(), x.errorKind(), x.message(), x.recoverable());
    } else if (e instanceof RunCancelled x) {
      return new RunCancelled(x.runId(), x.at(), p);
    } else if (e instanceof RunTimedOut x) {
      return new RunTimedOut(x.runId(), x.at(), p, x.step(), x.job());
    }
    return e;
  }
}
