package dev.vcg;

import dev.vcg.cost.CostLedger;
import dev.vcg.cost.Money;
import dev.vcg.cost.PriceBook;
import dev.vcg.direction.AiDirector;
import dev.vcg.direction.DirectedShot;
import dev.vcg.direction.DirectionResult;
import dev.vcg.direction.DirectionSource;
import dev.vcg.direction.DirectorInput;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.TokenUsage;
import dev.vcg.provider.VideoCapabilities;
import dev.vcg.routing.InputAnalysis;
import dev.vcg.routing.InputAnalyzer;
import dev.vcg.routing.WorkflowType;
import dev.vcg.workflow.Key;
import dev.vcg.workflow.Step;
import dev.vcg.workflow.StepContext;
import dev.vcg.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The built-in {@code SIMPLE_TEXT} planning workflow (seed example 1):
 * <pre>
 * analyze → plan → validate → result
 * </pre>
 * {@code analyze} finds the goal, pattern and complexity of the prompt, {@code plan} asks the
 * director (the language model, or the rule planner without one), {@code validate} checks the
 * plan's length and clip lengths against the request and the video model, and {@code result}
 * returns the {@link PlanResult} with a confidence score.
 */
final class SimpleTextWorkflow {
  static final Key<InputAnalysis> ANALYSIS = Key.of("analyze", InputAnalysis.class);
  static final Key<DirectionResult> PLAN = Key.of("plan", DirectionResult.class);
  static final Key<Validation> VALIDATION = Key.of("validate", Validation.class);
  static final Key<PlanResult> RESULT = Key.of("result", PlanResult.class);

  /** Tokens of one planning call, for the reservation made before it. */
  static final TokenUsage PLANNING_TOKENS = new TokenUsage(3_000, 4_000);

  /** The default length of a video when the request names none, in seconds. */
  static final int DEFAULT_SECONDS = 30;

  private final GatewayServices services;
  private final InputAnalyzer analyzer = new InputAnalyzer();

  private SimpleTextWorkflow(GatewayServices services) {
    this.services = services;
  }

  static Workflow create(GatewayServices services) {
    SimpleTextWorkflow w = new SimpleTextWorkflow(services);
    return Workflow.builder(WorkflowType.SIMPLE_TEXT.name())
        .step(Step.of(ANALYSIS, w::analyze).weight(0.2))
        .step(Step.of(PLAN, w::plan).dependsOn(ANALYSIS.name()).weight(5))
        .step(Step.of(VALIDATION, w::validate).dependsOn(PLAN.name()).weight(0.2))
        .step(Step.of(RESULT, w::result).dependsOn(PLAN.name(), VALIDATION.name()).weight(0))
        .output(RESULT.name())
        .build();
  }

  /**
   * The outcome of the checks.
   *
   * @param issues what does not meet the request
   * @param notes what will be made differently
   */
  record Validation(List<String> issues, List<String> notes) {
    Validation {
      issues = List.copyOf(issues);
      notes = List.copyOf(notes);
    }
  }

  private InputAnalysis analyze(StepContext ctx) {
    GatewayRequest request = ctx.input(GatewayRequest.class);
    InputAnalysis a = analyzer.analyze(request.input());
    ctx.decide("pattern " + a.pattern().name().toLowerCase(Locale.ROOT) + ", complexity "
        + a.complexity().name().toLowerCase(Locale.ROOT), String.join("; ", a.reasons()));
    return a;
  }

  private DirectionResult plan(StepContext ctx) {
    GatewayRequest request = ctx.input(GatewayRequest.class);
    InputAnalysis analysis = ctx.require(ANALYSIS);
    DirectorInput input = directorInput(request.input(), analysis);
    return direct(ctx, services.director(), services.priceBook(), input);
  }

  /**
   * Asks the director, reserving the estimated cost of a language-model call first and recording
   * what it cost after.
   */
  static DirectionResult direct(StepContext ctx, AiDirector director, PriceBook prices, DirectorInput input) {
    Optional<LlmProvider> llm = director.llm();
    if (llm.isEmpty()) {
      DirectionResult r = director.direct(input);
      ctx.decide("planned by rules", "no language model is configured");
      return r;
    }
    LlmProvider model = llm.get();
    CostLedger ledger = ctx.costs();
    Money estimate = planningEstimate(prices, model);
    CostLedger.Reservation reservation = ledger.reserve(estimate, "planning with " + model.id() + "/" + model.model());
    DirectionResult r;
    try {
      r = director.direct(input);
    } catch (RuntimeException e) {
      reservation.release();
      throw e;
    }
    reservation.settle(model.id(), r.model().orElse(model.model()), ProviderKind.LLM, r.llmCost(),
        "plan (" + r.llmCalls() + " calls)", ctx.now());
    ctx.decide("planned by " + model.id() + "/" + r.model().orElse(model.model()),
        r.source() == DirectionSource.LLM ? "a language model is configured" : "the language model failed; rules");
    return r;
  }

