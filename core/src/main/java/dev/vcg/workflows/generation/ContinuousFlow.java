package dev.vcg.workflows.generation;

import dev.vcg.cost.CostEstimate;
import dev.vcg.provider.LlmProvider;
import dev.vcg.routing.WorkflowType;
import dev.vcg.workflow.Answers;
import dev.vcg.workflow.RunOptions;
import dev.vcg.workflow.Workflow;
import dev.vcg.workflow.WorkflowEngine;
import dev.vcg.workflow.WorkflowRun;
import dev.vcg.workflows.generation.Values.FlowInput;
import java.util.Objects;

/**
 * The {@code CONTINUOUS_FLOW} workflow: one long continuous shot made of chained segments.
 *
 * <p>Frame 0 is rendered from the prompt and style. In {@link FlowMode#PREDICTED_FRAMES} mode
 * frame {@code i + 1} is predicted from frame {@code i}: a vision model (the
 * {@link Builder#llmProvider LLM provider}, when it has vision; rules otherwise) describes the
 * shot one segment later and the image model renders it with frame {@code i} as reference image
 * (where the model takes one) and the same seed. Clip {@code i} runs from frame {@code i} to frame
 * {@code i + 1}. Frames chain while clips run in parallel as soon as their two frames exist, so a
 * run takes about {@code N × frame time + one clip time}. In {@link FlowMode#LAST_FRAME} mode clip
 * {@code i + 1} starts on the real last frame of clip {@code i} (taken with the
 * {@link dev.vcg.media.FrameExtractor}): segments run one after another, with stronger continuity.
 *
 * <p>{@link #regenerate} makes one segment again and {@link #append} adds segments, reusing the
 * stored frames and clips of the earlier result: only the new work is paid for.
 *
 * <pre>{@code
 * ContinuousFlow flow = ContinuousFlow.builder()
 *     .imageProvider(images).videoProvider(video).llmProvider(visionModel)
 *     .assetStore(LocalAssetStore.create(Path.of("assets"))).priceBook(prices)
 *     .build();
 * GenerationResult first = flow.generate(engine, FlowRequest.builder().prompt("a cat in a magic forest")
 *     .segments(6).build());
 * GenerationResult better = GenerationResult.from(flow.regenerate(engine, first, 5).result().join());
 * }</pre>
 *
 * <p>Thread-safe; one instance serves any number of runs.
 */
public final class ContinuousFlow {
  /** The workflow's name, {@code CONTINUOUS_FLOW}. */
  public static final String WORKFLOW = WorkflowType.CONTINUOUS_FLOW.name();
  /** The longest replacement motion prompt accepted by {@link #regenerate}, in characters. */
  public static final int MAX_PROMPT_LENGTH = 2_500;

  private final Services services;
  private final FlowSteps steps;
  private final Workflow workflow;

