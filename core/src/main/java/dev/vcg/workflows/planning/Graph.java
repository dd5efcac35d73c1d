package dev.vcg.workflows.planning;

import dev.vcg.GatewayInput;
import dev.vcg.GatewayRequest;
import dev.vcg.PlanResult;
import dev.vcg.InputAsset;
import dev.vcg.VcgException;
import dev.vcg.direction.DirectionSource;
import dev.vcg.direction.VideoGoal;
import dev.vcg.provider.AspectRatio;
import dev.vcg.routing.Clarification;
import dev.vcg.routing.InputAnalysis;
import dev.vcg.routing.InvalidAnswersException;
import dev.vcg.routing.Question;
import dev.vcg.routing.Router;
import dev.vcg.routing.RoutingDecision;
import dev.vcg.routing.WorkflowType;
import dev.vcg.services.brand.AssetFacts;
import dev.vcg.services.brand.BrandProfile;
import dev.vcg.services.brand.ColorRole;
import dev.vcg.services.brand.WebsiteFacts;
import dev.vcg.services.gaps.GapReport;
import dev.vcg.services.generate.AssetGeneration;
import dev.vcg.services.generate.AssetGenerator;
import dev.vcg.services.generate.AssetRequest;
import dev.vcg.services.generate.GeneratedAsset;
import dev.vcg.services.internal.Calls;
import dev.vcg.services.plan.GeneratedPlan;
import dev.vcg.services.plan.PlanBrief;
import dev.vcg.services.reference.ReferenceAnalyzer;
import dev.vcg.services.reference.ReferenceTemplate;
import dev.vcg.services.text.TextAnalysis;
import dev.vcg.services.validate.QualityIssue;
import dev.vcg.services.validate.QualityReport;
import dev.vcg.workflow.Answers;
import dev.vcg.workflow.Key;
import dev.vcg.workflow.Step;
import dev.vcg.workflow.StepContext;
import dev.vcg.workflow.Workflow;
import dev.vcg.workflow.WorkflowContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the planning workflows and how each workflow wires them. One instance per workflow
 * built; {@code scope} is the prefix its values have in the run's context ({@code ""}, or
 * {@code "plan/"} inside an interactive run), which step conditions need to find them.
 */
final class Graph {
  private static final Logger LOG = LoggerFactory.getLogger(Graph.class);
  /** The steps whose failure only degrades the result. */
  static final List<String> OPTIONAL = List.of(Keys.WEB.name(), Keys.ASSETS.name(), Keys.REFERENCE.name());
  static final int DEFAULT_SECONDS = 30;
  /** The run metadata the gateway leaves when it plans a type without a workflow of its own here. */
  static final String FALLBACK_NOTE = "routing.fallback";

  private final WorkflowType type;
  private final PlanningServices services;
  private final String scope;
  private final Router router;

  private Graph(WorkflowType type, PlanningServices services, String scope) {
    this.type = type;
    this.services = services;
    this.scope = scope;
    this.router = new Router(services.inputAnalyzer());
  }