  /** What one planning call is expected to cost, from the model's list price (zero if unknown). */
  static Money planningEstimate(PriceBook prices, LlmProvider model) {
    return prices.find(model.id(), model.model()).map(p -> p.forTokens(PLANNING_TOKENS)).orElse(Money.ZERO);
  }

  private Validation validate(StepContext ctx) {
    GatewayRequest request = ctx.input(GatewayRequest.class);
    DirectionResult plan = ctx.require(PLAN);
    return check(plan, request.input().durationSeconds().orElse(DEFAULT_SECONDS), services.videoCapabilities());
  }

  static Validation check(DirectionResult plan, double target, Optional<VideoCapabilities> caps) {
    List<String> issues = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<DirectedShot> shots = plan.direction().shots();
    double total = shots.stream().mapToDouble(DirectedShot::duration).sum();
    double tolerance = Math.max(5, 0.2 * target);
    if (Math.abs(total - target) > tolerance) {
      issues.add(String.format(Locale.ROOT, "the plan runs %.1f s, the request asks for %.0f s", total, target));
    }
    if (caps.isPresent()) {
      for (DirectedShot s : shots) {
        int made = caps.get().nearestDuration(s.duration());
        if (Math.abs(made - s.duration()) > 1e-9) {
          notes.add(String.format(Locale.ROOT, "shot %d: %.1f s will be made as %d s", s.id(), s.duration(), made));
        }
      }
    }
    return new Validation(issues, notes);
  }

  private PlanResult result(StepContext ctx) {
    GatewayRequest request = ctx.input(GatewayRequest.class);
    InputAnalysis analysis = ctx.require(ANALYSIS);
    DirectionResult plan = ctx.require(PLAN);
    Validation v = ctx.require(VALIDATION);
    List<String> warnings = new ArrayList<>(v.issues());
    warnings.addAll(v.notes());
    String fallback = ctx.context().metadata().get(VideoCreationGateway.FALLBACK_NOTE);
    if (fallback != null) {
      warnings.add(0, fallback);
    }
    PlanResult.Builder b = PlanResult.builder()
        .direction(plan)
        .confidence(confidence(plan, v))
        .warnings(warnings)
        .metadata("workflow", WorkflowType.SIMPLE_TEXT.name())
        .metadata("pattern", analysis.pattern().name().toLowerCase(Locale.ROOT))
        .metadata("complexity", analysis.complexity().name().toLowerCase(Locale.ROOT))
        .metadata("source", plan.source().name().toLowerCase(Locale.ROOT))
        .metadata("quality", request.options().quality().wireName());
    request.input().assets().forEach(a -> b.addAsset(new PlanResult.PlanAsset(
        a.name() == null ? a.role() : a.name(), a.media(), false)));
    return b.build();
  }

  /**
   * A heuristic: a language model's plan starts at 0.9, a rule plan at 0.7; each repair the
   * normaliser made costs 0.03, each unmet request 0.15.
   */
  static double confidence(DirectionResult plan, Validation v) {
    double c = plan.source() == DirectionSource.LLM ? 0.9 : 0.7;
    long repairs = plan.warnings().stream().filter(w -> !w.startsWith("planned offline")
        && !w.startsWith("refined offline")).count();
    c -= 0.03 * repairs + 0.15 * v.issues().size();
    return Math.max(0.2, Math.min(1, Math.round(c * 100) / 100.0));
  }

  /**
   * The director's input for a request: the prompt as concept, the asked length (30 s by
   * default), style, aspect ratio, the goal found in the request, an earlier plan as template,
   * and the answers and facts in its context.
   *
   * @throws InvalidInputException if the prompt is empty
   */
  static DirectorInput directorInput(GatewayInput input, InputAnalysis analysis) {
    if (input.prompt().isBlank()) {
      throw new InvalidInputException("the request has no prompt; say what the video is about");
    }
    DirectorInput.Builder b = DirectorInput.builder()
        .concept(input.prompt())
        .targetDuration(input.durationSeconds().orElse(DEFAULT_SECONDS))
        .style(input.style().orElse(null))
        .aspectRatio(input.aspectRatio().orElse(AspectRatio.LANDSCAPE_16_9))
        .goal(analysis == null ? null : analysis.goal());
    input.referenceDirection().ifPresent(b::template);
    List<String> context = new ArrayList<>();
    input.goal().ifPresent(g -> context.add("goal: " + g));
    for (Map.Entry<String, String> e : input.context().entrySet()) {
      context.add(e.getKey().replace('_', ' ') + ": " + e.getValue());
    }
    if (!context.isEmpty()) {
      b.context(context.stream().collect(Collectors.joining("\n")));
    }
    return b.build();
  }
}
