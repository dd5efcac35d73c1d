package dev.vcg.workflows.generation;

import dev.vcg.cost.BudgetExceededException;
import dev.vcg.cost.CostEntry;
import dev.vcg.cost.CostLedger;
import dev.vcg.cost.Money;
import dev.vcg.provider.OutcomeUnknownException;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import dev.vcg.provider.VideoResult;
import dev.vcg.workflow.JobCheck;
import dev.vcg.workflow.JobPoller;
import dev.vcg.workflow.StepContext;
import dev.vcg.workflows.generation.Values.ClipDone;
import dev.vcg.workflows.generation.Values.ClipJob;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Submits one run's clip jobs with their estimate reserved, and follows them for the engine:
 * a finished clip settles its reservation with the provider's cost (or the estimate), a failed
 * or cancelled one releases it. After a resume the reservations of jobs still running are taken
 * again at their first poll, so new calls see the money already committed. Thread-safe.
 */
final class ClipCalls implements JobPoller<ClipJob, ClipDone> {
  private final VideoProvider provider;
  private final JobPoller<VideoJob, VideoResult> base;
  private final CostLedger ledger;
  private final Map<String, Hold> holds = new ConcurrentHashMap<>();
  private final Set<String> closed = ConcurrentHashMap.newKeySet();

  /** Money held for one job; the reservation is null when it could not be taken again after a resume. */
  private record Hold(CostLedger.Reservation reservation, String label, Money estimate) {
  }

  ClipCalls(VideoProvider provider, CostLedger ledger) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.base = JobPoller.video(provider);
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  /** Reserves the clip's estimate, submits it (the paid call) and returns the handle to checkpoint. */
  ClipJob submit(StepContext ctx, Budget budget, VideoRequest request, Money estimate, String label) {
    ctx.checkCancelled();
    String model = request.model().orElse(provider.model());
    CostLedger.Reservation r = budget.reserve(ctx, estimate, label + " (" + provider.id() + "/" + model + ", "
        + request.durationSeconds() + " s)");
    VideoJob job;
    try {
      job = provider.submit(request);
    } catch (OutcomeUnknownException e) {
      r.settle(provider.id(), model, ProviderKind.VIDEO, null, label + " (submission outcome unknown)", ctx.now());
      throw e;
    } catch (RuntimeException | Error e) {
      r.release();
      throw e;
    }
    String hold = UUID.randomUUID().toString();
    holds.put(hold, new Hold(r, label, estimate));
    return new ClipJob(job, estimate, hold);
  }

  @Override
  public Type jobType() {
    return ClipJob.class;
  }

  @Override
  public JobCheck<ClipDone> poll(ClipJob job) {
    holdAgain(job);
    JobCheck<VideoResult> check = base.poll(job.job());
    if (check.state() == JobCheck.State.FAILED) {
      release(job);
    }
    if (check.state() == JobCheck.State.DONE) {
      return JobCheck.done(ClipDone.of(check.value(), job.job()));
    }
    return new JobCheck<>(check.state(), null, check.progress(), check.pollAfter(), check.failure());
  }

  private void holdAgain(ClipJob job) {
    if (closed.contains(job.hold()) || holds.containsKey(job.hold())) {
      return;
    }
    CostLedger.Reservation r = null;
    String label = describe(job);
    try {
      r = ledger.reserve(job.estimate(), "clip " + label + " (submitted before a restart)");
    } catch (BudgetExceededException e) {
      // Already submitted and paid: it is recorded when it finishes.
    }
    if (holds.putIfAbsent(job.hold(), new Hold(r, "clip " + label, job.estimate())) != null && r != null) {
      r.release();
    }
  }

  @Override
  public Optional<CostEntry> costOf(ClipJob job, ClipDone done, String label, Instant at) {
    if (!closed.add(job.hold())) {
      return Optional.empty();
    }
    Hold h = holds.remove(job.hold());
    Money actual = done.cost();
    VideoJob j = job.job();
    if (h != null && h.reservation() != null) {
      h.reservation().settle(j.providerId(), j.model(), ProviderKind.VIDEO, actual, label, at);
    } else {
      ledger.record(new CostEntry(at, j.providerId(), j.model(), ProviderKind.VIDEO,
          actual == null ? job.estimate() : actual, actual != null, label));
    }
    // Recorded in the ledger directly; the engine announces it as a cost event.
    return Optional.empty();
  }

  @Override
  public void cancel(ClipJob job) {
    try {
      base.cancel(job.job());
    } finally {
      release(job);
    }
  }

  @Override
  public String describe(ClipJob job) {
    return base.describe(job.job());
  }

  private void release(ClipJob job) {
    if (closed.add(job.hold())) {
      Hold h = holds.remove(job.hold());
      if (h != null && h.reservation() != null) {
        h.reservation().release();
      }
    }
  }

  /** Counts every job still in flight as spent at its estimate (the budget is stopping the run). */
  void settleInFlight(Instant at) {
    for (String id : holds.keySet()) {
      if (!closed.add(id)) {
        continue;
      }
      Hold h = holds.remove(id);
      if (h == null) {
        continue;
      }
      String label = h.label() + " (submitted; in flight when the budget stopped the run)";
      if (h.reservation() != null) {
        h.reservation().settle(provider.id(), provider.model(), ProviderKind.VIDEO, null, label, at);
      } else {
        ledger.record(new CostEntry(at, provider.id(), provider.model(), ProviderKind.VIDEO, h.estimate(), false, label));
      }
    }
  }

  @Override
  public String toString() {
    return "ClipCalls(" + provider.id() + ")";
  }
}
