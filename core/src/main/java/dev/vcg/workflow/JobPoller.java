package dev.vcg.workflow;

import dev.vcg.cost.CostEntry;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoResult;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Follows one kind of long-running job (a video generation, an asynchronous image, any remote
 * task with an id): the engine checkpoints the job handle {@code J} as JSON as soon as a
 * {@link Step#job job step} has submitted it, then calls {@link #poll} on its scheduler with
 * back-off and a deadline (see {@link PollPolicy}) — no thread waits in between. After a restart
 * the handle is read back with {@link #jobType()} and polling continues; nothing is submitted
 * twice. {@link #video(VideoProvider)} adapts a {@link VideoProvider} out of the box.
 *
 * <p>Implementations must be thread-safe; {@link #poll} must be idempotent and should throw a
 * {@link dev.vcg.VcgException} that {@link dev.vcg.VcgException#isRetryable() is retryable} for
 * transient failures (they are tolerated up to the policy's limit).
 *
 * @param <J> the job handle, JSON-serialisable and free of secrets
 * @param <T> the result of a finished job
 */
public interface JobPoller<J, T> {
  /** @return the type of the job handle, to read it back from a checkpoint */
  Type jobType();

  /**
   * Asks where a job stands.
   *
   * @param job the handle returned by the submission
   * @return the job's state
   */
  JobCheck<T> poll(J job);

  /**
   * Asks the provider to stop a job; called when the run is cancelled. Best effort.
   *
   * @param job the handle
   */
  default void cancel(J job) {
  }

  /**
   * A short, secret-free description of the job for events and messages.
   *
   * @param job the handle
   * @return e.g. {@code fal:1234}
   */
  default String describe(J job) {
    return String.valueOf(job);
  }

  /**
   * What a finished job cost, if the provider said; the engine records it in the run's ledger.
   *
   * @param job the handle
   * @param result the result
   * @param label what the cost was for (the step's name)
   * @param at now
   * @return the entry to record, or empty
   */
  default Optional<CostEntry> costOf(J job, T result, String label, Instant at) {
    return Optional.empty();
  }

  /**
   * Adapts a video provider: polls with {@link VideoProvider#poll}, cancels with
   * {@link VideoProvider#cancel}, maps queued/running to pending (with the provider's progress and
   * {@link JobStatus#pollAfter() hint}), succeeded to done, failed and cancelled to failed, and
   * records the provider-reported cost of a finished clip.
   *
   * @param provider the provider; it must be able to follow jobs it did not submit (after a restart)
   * @return the poller
   */
  static JobPoller<VideoJob, VideoResult> video(VideoProvider provider) {
    Objects.requireNonNull(provider, "provider");
    return new JobPoller<>() {
      @Override
      public Type jobType() {
        return VideoJob.class;
      }

      @Override
      public JobCheck<VideoResult> poll(VideoJob job) {
        JobStatus s = provider.poll(job);
        switch (s.state()) {
          case SUCCEEDED:
            return JobCheck.done(s.result());
          case FAILED:
            return JobCheck.failed(provider.id() + " job " + job.id() + " failed (" + s.rawStatus() + ")"
                + (s.failure() == null ? "" : ": " + s.failure()));
          case CANCELLED:
            return JobCheck.failed(provider.id() + " job " + job.id() + " was cancelled (" + s.rawStatus() + ")");
          default:
            return JobCheck.pending(s.progress(), s.pollAfter());
        }
      }

      @Override
      public void cancel(VideoJob job) {
        provider.cancel(job);
      }

      @Override
      public String describe(VideoJob job) {
        return job.providerId() + ":" + job.id();
      }

      @Override
      public Optional<CostEntry> costOf(VideoJob job, VideoResult result, String label, Instant at) {
        return result.actualCost().map(c -> new CostEntry(at, job.providerId(), job.model(), ProviderKind.VIDEO,
            c, true, label));
      }

      @Override
      public String toString() {
        return "JobPoller.video(" + provider.id() + ")";
      }
    };
  }
}