  static Workflow build(WorkflowType type, PlanningServices services, String scope) {
    Graph g = new Graph(type, services, scope);
    Workflow.Builder b = Workflow.builder(type.name()).step(Step.of(Keys.ANALYSIS, g::analyzeInput).weight(0.1));
    switch (type) {
      case SIMPLE_TEXT -> b.step(g.text())
          .step(g.plan(Keys.TEXT.name()));
      case COMPLEX_STRATEGIC -> b.step(g.text()).step(g.goal())
          .step(g.gaps(Keys.TEXT.name(), Keys.GOAL.name()))
          .step(g.generate())
          .step(g.plan(Keys.TEXT.name(), Keys.GOAL.name(), Keys.GENERATED.name()));
      case WEB_EXTRACTION -> b.step(g.scrape()).step(g.text()).step(g.goal())
          .step(g.brand(Keys.WEB.name(), Keys.TEXT.name()))
          .step(g.gaps(Keys.BRAND.name(), Keys.GOAL.name()))
          .step(g.generate())
          .step(g.plan(Keys.BRAND.name(), Keys.GOAL.name(), Keys.GENERATED.name()));
      case MULTIMODAL_WEB_ASSETS -> b.step(g.scrape()).step(g.assets()).step(g.text()).step(g.goal())
          .step(g.brand(Keys.WEB.name(), Keys.ASSETS.name(), Keys.TEXT.name()))
          .step(g.gaps(Keys.BRAND.name(), Keys.GOAL.name()))
          .step(g.generate())
          .step(g.plan(Keys.BRAND.name(), Keys.GOAL.name(), Keys.GENERATED.name()));
      case ASSET_CENTRIC -> b.step(g.assets()).step(g.text())
          .step(g.brand(Keys.ASSETS.name(), Keys.TEXT.name()))
          .step(g.gaps(Keys.BRAND.name()))
          .step(g.generate())
          .step(g.plan(Keys.BRAND.name(), Keys.GENERATED.name()));
      case TEMPLATE_BASED -> b.step(g.reference()).step(g.assets().when(c -> !g.request(c).input().assets().isEmpty()))
          .step(g.text())
          .step(g.brand(Keys.ASSETS.name(), Keys.TEXT.name()))
          .step(g.plan(Keys.REFERENCE.name(), Keys.BRAND.name()));
      case INTERACTIVE -> {
        return b.step(Step.of(Keys.CLARIFIED, g::clarify).dependsOn(Keys.ANALYSIS.name()).weight(0.1))
            .step(Step.of(Keys.ROUTE, g::route).dependsOn(Keys.CLARIFIED.name()).weight(0))
            .step(Step.child(Keys.CHILD, g::routed).dependsOn(Keys.ROUTE.name()).weight(8))
            .step(Step.of(Keys.RESULT, g::interactiveResult).dependsOn(Keys.CHILD.name()).weight(0))
            .output(Keys.RESULT.name())
            .build();
      }
      default -> throw new IllegalArgumentException(type + " produces video, not a plan; it is not a planning workflow");
    }
    return b.step(Step.of(Keys.VALIDATION, g::validate).dependsOn(Keys.PLAN.name()).weight(0.2))
        .step(Step.of(Keys.RESULT, g::result).dependsOn(Keys.VALIDATION.name()).weight(0))
        .output(Keys.RESULT.name())
        .build();
  }

  // ------------------------------------------------------------------ step definitions

  private Step<TextAnalysis> text() {
    return Step.of(Keys.TEXT, this::analyzeText).dependsOn(Keys.ANALYSIS.name()).weight(1);
  }

  private Step<GoalStrategy> goal() {
    return Step.of(Keys.GOAL, this::analyzeGoal).dependsOn(Keys.ANALYSIS.name()).weight(0.2);
  }

  private Step<WebsiteFacts> scrape() {
    return Step.of(Keys.WEB, this::scrapeWeb).dependsOn(Keys.ANALYSIS.name()).optional().weight(1);
  }

  private Step<List<AssetFacts>> assets() {
    return Step.of(Keys.ASSETS, this::analyzeAssets).dependsOn(Keys.ANALYSIS.name()).optional().weight(1);
  }

  private Step<ReferenceTemplate> reference() {
    return Step.of(Keys.REFERENCE, this::analyzeReference).dependsOn(Keys.ANALYSIS.name()).optional().weight(1);
  }

  private Step<BrandProfile> brand(String... after) {
    return Step.of(Keys.BRAND, this::synthesizeBrand).dependsOn(after).weight(0.2);
  }

  private Step<GapReport> gaps(String... after) {
    return Step.of(Keys.GAPS, this::detectGaps).dependsOn(after).weight(0.1);
  }

  private Step<AssetGeneration> generate() {
    return Step.of(Keys.GENERATED, this::generateAssets).dependsOn(Keys.GAPS.name()).when(this::shouldGenerate)
        .weight(2);
  }

