package dev.vcg.workflows.generation;

import dev.vcg.cost.CostEstimate;
import dev.vcg.routing.WorkflowType;
import dev.vcg.workflow.Answers;
import dev.vcg.workflow.RunOptions;
import dev.vcg.workflow.Workflow;
import dev.vcg.workflow.WorkflowEngine;
import dev.vcg.workflow.WorkflowRun;
import dev.vcg.workflows.generation.Values.DirectedInput;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code DIRECTED_GENERATION} workflow: renders a director's plan
 * ({@link dev.vcg.direction.VideoDirection}) into one MP4.
 *
 * <ol>
 *   <li>{@code plan}: decides the frames (two per shot; adjacent shots share their boundary frame
 *       when the transition between them is continuous, so N + 1 images instead of 2N; a video
 *       model without end-frame support gets start frames only), snaps every shot's length to
 *       the lengths the video model makes, and estimates the cost. A budget smaller than the
 *       estimate stops the run here, before any paid call.</li>
 *   <li>{@code generate}: a child workflow of known size — every frame is rendered at once
 *       (at most {@link Builder#maxConcurrentCalls} calls per provider), each clip is submitted as
 *       soon as its own frames exist (no barrier between images and clips), its job id is
 *       checkpointed before it is polled, and each finished clip is downloaded into the asset
 *       store at once (provider URLs expire).</li>
 *   <li>{@code stitch} with the plan's transitions, {@code thumbnail}, {@code result}.</li>
 * </ol>
 *
 * <pre>{@code
 * DirectedGeneration directed = DirectedGeneration.builder()
 *     .imageProvider(images).videoProvider(video)
 *     .assetStore(LocalAssetStore.create(Path.of("assets")))
 *     .priceBook(prices)
 *     .build();
 * WorkflowRun run = directed.start(engine, DirectedRequest.builder().direction(plan).build());
 * GenerationResult video = GenerationResult.from(run.result().join());
 * }</pre>
 *
 * <p>Resuming a run ({@link #resume}) after a crash reuses every stored frame and clip and polls
 * submitted jobs instead of paying for them again. Thread-safe; one instance serves any number
 * of runs.
 */
public final class DirectedGeneration {
  /** The workflow's name, {@code DIRECTED_GENERATION}. */
  public static final String WORKFLOW = WorkflowType.DIRECTED_GENERATION.name();
  /** The question a run with {@link DirectedRequest#reviewFrames()} asks before paying for clips. */
  public static final String APPROVE = "approve";

  private final Services services;
  private final DirectedSteps steps;
  private final Workflow workflow;

  private DirectedGeneration(Builder b) {
    this.services = b.services();
    this.steps = new DirectedSteps(services);
    this.workflow = steps.workflow();
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The workflow, named {@link #WORKFLOW}, to register with an engine (so that
   * {@link WorkflowEngine#resume(String)} finds it) or to run directly. Its input is internal:
   * start runs with {@link #start}.
   *
   * @return the workflow
   */
  public Workflow workflow() {
    return workflow;
  }

  /**
   * What rendering a request will cost, from the price book, before anything is paid: frames
   * (shared boundary frames counted once), and clips priced per second of their snapped length.
   *
   * @param request the request
   * @return the estimate
   */
  public CostEstimate estimate(DirectedRequest request) {
    return steps.planFor(input(request), 0).estimate();
  }

  /**
   * Starts a run.
   *
   * @param engine the engine to run on
   * @param request what to make
   * @return the run (events, result, cancel); turn its outcome into a video with
   *     {@link GenerationResult#from}
   * @throws IllegalStateException if the engine is closed
   */
  public WorkflowRun start(WorkflowEngine engine, DirectedRequest request) {
    return start(engine, request, RunOptions.defaults());
  }

  /**
   * Starts a run with options (id, user, metadata, listeners). The request's
   * {@link DirectedRequest#maxCost()} becomes the run's budget when given; otherwise the
   * options' budget applies.
   *
   * @param engine the engine to run on
   * @param request what to make
   * @param options the run's options
   * @return the run
   * @throws IllegalArgumentException if the options' run id is in use
   * @throws IllegalStateException if the engine is closed
   */
  public WorkflowRun start(WorkflowEngine engine, DirectedRequest request, RunOptions options) {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(options, "options");
    return engine.start(workflow, input(request), Runs.withBudget(options, request.maxCost().orElse(null)));
  }

  /**
   * Resumes a run after a crash, a failure, a cancellation or a polling deadline: stored frames
   * and clips are reused and submitted jobs are polled, not paid for again.
   *
   * @param engine the engine holding the run's store
   * @param runId the run
   * @return the resumed run
   * @throws dev.vcg.workflow.WorkflowException if the run is unknown, completed or running
   */
  public WorkflowRun resume(WorkflowEngine engine, String runId) {
    return resume(engine, runId, Answers.none());
  }

  /**
   * Resumes a run with answers, e.g. {@link #APPROVE} = {@code yes} for a run waiting for its
   * frames to be reviewed.
   *
   * @param engine the engine holding the run's store
   * @param runId the run
   * @param answers the answers
   * @return the resumed run
   * @throws dev.vcg.workflow.WorkflowException if the run is unknown, completed or running
   */
  public WorkflowRun resume(WorkflowEngine engine, String runId, Answers answers) {
    Objects.requireNonNull(engine, "engine");
    return engine.resume(workflow, runId, answers);
  }

  /**
   * Approves the frames of a run waiting for review: the clips are made.
   *
   * @param engine the engine holding the run's store
   * @param runId the suspended run
   * @return the resumed run
   * @throws dev.vcg.workflow.WorkflowException if the run is unknown, completed or running
   */
  public WorkflowRun approve(WorkflowEngine engine, String runId) {
    return resume(engine, runId, Answers.of(Map.of(APPROVE, "yes")));
  }

  /**
   * Runs a request to the end on the calling thread.
   *
   * @param engine the engine to run on
   * @param request what to make
   * @return the video
   * @throws dev.vcg.cost.BudgetExceededException if the budget stopped the run
   * @throws dev.vcg.VcgException the error that failed the run (see {@link GenerationResult#from})
   */
  public GenerationResult generate(WorkflowEngine engine, DirectedRequest request) {
    return GenerationResult.from(Runs.join(start(engine, request)));
  }

  static DirectedInput input(DirectedRequest r) {
    return new DirectedInput(r.direction(), r.aspectRatio(), r.frameSize().orElse(null), r.seed().orElse(null),
        r.output().map(p -> p.toAbsolutePath().normalize()).orElse(null), r.negativePrompt().orElse(null),
        r.reviewFrames(), r.transitionDuration().toMillis());
  }

  @Override
  public String toString() {
    return "DirectedGeneration[image=" + services.image.id() + "/" + services.image.model() + ", video="
        + services.video.id() + "/" + services.video.model() + "]";
  }

  /** Builds a {@link DirectedGeneration}. Not thread-safe. */
  public static final class Builder extends GenerationBuilder<Builder> {
    private Builder() {
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * @return the workflow
     * @throws IllegalStateException if the image provider, video provider or asset store is missing
     */
    public DirectedGeneration build() {
      return new DirectedGeneration(this);
    }
  }
}