  private ContinuousFlow(Builder b) {
    this.services = b.services();
    this.steps = new FlowSteps(services);
    this.workflow = steps.workflow();
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The workflow, named {@link #WORKFLOW}, to register with an engine so that
   * {@link WorkflowEngine#resume(String)} finds it. Start runs with {@link #start}.
   *
   * @return the workflow
   */
  public Workflow workflow() {
    return workflow;
  }

  /**
   * What a request will cost, from the price book, before anything is paid: N + 1 frames (N
   * descriptions by the vision model), N clips of the snapped segment length.
   *
   * @param request the request
   * @return the estimate
   */
  public CostEstimate estimate(FlowRequest request) {
    return steps.planFor(FlowRuns.input(Objects.requireNonNull(request, "request")), 0).estimate();
  }

  /**
   * Starts a run.
   *
   * @param engine the engine to run on
   * @param request what to make
   * @return the run; turn its outcome into a video with {@link GenerationResult#from}
   * @throws IllegalStateException if the engine is closed
   */
  public WorkflowRun start(WorkflowEngine engine, FlowRequest request) {
    return start(engine, request, RunOptions.defaults());
  }

  /**
   * Starts a run with options. The request's {@link FlowRequest#maxCost()} becomes the run's
   * budget when given; otherwise the options' budget applies.
   *
   * @param engine the engine to run on
   * @param request what to make
   * @param options the run's options
   * @return the run
   * @throws IllegalArgumentException if the options' run id is in use
   * @throws IllegalStateException if the engine is closed
   */
  public WorkflowRun start(WorkflowEngine engine, FlowRequest request, RunOptions options) {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(options, "options");
    return engine.start(workflow, FlowRuns.input(request), Runs.withBudget(options, request.maxCost().orElse(null)));
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
  public GenerationResult generate(WorkflowEngine engine, FlowRequest request) {
    return GenerationResult.from(Runs.join(start(engine, request)));
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
    Objects.requireNonNull(engine, "engine");
    return engine.resume(workflow, runId, Answers.none());
  }

  /**
   * Makes one segment of an earlier video again, as a new run whose result is the whole video.
   * In {@link FlowMode#PREDICTED_FRAMES} mode only that segment's clip is made again (from the
   * same frames, with another seed); in {@link FlowMode#LAST_FRAME} mode the segments after it
   * are made again too, since each starts where the one before it ends.
   *
   * @param engine the engine to run on
   * @param previous a continuous-flow result
   * @param segment the segment, from 0
   * @return the new run
   * @throws IllegalArgumentException if {@code previous} is not a continuous-flow result or the
   *     segment is out of range
   */
  public WorkflowRun regenerate(WorkflowEngine engine, GenerationResult previous, int segment) {
    return regenerate(engine, previous, segment, null, RunOptions.defaults());
  }

  /**
   * Makes one segment again with a new motion prompt (see {@link #regenerate(WorkflowEngine,
   * GenerationResult, int)}).
   *
   * @param engine the engine to run on
   * @param previous a continuous-flow result
   * @param segment the segment, from 0
   * @param prompt what should happen in the segment instead, or null to keep it
   * @param options the new run's options (e.g. its budget)
   * @return the new run
   * @throws IllegalArgumentException if {@code previous} is not a continuous-flow result, the
   *     segment is out of range, or the prompt is blank or longer than {@link #MAX_PROMPT_LENGTH}
   */
  public WorkflowRun regenerate(WorkflowEngine engine, GenerationResult previous, int segment, String prompt,
                                RunOptions options) {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(options, "options");
    FlowInput settings = settingsOf(previous);
    int n = previous.segments().size();
    if (segment < 0 || segment >= n) {
      throw new IllegalArgumentException("segment must be within 0.." + (n - 1) + ": " + segment);
    }
    if (prompt != null && (prompt.isBlank() || prompt.length() > MAX_PROMPT_LENGTH)) {
      throw new IllegalArgumentException("prompt must not be blank and at most " + MAX_PROMPT_LENGTH
          + " characters");
    }
    FlowInput in = new FlowInput(settings.prompt(), settings.style(), n, settings.segmentSeconds(), settings.mode(),
        settings.aspectRatio(), settings.frameSize(), settings.seed(), null, settings.negativePrompt(),
        previous.segments(), segment, prompt == null ? null : prompt.strip(), settings.variation() + 1);
    return engine.start(workflow, in, options);
  }

  /**
   * Adds segments to the end of an earlier video, as a new run whose result is the whole video;
   * the earlier segments are reused as they are.
   *
   * @param engine the engine to run on
   * @param previous a continuous-flow result
   * @param segments how many segments to add, at least 1
   * @return the new run
   * @throws IllegalArgumentException if {@code previous} is not a continuous-flow result or the
   *     video would have more than {@link FlowRequest#MAX_SEGMENTS} segments
   */
  public WorkflowRun append(WorkflowEngine engine, GenerationResult previous, int segments) {
    return append(engine, previous, segments, RunOptions.defaults());
  }

  /**
   * Adds segments (see {@link #append(WorkflowEngine, GenerationResult, int)}).
   *
   * @param engine the engine to run on
   * @param previous a continuous-flow result
   * @param segments how many segments to add, at least 1
   * @param options the new run's options (e.g. its budget)
   * @return the new run
   * @throws IllegalArgumentException if {@code previous} is not a continuous-flow result or the
   *     count is out of range
   */
  public WorkflowRun append(WorkflowEngine engine, GenerationResult previous, int segments, RunOptions options) {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(options, "options");
    FlowInput settings = settingsOf(previous);
    int n = previous.segments().size();
    if (segments < 1 || n + segments > FlowRequest.MAX_SEGMENTS) {
      throw new IllegalArgumentException("segments must be at least 1 and the video at most "
          + FlowRequest.MAX_SEGMENTS + " segments long: " + n + " + " + segments);
    }
    FlowInput in = new FlowInput(settings.prompt(), settings.style(), n + segments, settings.segmentSeconds(),
        settings.mode(), settings.aspectRatio(), settings.frameSize(), settings.seed(), null,
        settings.negativePrompt(), previous.segments(), -1, null, settings.variation());
    return engine.start(workflow, in, options);
  }

  private static FlowInput settingsOf(GenerationResult previous) {
    Objects.requireNonNull(previous, "previous");
    FlowInput settings = previous.data().flow();
    if (!WORKFLOW.equals(previous.workflow()) || settings == null) {
      throw new IllegalArgumentException("run " + previous.runId() + " is a " + previous.workflow()
          + " result; only " + WORKFLOW + " results can be regenerated or extended");
    }
    return settings;
  }

  @Override
  public String toString() {
    return "ContinuousFlow[image=" + services.image.id() + "/" + services.image.model() + ", video="
        + services.video.id() + "/" + services.video.model() + ", llm="
        + (services.llm == null ? "rules" : services.llm.id() + "/" + services.llm.model()) + "]";
  }

  /** Builds a {@link ContinuousFlow}. Not thread-safe. */
  public static final class Builder extends GenerationBuilder<Builder> {
    private Builder() {
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * @param provider the vision model that imagines each next frame; without one, or when it
     *     has no vision, frames are described by rules
     * @return this builder
     */
    public Builder llmProvider(LlmProvider provider) {
      this.llm = Objects.requireNonNull(provider, "llmProvider");
      return this;
    }

    /**
     * @return the workflow
     * @throws IllegalStateException if the image provider, video provider or asset store is missing
     */
    public ContinuousFlow build() {
      return new ContinuousFlow(this);
    }
  }
}