  private Step<GeneratedPlan> plan(String... after) {
    return Step.of(Keys.PLAN, this::generatePlan).dependsOn(after).weight(4);
  }

  // ------------------------------------------------------------------ reading the request

  /** The request: the clarified one inside an interactive run, else the run's input. */
  GatewayRequest request(StepContext ctx) {
    return ctx.get(Keys.CLARIFIED).orElseGet(() -> ctx.input(GatewayRequest.class));
  }

  GatewayRequest request(WorkflowContext ctx) {
    return ctx.get(Keys.CLARIFIED).orElseGet(() -> ctx.input(GatewayRequest.class));
  }

  private static void warn(StepContext ctx, String step, List<String> warnings) {
    if (!warnings.isEmpty()) {
      List<String> all = new ArrayList<>(ctx.get(Keys.warnings(step)).orElse(List.of()));
      all.addAll(warnings);
      ctx.put(Keys.warnings(step), List.copyOf(all));
    }
  }

  // ------------------------------------------------------------------ steps

  private InputAnalysis analyzeInput(StepContext ctx) {
    GatewayRequest r = request(ctx);
    InputAnalysis a = services.inputAnalyzer().analyze(r.input());
    RoutingDecision d = router.route(a, r.options().interactive() && ctx.get(Keys.CLARIFIED).isEmpty());
    if (d.workflowType() == type) {
      ctx.decide("workflow " + type, d.reason());
    } else {
      ctx.decide("workflow " + type, "chosen by the caller; by its inputs the request would go to "
          + d.workflowType() + " (" + d.reason() + ")");
    }
    ctx.decide("pattern " + lower(a.pattern()) + ", complexity " + lower(a.complexity()), String.join("; ", a.reasons()));
    return a;
  }

  private TextAnalysis analyzeText(StepContext ctx) {
    GatewayInput in = request(ctx).input();
    List<String> parts = new ArrayList<>();
    parts.add(in.prompt());
    in.goal().ifPresent(g -> parts.add("Goal: " + g));
    in.context().forEach((k, v) -> parts.add(k.replace('_', ' ') + ": " + v));
    TextAnalysis t = services.textAnalyzer().analyze(String.join("\n", parts).strip(), ctx.costs());
    if (t.cacheHit()) {
      ctx.decide("text analysed from the cache", "the same text was analysed by " + t.model().orElse("the model")
          + " before; it cost nothing");
    } else if (t.source() == TextAnalysis.Source.LLM) {
      ctx.decide("text analysed by " + t.model().orElse("the language model"), "a language model is configured");
    } else {
      ctx.decide("text analysed by rules", t.warnings().isEmpty() ? "no language model is configured"
          : String.join("; ", t.warnings()));
    }
    warn(ctx, Keys.TEXT.name(), t.warnings());
    return t;
  }

  private GoalStrategy analyzeGoal(StepContext ctx) {
    GatewayInput in = request(ctx).input();
    GoalStrategy s = GoalStrategy.of(in.goal().orElse(null), in.prompt());
    ctx.decide("structure " + s.structure(), s.reason());
    return s;
  }

  private WebsiteFacts scrapeWeb(StepContext ctx) {
    GatewayInput in = request(ctx).input();
    String url = in.url().map(Object::toString).orElse(null);
    if (url == null) {
      ctx.decide("no website scraped", "the request has no URL");
      return null;
    }
    try {
      WebsiteFacts site = WebsiteFacts.of(services.webScraper().scrape(url));
      ctx.decide("website read", site.colors().size() + " colours, " + site.fonts().size() + " fonts, "
          + site.callsToAction().size() + " calls to action, " + site.logoUrls().size() + " logo candidates");
      warn(ctx, Keys.WEB.name(), site.warnings().stream().map(w -> "website: " + w).toList());
      return site;
    } catch (RuntimeException e) {
      String why = e instanceof VcgException ? e.getMessage() : e.getClass().getSimpleName();
      warn(ctx, Keys.WEB.name(), List.of("the website could not be read, so the plan does not use it: "
          + Calls.abbreviate(why, 300)));
      ctx.decide("plan without the website", Calls.abbreviate(why, 300));
      throw e;
    }
  }

