package dev.vcg;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vcg.cost.CostEntry;
import dev.vcg.cost.Money;
import dev.vcg.direction.VideoDirection;
import dev.vcg.routing.InvalidAnswersException;
import dev.vcg.routing.Question;
import dev.vcg.routing.WorkflowType;
import dev.vcg.workflow.Decision;
import dev.vcg.workflow.Suspension;
import dev.vcg.workflow.WorkflowException;
import dev.vcg.workflows.generation.GenerationResult;
import dev.vcg.workflows.planning.Clarifications;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a gateway workflow ended: {@link Completed} (a plan, and a video when one was asked for),
 * {@link ClarificationNeeded} (questions to answer with
 * {@link VideoCreationGateway#continueWorkflow}), or {@link Failed} (the typed error and
 * whether trying again may help). Every response carries the workflow's id, what it spent and
 * the decisions it took.
 *
 * <pre>{@code
 * switch (gateway.process(request)) {
 *   case GatewayResponse.Completed c -> show(c.plan().orElseThrow().plan());   // Java 21 pattern switch
 *   case GatewayResponse.ClarificationNeeded q -> ask(q.questions());
 *   case GatewayResponse.Failed f -> report(f.error());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface GatewayResponse
    permits GatewayResponse.Completed, GatewayResponse.ClarificationNeeded, GatewayResponse.Failed {

  /** The three outcomes, spelled as in the REST shapes. */
  enum Status {
    /** A plan (and maybe a video) is ready. */
    SUCCESS,
    /** The workflow waits for answers. */
    CLARIFICATION_NEEDED,
    /** The workflow failed. */
    FAILED;

    /** @return e.g. {@code clarification_needed} */
    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** @return the workflow's id: continue it, ask for its status, or find its files by it */
  String workflowId();

  /** @return which outcome this is */
  Status status();

  /** @return every paid (or free) call made so far, in order */
  List<CostEntry> costs();

  /** @return the decisions taken so far and why (routing, planning, budget), oldest first */
  List<Decision> decisions();

  /** @return what was spent so far */
  default Money totalCost() {
    Money total = Money.ZERO;
    for (CostEntry e : costs()) {
      total = total.plus(e.amount());
    }
    return total;
  }

  /**
   * The plan is ready, and the video too when rendering was asked for.
   */
  final class Completed implements GatewayResponse {
    private final String workflowId;
    private final WorkflowType workflowType;
    private final PlanResult plan;
    private final GenerationResult video;
    private final List<CostEntry> costs;
    private final List<Decision> decisions;
    private final Map<String, String> metadata;
    private final Duration executionTime;

    Completed(String workflowId, WorkflowType workflowType, PlanResult plan, GenerationResult video,
              List<CostEntry> costs, List<Decision> decisions, Map<String, String> metadata, Duration executionTime) {
      this.workflowId = Objects.requireNonNull(workflowId, "workflowId");
      this.workflowType = Objects.requireNonNull(workflowType, "workflowType");
      this.plan = plan;
      this.video = video;
      this.costs = List.copyOf(costs);
      this.decisions = List.copyOf(decisions);
      this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
      this.executionTime = Objects.requireNonNull(executionTime, "executionTime");
    }

    @Override
    public String workflowId() {
      return workflowId;
    }

    @Override
    public Status status() {
      return Status.SUCCESS;
    }

    /**
     * @return the workflow that made the plan (e.g. {@code SIMPLE_TEXT}), or the generation
     *     workflow for a video made without a plan ({@code CONTINUOUS_FLOW})
     */
    public WorkflowType workflowType() {
      return workflowType;
    }

    /**
     * @return the plan, with confidence, assets and warnings; absent for a continuous-flow video
     *     and for a render continued in another process (then see {@link #direction()})
     */
    public Optional<PlanResult> plan() {
      return Optional.ofNullable(plan);
    }

    /** @return the plan the video follows, from the plan or from the video */
    public Optional<VideoDirection> direction() {
      if (plan != null) {
        return Optional.of(plan.plan());
      }
      return video == null ? Optional.empty() : video.direction();
    }

    /** @return the video, when rendering was asked for */
    public Optional<GenerationResult> video() {
      return Optional.ofNullable(video);
    }

    @Override
    public List<CostEntry> costs() {
      return costs;
    }

    @Override
    public List<Decision> decisions() {
      return decisions;
    }

    /**
     * @return facts about the run: {@code pattern}, {@code complexity}, {@code workflow},
     *     {@code routing.reason}, {@code stepsExecuted}, {@code confidence}
     */
    public Map<String, String> metadata() {
      return metadata;
    }

    /** @return from the start of the request to its end, in this process */
    public Duration executionTime() {
      return executionTime;
    }

    @Override
    public String toString() {
      return "GatewayResponse.Completed[" + workflowId + ", " + workflowType + (plan == null ? "" : ", " + plan)
          + (video == null ? "" : ", " + video.video() + " " + video.duration().toMillis() + " ms")
          + ", cost " + totalCost() + "]";
    }
  }

  /**
   * The workflow stopped to ask: answer the questions with
   * {@link VideoCreationGateway#continueWorkflow(String, Map)}. A render waiting for its frames
   * to be reviewed asks {@code approve} (yes/no) and says what the clips will cost in
   * {@link #attributes()} ({@code costToAnimate}, {@code frame-<n>} paths).
   */
  final class ClarificationNeeded implements GatewayResponse {
    private final String workflowId;
    private final Suspension suspension;
    private final List<CostEntry> costs;
    private final List<Decision> decisions;

    ClarificationNeeded(String workflowId, Suspension suspension, List<CostEntry> costs, List<Decision> decisions) {
      this.workflowId = Objects.requireNonNull(workflowId, "workflowId");
      this.suspension = Objects.requireNonNull(suspension, "suspension");
      this.costs = List.copyOf(costs);
      this.decisions = List.copyOf(decisions);
    }

    @Override
    public String workflowId() {
      return workflowId;
    }

    @Override
    public Status status() {
      return Status.CLARIFICATION_NEEDED;
    }

    /** @return what is needed and why, for the person */
    public String message() {
      return suspension.message();
    }

    /** @return the questions, answered by id */
    public List<Suspension.Question> questions() {
      return suspension.questions();
    }

    /**
     * The questions with their types: free text, a choice among options, or yes/no; whether an
     * answer is required; what to tell the person after an answer (follow-ups). A question that
     * carries no type of its own (e.g. a frame review's {@code approve}) is a required choice
     * among its choices, yes/no when those are its only choices, or free text when it has none.
     *
     * @return the typed questions, in the order asked
     */
    public List<Question> typedQuestions() {
      List<Question> typed = Clarifications.questions(suspension);
      if (!typed.isEmpty()) {
        return typed;
      }
      List<Question> out = new ArrayList<>();
      for (Suspension.Question q : suspension.questions()) {
        List<String> c = q.choices();
        if (c.isEmpty()) {
          out.add(Question.text(q.id(), q.text(), true));
        } else if (c.size() == 2 && c.contains("yes") && c.contains("no")) {
          out.add(Question.bool(q.id(), q.text(), true, Map.of()));
        } else {
          out.add(Question.select(q.id(), q.text(), true, c));
        }
      }
      return List.copyOf(out);
    }

    /**
     * Whether the answers given to {@link VideoCreationGateway#continueWorkflow} were rejected (a
     * required answer missing, a question not asked, a choice not among the options). The
     * workflow then waits again with the same questions and nothing lost: answer again.
     *
     * @return the rejection with every problem, if the last answers were rejected
     */
    public Optional<InvalidAnswersException> rejection() {
      String problems = suspension.attributes().get(Clarifications.PROBLEMS);
      if (problems == null || problems.isBlank()) {
        return Optional.empty();
      }
      return Optional.of(new InvalidAnswersException(Arrays.asList(problems.split("\n"))));
    }

    /** @return extra details, e.g. the cost to animate reviewed frames; never secrets */
    public Map<String, String> attributes() {
      return suspension.attributes();
    }

    /** @return whether this is a render waiting for approval of its frames */
    public boolean isFrameReview() {
      return suspension.questions().stream().anyMatch(q -> q.id().equals(VideoCreationGateway.APPROVE));
    }

    @Override
    public List<CostEntry> costs() {
      return costs;
    }

    @Override
    public List<Decision> decisions() {
      return decisions;
    }

    @Override
    public String toString() {
      return "GatewayResponse.ClarificationNeeded[" + workflowId + ", " + suspension.questions().size()
          + " questions]";
    }
  }

  /**
   * The workflow failed (or was cancelled, or a job passed its polling deadline).
   */
  final class Failed implements GatewayResponse {
    private final String workflowId;
    private final VcgException error;
    private final List<CostEntry> costs;
    private final List<Decision> decisions;

    Failed(String workflowId, VcgException error, List<CostEntry> costs, List<Decision> decisions) {
      this.workflowId = Objects.requireNonNull(workflowId, "workflowId");
      this.error = Objects.requireNonNull(error, "error");
      this.costs = List.copyOf(costs);
      this.decisions = List.copyOf(decisions);
    }

    @Override
    public String workflowId() {
      return workflowId;
    }

    @Override
    public Status status() {
      return Status.FAILED;
    }

    /**
     * @return the typed cause: e.g. a {@link dev.vcg.provider.ProviderException}, a
     *     {@link dev.vcg.cost.BudgetExceededException}, an {@link InvalidInputException}, a
     *     {@link dev.vcg.direction.InvalidPlanException}, or a {@link WorkflowException} for
     *     cancellation, timeouts and engine failures
     */
    public VcgException error() {
      return error;
    }

    /** @return what failed and what to do */
    public String message() {
      return error.getMessage();
    }

    /**
     * @return whether continuing the workflow ({@link VideoCreationGateway#continueWorkflow}) or
     *     trying again later may succeed
     */
    public boolean retryable() {
      return error.isRetryable();
    }

    @Override
    public List<CostEntry> costs() {
      return costs;
    }

    @Override
    public List<Decision> decisions() {
      return decisions;
    }

    @Override
    public String toString() {
      return "GatewayResponse.Failed[" + workflowId + ", " + error.getClass().getSimpleName() + ": "
          + error.getMessage() + "]";
    }
  }
}
