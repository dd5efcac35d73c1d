package dev.vcg.routing;

import dev.vcg.GatewayInput;
import java.util.Map;
import java.util.Objects;

/**
 * Picks the planning workflow for a request, with the original design's precedence (first match
 * wins):
 * <ol>
 *   <li>{@link WorkflowType#INTERACTIVE} — the request is vague and questions are allowed;</li>
 *   <li>{@link WorkflowType#MULTIMODAL_WEB_ASSETS} — a URL and files;</li>
 *   <li>{@link WorkflowType#WEB_EXTRACTION} — a URL;</li>
 *   <li>{@link WorkflowType#TEMPLATE_BASED} — a reference video or template plan;</li>
 *   <li>{@link WorkflowType#ASSET_CENTRIC} — files and nothing else besides the prompt;</li>
 *   <li>{@link WorkflowType#COMPLEX_STRATEGIC} — high complexity;</li>
 *   <li>{@link WorkflowType#SIMPLE_TEXT} — everything else.</li>
 * </ol>
 *
 * <p>Thread-safe.
 */
public final class Router {
  private static final Map<WorkflowType, Integer> STEPS = Map.of(
      WorkflowType.INTERACTIVE, 1, WorkflowType.MULTIMODAL_WEB_ASSETS, 8, WorkflowType.WEB_EXTRACTION, 6,
      WorkflowType.TEMPLATE_BASED, 5, WorkflowType.ASSET_CENTRIC, 6, WorkflowType.COMPLEX_STRATEGIC, 6,
      WorkflowType.SIMPLE_TEXT, 3, WorkflowType.DIRECTED_GENERATION, 5, WorkflowType.CONTINUOUS_FLOW, 4);

  private final InputAnalyzer analyzer;

  /** A router with the standard analyzer. */
  public Router() {
    this(new InputAnalyzer());
  }

  /**
   * @param analyzer the analyzer to use
   */
  public Router(InputAnalyzer analyzer) {
    this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
  }

  /**
   * Analyses and routes a request.
   *
   * @param input the request
   * @param interactiveAllowed whether the caller accepts clarification questions
   * @return the decision with its reason
   */
  public RoutingDecision route(GatewayInput input, boolean interactiveAllowed) {
    return route(analyzer.analyze(input), interactiveAllowed);
  }

  /**
   * Routes an analysed request.
   *
   * @param a the analysis
   * @param interactiveAllowed whether the caller accepts clarification questions
   * @return the decision with its reason
   */
  public RoutingDecision route(InputAnalysis a, boolean interactiveAllowed) {
    WorkflowType type;
    String reason;
    if (a.vague() && interactiveAllowed) {
      type = WorkflowType.INTERACTIVE;
      reason = "the request is vague (" + a.missing().size() + " facts missing) and questions are allowed";
    } else if (a.has(InputType.URL) && a.has(InputType.ASSETS)) {
      type = WorkflowType.MULTIMODAL_WEB_ASSETS;
      reason = "a website and files were given";
    } else if (a.has(InputType.URL)) {
      type = WorkflowType.WEB_EXTRACTION;
      reason = "a website was given";
    } else if (a.has(InputType.REFERENCE_VIDEO)) {
      type = WorkflowType.TEMPLATE_BASED;
      reason = "a reference video or template plan was given";
    } else if (a.has(InputType.ASSETS) && a.types().stream().allMatch(t -> t == InputType.ASSETS || t == InputType.TEXT)) {
      type = WorkflowType.ASSET_CENTRIC;
      reason = "files were given and nothing else besides the prompt";
    } else if (a.complexity() == Complexity.HIGH) {
      type = WorkflowType.COMPLEX_STRATEGIC;
      reason = "complexity is HIGH (" + a.complexityPoints() + " points)";
    } else {
      type = WorkflowType.SIMPLE_TEXT;
      reason = a.vague() ? "the request is vague but questions are not allowed; planning from the prompt"
          : "a text request of " + a.complexity() + " complexity";
    }
    return new RoutingDecision(type, a, type == WorkflowType.INTERACTIVE, reason, STEPS.get(type));
  }
}