  private List<AssetFacts> analyzeAssets(StepContext ctx) {
    List<InputAsset> given = request(ctx).input().assets();
    List<AssetFacts> out = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    RuntimeException last = null;
    for (InputAsset a : given) {
      String label = a.name() == null ? a.role() : a.name();
      if (InputAsset.VIDEO.equals(a.role())) {
        warnings.add("the clip " + label + " was not analysed: only images are");
        continue;
      }
      ctx.checkCancelled();
      try {
        AssetFacts f = AssetFacts.of(a, services.assetAnalyzer().analyze(a.media()));
        out.add(f);
        f.warnings().forEach(w -> warnings.add(label + ": " + w));
      } catch (RuntimeException e) {
        last = e;
        String why = e instanceof VcgException ? e.getMessage() : e.getClass().getSimpleName();
        warnings.add("the file " + label + " could not be analysed and is left out: " + Calls.abbreviate(why, 300));
      }
    }
    warn(ctx, Keys.ASSETS.name(), warnings);
    ctx.decide("analysed " + out.size() + " of " + given.size() + " files", out.stream()
        .map(f -> f.label() + " " + f.width() + "x" + f.height()).collect(Collectors.joining(", ")));
    if (out.isEmpty() && last != null) {
      throw last;
    }
    return out;
  }

  private ReferenceTemplate analyzeReference(StepContext ctx) {
    GatewayInput in = request(ctx).input();
    try {
      if (in.referenceDirection().isPresent()) {
        ReferenceTemplate t = ReferenceAnalyzer.fromPlan(in.referenceDirection().get());
        ctx.decide("follow the earlier plan", t.shotDurations().size() + " shots, " + t.pacing());
        return t;
      }
      if (in.referenceVideo().isPresent()) {
        ReferenceTemplate t = services.referenceAnalyzer().analyze(in.referenceVideo().get(), ctx.runId());
        ctx.decide("follow the reference video", t.shotDurations().size() + " shots, " + t.pacing());
        warn(ctx, Keys.REFERENCE.name(), t.warnings());
        return t;
      }
      ctx.decide("no reference", "the request has no reference video or plan");
      return null;
    } catch (RuntimeException e) {
      String why = e instanceof VcgException ? e.getMessage() : e.getClass().getSimpleName();
      warn(ctx, Keys.REFERENCE.name(), List.of("the reference could not be analysed, so the plan does not follow it: "
          + Calls.abbreviate(why, 300)));
      ctx.decide("plan without the reference", Calls.abbreviate(why, 300));
      throw e;
    }
  }

  private BrandProfile synthesizeBrand(StepContext ctx) {
    WebsiteFacts site = ctx.get(Keys.WEB).orElse(null);
    List<AssetFacts> files = ctx.get(Keys.ASSETS).orElse(List.of());
    TextAnalysis text = ctx.get(Keys.TEXT).orElse(null);
    BrandProfile p = services.brandSynthesizer().synthesize(site, files, text);
    ctx.decide("brand from " + (p.sources().isEmpty() ? "nothing" : String.join(", ", p.sources())),
        "confidence " + p.confidence() + "; palette " + p.palette().stream()
            .map(c -> c.role().wireName() + " " + c.hex() + " (" + c.source().wireName() + ")")
            .collect(Collectors.joining(", ")));
    return p;
  }

