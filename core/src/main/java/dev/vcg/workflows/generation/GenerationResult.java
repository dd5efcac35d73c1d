package dev.vcg.workflows.generation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.vcg.VcgException;
import dev.vcg.cost.BudgetExceededException;
import dev.vcg.cost.CostEntry;
import dev.vcg.cost.CostEstimate;
import dev.vcg.cost.CostLedger;
import dev.vcg.cost.Money;
import dev.vcg.direction.VideoDirection;
import dev.vcg.workflow.RunOutcome;
import dev.vcg.workflow.RunStatus;
import dev.vcg.workflow.WorkflowException;
import dev.vcg.workflows.generation.Values.Refusal;
import dev.vcg.workflows.generation.Values.ResultData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished video: the MP4, its length, a thumbnail, the assets of every shot or segment
 * (frames and clips, kept in the asset store), what was spent call by call, what was estimated
 * before, and what was done differently from the request.
 *
 * <p>Serialisable with Jackson (the library's mapper or any other), so a host can keep it with
 * its project and later pass it to {@link ContinuousFlow#regenerate} or
 * {@link ContinuousFlow#append}. Immutable and thread-safe.
 */
public final class GenerationResult {
  /**
   * The metadata key ({@link dev.vcg.workflow.WorkflowContext#metadata()}) under which a
   * generation run puts its estimated cost in USD, as a plain decimal, before its first paid call.
   */
  public static final String ESTIMATED_COST = "estimatedCost";

  private final ResultData data;

  GenerationResult(ResultData data) {
    this.data = Objects.requireNonNull(data, "data");
  }

  @JsonCreator
  static GenerationResult fromJson(ResultData data) {
    return new GenerationResult(data);
  }

  @JsonValue
  ResultData data() {
    return data;
  }

  /**
   * The result of a finished generation run, or the reason it has none.
   *
   * @param outcome the outcome of a {@link DirectedGeneration} or {@link ContinuousFlow} run
   * @return the result, when the run completed
   * @throws BudgetExceededException if a paid call was refused because it would have passed the
   *     budget; it states what the run spent in total (including calls that were in flight)
   * @throws VcgException the provider, media or input error that failed the run, when there is
   *     one (e.g. {@link dev.vcg.provider.ProviderException}, {@link dev.vcg.media.StitchException})
   * @throws WorkflowException if the run failed otherwise, was cancelled, timed out polling a job
   *     (resumable) or is suspended (e.g. waiting for approval of its frames)
   */
  public static GenerationResult from(RunOutcome outcome) {
    Objects.requireNonNull(outcome, "outcome");
    if (outcome.status() == RunStatus.COMPLETED) {
      return outcome.output(ResultData.class).map(GenerationResult::new).orElseThrow(() -> new WorkflowException(
          "run " + outcome.runId() + " of workflow " + outcome.workflow() + " completed without a generation "
              + "result; read it with the workflow that made it", null, WorkflowException.Stage.STEP, false, null));
    }
    if (outcome.status() == RunStatus.FAILED && outcome.failure().isPresent()) {
      WorkflowException failure = outcome.failure().get();
      Optional<Refusal> refusal = outcome.get(Keys.REFUSED);
      CostLedger ledger = outcome.context().costs();
      if (refusal.isPresent() && ledger.cap().isPresent()) {
        throw new BudgetExceededException(ledger.total(), ledger.cap().get(), refusal.get().attempted(),
            refusal.get().what());
      }
      for (Throwable t = failure.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
        if (t instanceof VcgException v && !(t instanceof WorkflowException)) {
          throw v;
        }
      }
      throw failure;
    }
    outcome.orThrow();
    throw new IllegalStateException("unreachable: " + outcome);
  }

  /** @return the run that made the video */
  public String runId() {
    return data.runId();
  }

  /** @return the workflow that made it: {@code DIRECTED_GENERATION} or {@code CONTINUOUS_FLOW} */
  public String workflow() {
    return data.workflow();
  }

  /** @return the MP4 file */
  public Path video() {
    return data.video();
  }

  /** @return the MP4's length, as written by the stitcher */
  public Duration duration() {
    return Duration.ofMillis(data.durationMillis());
  }

  /** @return a poster image of the video, if one could be made */
  public Optional<Path> thumbnail() {
    return Optional.ofNullable(data.thumbnail());
  }

  /** @return every shot's or segment's frames and clip, in order */
  public List<SegmentAssets> segments() {
    return data.segments();
  }

  /** @return every paid call of the run, in the order they were recorded */
  public List<CostEntry> costEntries() {
    return data.costs();
  }

  /** @return a ledger holding {@link #costEntries()} (a new copy on every call) */
  public CostLedger costs() {
    CostLedger ledger = new CostLedger();
    data.costs().forEach(ledger::record);
    return ledger;
  }

  /** @return what the run spent */
  public Money totalCost() {
    Money t = Money.ZERO;
    for (CostEntry e : data.costs()) {
      t = t.plus(e.amount());
    }
    return t;
  }

  /** @return what the run was estimated to cost before its first paid call */
  public CostEstimate estimate() {
    return data.estimate();
  }

  /**
   * @return what was done differently from the request: durations snapped to the model's, an
   *     end frame or aspect ratio the model does not take, transitions the stitcher replaced
   */
  public List<String> warnings() {
    return data.warnings();
  }

  /** @return the plan, for a directed video */
  public Optional<VideoDirection> direction() {
    return Optional.ofNullable(data.direction());
  }

  /**
   * @return the request a continuous-flow video was made with (segments as made, the seed that
   *     was used, no output path), for a continuous-flow video
   */
  public Optional<FlowRequest> flowRequest() {
    return Optional.ofNullable(data.flow()).map(FlowRuns::toRequest);
  }

  @Override
  public String toString() {
    return "GenerationResult[" + data.runId() + ", " + data.workflow() + ", " + data.video() + ", "
        + data.durationMillis() + " ms, " + data.segments().size() + " segments, cost " + totalCost() + "]";
  }
}
