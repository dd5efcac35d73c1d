package dev.vcg.workflows.planning;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vcg.GatewayRequest;
import dev.vcg.PlanResult;
import dev.vcg.routing.InputAnalysis;
import dev.vcg.routing.RoutingDecision;
import dev.vcg.services.brand.AssetFacts;
import dev.vcg.services.brand.BrandProfile;
import dev.vcg.services.brand.WebsiteFacts;
import dev.vcg.services.gaps.GapReport;
import dev.vcg.services.generate.AssetGeneration;
import dev.vcg.services.plan.GeneratedPlan;
import dev.vcg.services.plan.PlanBrief;
import dev.vcg.services.reference.ReferenceTemplate;
import dev.vcg.services.text.TextAnalysis;
import dev.vcg.services.validate.QualityReport;
import dev.vcg.workflow.Key;
import java.util.List;
import java.util.Map;

/** The names and types of the values the planning workflows keep in a run's context. */
final class Keys {
  static final Key<InputAnalysis> ANALYSIS = Key.of("analyze_input", InputAnalysis.class);
  static final Key<TextAnalysis> TEXT = Key.of("analyze_text", TextAnalysis.class);
  static final Key<GoalStrategy> GOAL = Key.of("analyze_goal", GoalStrategy.class);
  static final Key<WebsiteFacts> WEB = Key.of("scrape_web", WebsiteFacts.class);
  static final Key<List<AssetFacts>> ASSETS = Key.of("analyze_assets", new TypeReference<List<AssetFacts>>() { });
  static final Key<ReferenceTemplate> REFERENCE = Key.of("analyze_reference", ReferenceTemplate.class);
  static final Key<BrandProfile> BRAND = Key.of("synthesize_brand", BrandProfile.class);
  static final Key<GapReport> GAPS = Key.of("detect_gaps", GapReport.class);
  static final Key<AssetGeneration> GENERATED = Key.of("generate_assets", AssetGeneration.class);
  static final Key<GeneratedPlan> PLAN = Key.of("generate_plan", GeneratedPlan.class);
  static final Key<PlanBrief> BRIEF = Key.of("brief", PlanBrief.class);
  static final Key<QualityReport> VALIDATION = Key.of("validate", QualityReport.class);
  static final Key<PlanResult> RESULT = Key.of("result", PlanResult.class);
  static final Key<GatewayRequest> CLARIFIED = Key.of("clarify", GatewayRequest.class);
  static final Key<RoutingDecision> ROUTE = Key.of("route", RoutingDecision.class);
  static final Key<PlanResult> CHILD = Key.of("plan", PlanResult.class);
  static final Key<Map<String, String>> FOLLOW_UPS = Key.of("follow_ups",
      new TypeReference<Map<String, String>>() { });

  private Keys() {
  }

  /** Warnings a step left (kept even when the step then fails). */
  static Key<List<String>> warnings(String step) {
    return Key.of("warnings." + step, new TypeReference<List<String>>() { });
  }
}