  private GapReport detectGaps(StepContext ctx) {
    GatewayRequest r = request(ctx);
    BrandProfile brand = ctx.get(Keys.BRAND).orElse(null);
    VideoGoal goal = goal(ctx);
    GapReport report = services.gapDetector().detect(brand, ctx.get(Keys.ASSETS).orElse(List.of()),
        ctx.get(Keys.WEB).orElse(null), goal, ctx.get(Keys.TEXT).orElse(null));
    String gaps = report.gaps().stream().map(g -> g.kind().wireName()).collect(Collectors.joining(", "));
    ctx.decide(report.hasGaps() ? "gaps: " + gaps : "no gaps", report.hasGaps()
        ? report.gaps().stream().map(g -> g.reason()).collect(Collectors.joining("; ")) : "the files cover the plan");
    if (report.hasGaps()) {
      if (!r.options().includeAssetGeneration()) {
        ctx.decide("do not generate assets", "includeAssetGeneration is off; the plan describes what is missing");
      } else if (services.assetGenerator(r.options().quality()).isEmpty()) {
        ctx.decide("do not generate assets", "no image provider and asset store are configured");
      } else {
        ctx.decide("generate assets for " + gaps, "includeAssetGeneration is on and " + report.gaps().size()
            + " gaps were found");
      }
    }
    return report;
  }

  private boolean shouldGenerate(WorkflowContext ctx) {
    GatewayRequest r = request(ctx);
    return r.options().includeAssetGeneration() && services.assetGenerator(r.options().quality()).isPresent()
        && ctx.get(Key.of(scope + Keys.GAPS.name(), GapReport.class)).map(GapReport::hasGaps).orElse(false);
  }

  private AssetGeneration generateAssets(StepContext ctx) {
    GatewayRequest r = request(ctx);
    QualityProfile q = QualityProfile.of(r.options().quality());
    AssetGenerator generator = services.assetGenerator(q.quality()).orElseThrow();
    GapReport gaps = ctx.require(Keys.GAPS);
    AssetGeneration g = generator.generate(AssetRequest.builder().runId(ctx.runId()).gaps(gaps.gaps())
        .aspectRatio(r.input().aspectRatio().orElse(AspectRatio.LANDSCAPE_16_9)).longSide(q.imageLongSide())
        .maxAssets(q.maxGeneratedAssets()).seed(r.options().seed().orElse(null)).build(), ctx.costs());
    long hits = g.assets().stream().filter(GeneratedAsset::cacheHit).count();
    ctx.decide("generated " + g.assets().size() + " of " + gaps.gaps().size() + " assets",
        q.quality().wireName() + " quality: " + q.imageLongSide() + " px, at most " + q.maxGeneratedAssets()
            + (hits > 0 ? "; " + hits + " from the cache at no cost" : "") + (g.warnings().isEmpty() ? ""
            : "; " + String.join("; ", g.warnings())));
    for (GeneratedAsset a : g.assets()) {
      ctx.assetReady(a.id(), a.media());
    }
    warn(ctx, Keys.GENERATED.name(), g.warnings());
    return g;
  }

  private VideoGoal goal(StepContext ctx) {
    InputAnalysis a = ctx.get(Keys.ANALYSIS).orElse(null);
    if (a != null && a.goal() != null) {
      return a.goal();
    }
    Optional<VideoGoal> strategic = ctx.get(Keys.GOAL).map(GoalStrategy::goal);
    if (strategic.isPresent()) {
      return strategic.get();
    }
    return ctx.get(Keys.TEXT).flatMap(TextAnalysis::goal).orElse(null);
  }

