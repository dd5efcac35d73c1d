package dev.vcg.workflow;

import dev.vcg.cost.CostEntry;
import dev.vcg.media.MediaRef;
import java.time.Duration;
import java.time.Instant;

/**
 * Something that happened in a run. Every event carries the run id, the time (from the engine's
 * clock) and the run's overall progress from 0 to 1, which never goes backwards within one
 * start or resume of a run and is exactly 1.0 on {@link RunCompleted}. Events of one run are
 * delivered in order. They never contain secrets.
 *
 * <p>Terminal events: {@link RunCompleted}, {@link RunFailed}, {@link RunSuspended},
 * {@link RunCancelled}, {@link RunTimedOut}; each is the last event of its run.
 */
public sealed interface WorkflowEvent {
  /** @return the run */
  String runId();

  /** @return when it happened */
  Instant at();

  /** @return the run's overall progress, 0 to 1 */
  double progress();

  /** @return whether this is the last event of the run */
  default boolean isTerminal() {
    return false;
  }

  /**
   * A run started or was resumed.
   *
   * @param runId the run
   * @param at when
   * @param progress overall progress
   * @param workflow the workflow's name
   * @param resumed whether it continues a saved run
   */
  record RunStarted(String runId, Instant at, double progress, String workflow, boolean resumed)
      implements WorkflowEvent {
  }

  /**
   * A step attempt started.
   *
   * @param runId the run
   * @param at when
   * @param progress overall progress
   * @param step the step ({@code parent/child} inside child workflows)
   * @param attempt the attempt, from 1
   */
  record StepStarted(String runId, Instant at, double progress, String step, int attempt) implements WorkflowEvent {
  }

  /**
   * A step reported progress (or its job was polled).
   *
   * @param runId the run
   * @param at when
   * @param progress overall progress
   * @param step the step
   * @param stepProgress the step's own progress, 0 to 1
   * @param message what it is doing, may be empty
   */
  record StepProgress(String runId, Instant at, double progress, String step, double stepProgress, String message)
      implements WorkflowEvent {
  }

  /**
   * A step attempt failed and will be tried again.
   *
   * @param runId the run
   * @param at when
   * @param progress overall progress
   * @param step the step
   * @param attempt the attempt that failed
   * @param delay the wait before the next attempt
   * @param errorKind the failure's type, e.g. {@code RateLimitedException}
   * @param message the failure's message
   */
  record StepRetrying(String runId, Instant at, double progress, String step, int attempt, Duration delay,
                      String errorKind, String message) implements WorkflowEvent {
  }

  /**
   * A step finished with its value stored.
   *
   * @param runId the run
   * @param at when
   * @param progress overall progress
   * @param step the step
   * @param duration from its first start to now, in this run
   */
  record StepCompleted(String runId, Instant at, double progress, String step, Duration duration)
      implements WorkflowEvent {
  }

  /**
   * A step was skipped because its condition was false.
   *
   * @param runId the run
   * @param at when
   * @param progress overall progress
   * @param step the step
   */
  record StepSkipped(String runId, Instant at, double progress, String step) implements WorkflowEvent {
  }

  /**
   * A step failed for good. If it is optional the run goes on.
   *
   * @param runId the run
   * @param at when
   * @param progress overall progress
   * @param step the step
   * @param errorKind the failure's type
   * @param message the failure's message
   * @param optional whether the run goes on without it
   */
  record StepFailed(String runId, Instant at, double progress, String step, String errorKind, String message,
                    boolean optional) implements WorkflowEvent {
  }

  /**
   * A job step submitted its job; the job is checkpointed and will be polled.
   *
   * @param runId the run
   * @param at when
   * @param progress overall progress
   * @param step the step
   * @param job a description of the job, e.g. {@code fal:1234}
   */
  record JobSubmitted(String runId, Instant at, double progress, String step, String job) implements WorkflowEvent {
  }

  /**
   * Money was spent (recorded in the run's ledger).
   *
   * @param runId the run
   * @param at when
   * @param progress overall progress
   * @param entry what was paid and what for
   */
  record CostIncurred(String runId, Instant at, double progress, CostEntry entry) implements WorkflowEvent {
  }

  /**
   * A step produced media worth showing before the run ends, e.g. a finished segment.
   *
   * @param runId the run
   * @param at when
   * @param progress overall progress
   * @param step the step
   * @param label what it is, e.g. {@code shot-3}
   * @param media the media
   */
  record AssetReady(String runId, Instant at, double progress, String step, String label, MediaRef media)
      implements WorkflowEvent {
  }

  /**
   * The run stopped to ask the user; resume it with answers.
   *
   * @param runId the run
   * @param at when
   * @param progress overall progress
   * @param step the step that asked
   * @param suspension the questions
   */
  record RunSuspended(String runId, Instant at, double progress, String step, Suspension suspension)
      implements WorkflowEvent {
    @Override
    public boolean isTerminal() {
      return true;
    }
  }

  /**
   * The run finished; progress is exactly 1.0.
   *
   * @param runId the run
   * @param at when
   * @param progress 1.0
   */
  record RunCompleted(String runId, Instant at, double progress) implements WorkflowEvent {
    @Override
    public boolean isTerminal() {
      return true;
    }
  }

  /**
   * The run failed.
   *
   * @param runId the run
   * @param at when
   * @param progress overall progress
   * @param step the step at fault, or empty
   * @param errorKind the failure's type
   * @param message what failed and what to do
   * @param recoverable whether resuming may succeed
   */
  record RunFailed(String runId, Instant at, double progress, String step, String errorKind, String message,
                   boolean recoverable) implements WorkflowEvent {
    @Override
    public boolean isTerminal() {
      return true;
    }
  }

  /**
   * The run was cancelled.
   *
   * @param runId the run
   * @param at when
   * @param progress overall progress
   */
  record RunCancelled(String runId, Instant at, double progress) implements WorkflowEvent {
    @Override
    public boolean isTerminal() {
      return true;
    }
  }

  /**
   * A job passed its polling deadline; the run ended resumable with the job saved.
   *
   * @param runId the run
   * @param at when
   * @param progress overall progress
   * @param step the job's step
   * @param job a description of the job
   */
  record RunTimedOut(String runId, Instant at, double progress, String step, String job) implements WorkflowEvent {
    @Override
    public boolean isTerminal() {
      return true;
    }
  }
}
