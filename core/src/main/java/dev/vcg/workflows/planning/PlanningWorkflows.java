package dev.vcg.workflows.planning;

import dev.vcg.GatewayServices;
import dev.vcg.PlanResult;
import dev.vcg.WorkflowCatalog;
import dev.vcg.routing.WorkflowType;
import dev.vcg.workflow.Key;
import dev.vcg.workflow.Workflow;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.function.UnaryOperator;

/**
 * The seven planning workflows, as engine graphs. Each takes a {@link dev.vcg.GatewayRequest} as
 * its input, is named after its {@link WorkflowType}, and returns a {@link PlanResult} from its
 * output step {@value #RESULT_STEP}: the {@link WorkflowCatalog} contract.
 *
 * <pre>{@code
 * // every planning type with these workflows, services made from the gateway's
 * VideoCreationGateway gateway = VideoCreationGateway.builder().catalog(PlanningWorkflows.catalog()).build();
 * // or with a persistent cache
 * WorkflowCatalog catalog = PlanningWorkflows.catalog(s -> s.cache(ProviderCache.directory(Path.of("cache"))));
 * }</pre>
 *
 * <pre>
 * SIMPLE_TEXT           analyze_input → analyze_text → generate_plan → validate → result
 * COMPLEX_STRATEGIC     analyze_input → { analyze_text ∥ analyze_goal } → detect_gaps → generate_assets? →
 *                       generate_plan → validate → result
 * WEB_EXTRACTION        analyze_input → { scrape_web* ∥ analyze_text ∥ analyze_goal } → synthesize_brand →
 *                       detect_gaps → generate_assets? → generate_plan → validate → result
 * MULTIMODAL_WEB_ASSETS analyze_input → { scrape_web* ∥ analyze_assets* ∥ analyze_text ∥ analyze_goal } →
 *                       synthesize_brand (waits for scraping and asset analysis) → detect_gaps →
 *                       generate_assets? → generate_plan → validate → result
 * ASSET_CENTRIC         analyze_input → { analyze_assets* ∥ analyze_text } → synthesize_brand → detect_gaps →
 *                       generate_assets? → generate_plan → validate → result
 * TEMPLATE_BASED        analyze_input → { analyze_reference* ∥ analyze_assets*? ∥ analyze_text } →
 *                       synthesize_brand → generate_plan → validate → result
 * INTERACTIVE           analyze_input → clarify (suspends with questions) → route → plan (the workflow the
 *                       enriched request routes to, as a child: plan/…) → result
 * </pre>
 * {@code *} optional: its failure (a refused or unreachable website, a corrupt file, no video
 * analyzer) is recorded as a warning and the plan is made without it. {@code ?} conditional:
 * {@code generate_assets} runs when {@link dev.vcg.GatewayOptions#includeAssetGeneration()} is on, gaps
 * were found and an image provider is configured. Every decision (the workflow and why, the
 * pattern, who analysed and planned, which gaps, whether assets are generated, the quality) is
 * recorded in the run's context ({@link dev.vcg.workflow.WorkflowContext#decisions()}).
 *
 * <p>Options: {@link dev.vcg.GatewayOptions#quality()} sets shot counts and image sizes
 * ({@link QualityProfile}) and, where configured, the director and image provider;
 * {@link dev.vcg.GatewayOptions#interactive()} lets the router send a vague request to
 * {@code INTERACTIVE}; {@link dev.vcg.GatewayOptions#seed()} seeds generated images.
 *
 * <p>{@code INTERACTIVE} suspends with the typed clarification questions
 * ({@link Clarifications}); resuming with answers ({@link dev.vcg.workflow.WorkflowEngine#resume(String,
 * dev.vcg.workflow.Answers)}) checks them — invalid answers make the run wait again with the
 * problems attached ({@link Clarifications#rejection}) — enriches the request and plans it with
 * the workflow it now routes to; the follow-up of each answered question (e.g. "Please upload them"
 * for {@code has_assets = yes}) is recorded as a decision and in the result's metadata
 * ({@code followUp.<question id>}). It survives restarts with a file-backed
 * {@link dev.vcg.workflow.ContextStore}: register the workflows with the engine that resumes.
 *
 * <p>Thread-safe (stateless). The workflows it makes are immutable and may run many times at once.
 */
public final class PlanningWorkflows {
  /** The name of the output step of every planning workflow. */
  public static final String RESULT_STEP = "result";
  /** The key of the output value of every planning workflow. */
  public static final Key<PlanResult> RESULT = Keys.RESULT;

  private PlanningWorkflows() {
  }

  /**
   * Makes the workflow for a type.
   *
   * @param type a planning type ({@link WorkflowType#isPlanning()})
   * @param services the services its steps call
   * @return the workflow, named {@code type.name()}
   * @throws IllegalArgumentException if the type produces video rather than a plan
   */
  public static Workflow create(WorkflowType type, PlanningServices services) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(services, "services");
    if (!type.isPlanning()) {
      throw new IllegalArgumentException(type + " produces video, not a plan; it is not a planning workflow");
    }
    return Graph.build(type, services, "");
  }

  /**
   * Makes all seven planning workflows (to register with an engine that resumes runs).
   *
   * @param services the services their steps call
   * @return the workflows by type
   */
  public static Map<WorkflowType, Workflow> all(PlanningServices services) {
    Map<WorkflowType, Workflow> m = new EnumMap<>(WorkflowType.class);
    for (WorkflowType t : WorkflowType.values()) {
      if (t.isPlanning()) {
        m.put(t, create(t, services));
      }
    }
    return m;
  }

  /**
   * A catalog with the seven planning workflows, their services made from each gateway's with the
   * defaults ({@link PlanningServices#builder(GatewayServices)}).
   *
   * @return the catalog
   */
  public static WorkflowCatalog catalog() {
    return catalog(UnaryOperator.identity());
  }

  /**
   * A catalog with the seven planning workflows, their services made from each gateway's and then
   * adjusted (a persistent cache, a web scraper with another fetch policy, a director per quality, …).
   *
   * @param configure adjusts the services' builder; called once per gateway
   * @return the catalog
   */
  public static WorkflowCatalog catalog(UnaryOperator<PlanningServices.Builder> configure) {
    return register(WorkflowCatalog.builder(), configure).build();
  }

  /**
   * Registers the seven planning workflows in a catalog (replacing what it has for those types).
   * All seven share one {@link PlanningServices} per gateway, so they share its cache.
   *
   * @param catalog the catalog being built
   * @param configure adjusts the services' builder; called once per gateway
   * @return the catalog builder
   */
  public static WorkflowCatalog.Builder register(WorkflowCatalog.Builder catalog,
                                                 UnaryOperator<PlanningServices.Builder> configure) {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(configure, "configure");
    Map<GatewayServices, PlanningServices> made = Collections.synchronizedMap(new WeakHashMap<>());
    for (WorkflowType t : WorkflowType.values()) {
      if (t.isPlanning()) {
        catalog.register(t, gateway -> create(t, made.computeIfAbsent(gateway,
            g -> Objects.requireNonNull(configure.apply(PlanningServices.builder(g)), "configured builder").build())));
      }
    }
    return catalog;
  }
}