  private GeneratedPlan generatePlan(StepContext ctx) {
    GatewayRequest r = request(ctx);
    GatewayInput in = r.input();
    QualityProfile q = QualityProfile.of(r.options().quality());
    InputAnalysis analysis = ctx.require(Keys.ANALYSIS);
    TextAnalysis text = ctx.get(Keys.TEXT).orElse(null);
    GoalStrategy strategy = ctx.get(Keys.GOAL).orElse(null);
    WebsiteFacts site = ctx.get(Keys.WEB).orElse(null);
    List<AssetFacts> files = ctx.get(Keys.ASSETS).orElse(List.of());
    BrandProfile brand = ctx.get(Keys.BRAND).orElse(null);
    ReferenceTemplate template = ctx.get(Keys.REFERENCE).orElse(null);
    AssetGeneration generated = ctx.get(Keys.GENERATED).orElse(null);
    VideoGoal goal = goal(ctx);

    PlanBrief.Builder b = PlanBrief.builder()
        .concept(concept(in, site, brand, files, template))
        .targetDuration(in.durationSeconds().map(Integer::doubleValue)
            .orElse(template != null && template.totalDuration() > 0 ? Math.min(3600, template.totalDuration())
                : DEFAULT_SECONDS))
        .style(in.style().orElse(null))
        .aspectRatio(in.aspectRatio().orElse(AspectRatio.LANDSCAPE_16_9))
        .goal(goal)
        .pattern(analysis.pattern())
        .brand(brand)
        .text(text)
        .template(template)
        .constraints(q.constraints());
    if (site != null) {
      String siteText = String.join("\n", site.title(), site.description(), String.join("\n", site.headings()),
          site.text()).strip();
      b.websiteText(siteText);
    }
    in.goal().ifPresent(g -> b.fact("goal", g));
    in.context().forEach((k, v) -> {
      if (!k.equals("has_assets")) {
        b.fact(k, v);
      }
    });
    if (strategy != null && strategy.goal() != null) {
      b.fact("structure", strategy.structure());
    }
    if (goal == VideoGoal.CONVERSION && (brand == null || brand.callToAction().isEmpty())) {
      String cta = strategy != null && strategy.callToAction() != null ? strategy.callToAction()
          : GoalStrategy.callToAction(in.goal().orElse("") + " " + in.prompt());
      b.callToAction(cta);
      ctx.decide("end on \"" + cta + "\"", "the goal is conversion and the brand has no call to action of its own");
    }
    for (AssetFacts f : files) {
      b.asset(assetId(f), describe(f));
    }
    if (generated != null) {
      for (GeneratedAsset a : generated.assets()) {
        b.asset(a.id(), a.kind().wireName().replace('_', ' ') + " generated for this plan, " + a.width() + "x"
            + a.height() + ": " + Calls.abbreviate(a.prompt(), 200));
      }
    }
    PlanBrief brief = b.build();
    ctx.put(Keys.BRIEF, brief);
    GeneratedPlan plan = services.planGenerator(q.quality()).generate(brief, ctx.costs());
    if (plan.cacheHit()) {
      ctx.decide("plan from the cache", "the same brief was planned by " + plan.direction().model().orElse("the model")
          + " before; it cost nothing");
    } else if (plan.direction().source() == DirectionSource.LLM) {
      ctx.decide("planned by " + plan.direction().model().orElse("the language model"),
          plan.direction().llmCalls() + " calls, " + plan.direction().llmCost());
    } else {
      ctx.decide("planned by rules", plan.warnings().isEmpty() ? "no language model is configured"
          : String.join("; ", plan.warnings()));
    }
    warn(ctx, Keys.PLAN.name(), plan.warnings());
    return plan;
  }

  private QualityReport validate(StepContext ctx) {
    GeneratedPlan plan = ctx.require(Keys.PLAN);
    PlanBrief brief = ctx.require(Keys.BRIEF);
    QualityReport report = services.validator().validate(plan.direction(), brief);
    ctx.decide("quality " + report.score(), report.issues().isEmpty() ? "no issues"
        : report.issues().stream().map(QualityIssue::toString).collect(Collectors.joining("; ")));
    return report;
  }

  private PlanResult result(StepContext ctx) {
    GatewayRequest r = request(ctx);
    InputAnalysis analysis = ctx.require(Keys.ANALYSIS);
    GeneratedPlan plan = ctx.require(Keys.PLAN);
    QualityReport report = ctx.require(Keys.VALIDATION);
    BrandProfile brand = ctx.get(Keys.BRAND).orElse(null);
    List<String> warnings = new ArrayList<>();
    int degraded = 0;
    for (String step : List.of(Keys.TEXT.name(), Keys.WEB.name(), Keys.ASSETS.name(), Keys.REFERENCE.name(),
        Keys.GENERATED.name(), Keys.PLAN.name())) {
      List<String> w = ctx.get(Keys.warnings(step)).orElse(List.of());
      warnings.addAll(w);
      if (OPTIONAL.contains(step) && !w.isEmpty() && ctx.get(valueKey(step)).isEmpty()) {
        degraded++;
      }
    }
    if (ctx.get(Keys.TEXT).map(t -> t.source() == TextAnalysis.Source.RULES && !t.warnings().isEmpty())
        .orElse(false)) {
      degraded++;
    }
    report.issues().stream().filter(i -> i.severity() != QualityIssue.Severity.INFO)
        .forEach(i -> warnings.add("quality: " + i.message()));
    double confidence = report.confidence() * Math.pow(0.9, degraded);
    PlanResult.Builder b = PlanResult.builder()
        .direction(plan.direction())
        .confidence(Math.max(0.05, Math.round(confidence * 100) / 100.0))
        .warnings(warnings)
        .metadata("workflow", type.name())
        .metadata("pattern", lower(analysis.pattern()))
        .metadata("complexity", lower(analysis.complexity()))
        .metadata("quality", r.options().quality().wireName())
        .metadata("source", lower(plan.direction().source()))
        .metadata("score", String.valueOf(report.score()));
    if (brand != null) {
      b.metadata("brand.confidence", String.valueOf(brand.confidence()));
      brand.color(ColorRole.PRIMARY).ifPresent(c -> b.metadata("brand.primary", c.hex()));
    }
    if (degraded > 0) {
      b.metadata("degraded", String.valueOf(degraded));
    }
    String fallback = ctx.context().metadata().get(FALLBACK_NOTE);
    if (fallback != null) {
      warnings.add(0, fallback);
      b.warnings(warnings);
    }
    long hits = ctx.costs().entries().stream().filter(Calls::isCacheHit).count();
    if (hits > 0) {
      b.metadata("cacheHits", String.valueOf(hits));
    }
    for (InputAsset a : r.input().assets()) {
      b.addAsset(new PlanResult.PlanAsset(a.name() == null ? a.role() : a.name(), a.media(), false));
    }
    ctx.get(Keys.GENERATED).ifPresent(g -> g.assets().forEach(a -> b.addAsset(
        new PlanResult.PlanAsset(a.id(), a.media(), true))));
    return b.build();
  }

  private static Key<?> valueKey(String step) {
    return Key.of(step, Object.class);
  }

  // ------------------------------------------------------------------ interactive

  private GatewayRequest clarify(StepContext ctx) {
    GatewayRequest r = ctx.input(GatewayRequest.class);
    InputAnalysis a = ctx.require(Keys.ANALYSIS);
    List<Question> questions = Clarification.questionsFor(a);
    if (questions.isEmpty()) {
      ctx.decide("no questions", "nothing a plan needs is missing");
      return r;
    }
    Optional<Answers> answers = ctx.answers();
    if (answers.isEmpty() || answers.get().isEmpty()) {
      ctx.decide("ask " + questions.size() + " questions", "missing: " + a.missing().stream().map(Graph::lower)
          .collect(Collectors.joining(", ")));
      return ctx.suspend(Clarifications.suspension(questions, List.of()));
    }
    Map<String, String> given = answers.get().values();
    try {
      GatewayInput enriched = Clarification.enrich(r.input(), questions, given);
      ctx.decide("answers accepted", given.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
          .sorted().collect(Collectors.joining(", ")));
      Map<String, String> followUps = followUps(questions, given, r.options().includeAssetGeneration());
      followUps.forEach((id, message) -> ctx.decide("follow up on " + id, message));
      if (!followUps.isEmpty()) {
        ctx.put(Keys.FOLLOW_UPS, followUps);
      }
      return r.toBuilder().input(enriched).build();
    } catch (InvalidAnswersException e) {
      ctx.decide("answers rejected; ask again", String.join("; ", e.problems()));
      LOG.debug("run {}: answers rejected: {}", ctx.runId(), e.problems());
      return ctx.suspend(Clarifications.suspension(questions, e.problems()));
    }
  }

  /**
   * What to tell the person after their answers: each answered question's follow-up for that answer
   * (yes/no answers as {@code true}/{@code false}). "We will generate visuals" is only said when
   * asset generation is on; otherwise the person hears how to turn it on.
   */
  static Map<String, String> followUps(List<Question> questions, Map<String, String> answers, boolean generate) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Question q : questions) {
      String a = answers.get(q.id());
      if (a == null || a.isBlank() || q.followUp().isEmpty()) {
        continue;
      }
      String key = a.strip().toLowerCase(Locale.ROOT);
      if (q.type() == Question.Type.BOOLEAN) {
        key = switch (key) {
          case "yes", "y", "true", "1" -> "true";
          default -> "false";
        };
      }
      String message = null;
      for (Map.Entry<String, String> f : q.followUp().entrySet()) {
        if (f.getKey().equalsIgnoreCase(key)) {
          message = f.getValue();
        }
      }
      if (message == null) {
        continue;
      }
      if (q.id().equals("has_assets") && key.equals("false") && !generate) {
        message = "The plan describes the visuals it needs; ask with includeAssetGeneration to have them generated";
      }
      out.put(q.id(), message);
    }
    return out;
  }

  private RoutingDecision route(StepContext ctx) {
    GatewayRequest r = ctx.require(Keys.CLARIFIED);
    RoutingDecision d = router.route(r.input(), false);
    ctx.decide("route to " + d.workflowType(), d.reason());
    return d;
  }

  private Workflow routed(StepContext ctx) {
    RoutingDecision d = ctx.require(Keys.ROUTE);
    return build(d.workflowType(), services, scope + Keys.CHILD.name() + "/");
  }

  private PlanResult interactiveResult(StepContext ctx) {
    PlanResult child = ctx.require(Keys.CHILD);
    RoutingDecision d = ctx.require(Keys.ROUTE);
    PlanResult.Builder b = child.toBuilder().metadata("workflow", type.name())
        .metadata("routedTo", d.workflowType().name()).metadata("clarified", "true");
    ctx.get(Keys.FOLLOW_UPS).ifPresent(f -> f.forEach((id, message) -> b.metadata("followUp." + id, message)));
    return b.build();
  }

  // ------------------------------------------------------------------ helpers

  private static String concept(GatewayInput in, WebsiteFacts site, BrandProfile brand, List<AssetFacts> files,
                                ReferenceTemplate template) {
    if (!in.prompt().isBlank()) {
      return in.prompt();
    }
    String name = brand != null && brand.name().isPresent() ? brand.name().get() : null;
    if (site != null) {
      String about = !site.description().isBlank() ? site.description() : site.title();
      return "A video for " + (name != null ? name : site.url().getHost()) + (about.isBlank() ? "" : ": " + about);
    }
    if (!files.isEmpty()) {
      String seen = files.stream().map(f -> f.description() != null ? f.description() : f.label())
          .collect(Collectors.joining("; "));
      return "A video built around the user's " + files.size() + (files.size() == 1 ? " image" : " images") + ": "
          + Calls.abbreviate(seen, 500);
    }
    if (template != null) {
      return "A video that follows the reference's structure (" + template.shotDurations().size() + " shots, "
          + template.pacing() + ")";
    }
    return "A short brand video";
  }

  private static String assetId(AssetFacts f) {
    return f.asset().name() != null ? f.asset().name() : f.asset().role();
  }

  private static String describe(AssetFacts f) {
    StringBuilder sb = new StringBuilder(f.asset().role()).append(", ").append(f.width()).append('x').append(f.height());
    if (f.transparent()) {
      sb.append(", transparent background");
    }
    if (!f.colors().isEmpty()) {
      sb.append(", colours ").append(f.colors().stream().limit(3).map(c -> c.hex()).collect(Collectors.joining(" ")));
    }
    if (f.description() != null) {
      sb.append(": ").append(Calls.abbreviate(f.description(), 300));
    }
    return sb.toString();
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
