package dev.vcg.workflows.planning;

import static dev.vcg.workflows.planning.PlanningTestSupport.siteUrl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.GatewayInput;
import dev.vcg.GatewayOptions;
import dev.vcg.GatewayRequest;
import dev.vcg.GatewayResponse;
import dev.vcg.PlanResult;
import dev.vcg.VideoCreationGateway;
import dev.vcg.cost.CostEntry;
import dev.vcg.cost.Money;
import dev.vcg.direction.DirectionSource;
import dev.vcg.direction.VideoDirection;
import dev.vcg.local.LocalImageProviderFactory;
import dev.vcg.provider.ProviderRegistry;
import dev.vcg.routing.WorkflowType;
import dev.vcg.services.fixtures.Fixtures;
import dev.vcg.services.fixtures.ScriptedModel;
import dev.vcg.services.internal.Calls;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planning workflows behind the gateway: routing, the catalog, clarification and the cache. */
class GatewayPlanningTest {
  static final String TEXT_ANSWER = "{\"intent\":\"explain renewable energy\",\"tone\":\"inspiring\","
      + "\"keywords\":[\"solar\",\"wind\"],\"audience\":\"students\",\"goal\":\"education\"}";
  static final VideoDirection PLAN = Fixtures.plan(new String[] {"sunrise over solar panels", "wind turbines"},
      new String[] {"a city powered by clean energy", "children in a bright classroom"},
      new String[] {"a river at dusk", "the planet from orbit"});

  @TempDir
  Path dir;

  @BeforeAll
  static void site() {
    PlanningTestSupport.startSite();
  }

  private static ProviderRegistry offline() {
    return ProviderRegistry.of(List.of(new LocalImageProviderFactory())).withEnvironment(k -> null, k -> null);
  }

  private VideoCreationGateway.Builder gateway() {
    return VideoCreationGateway.builder().providers(offline()).storeDirectory(dir)
        .catalog(PlanningWorkflows.catalog(s -> s.webScraper(PlanningTestSupport.scraper())));
  }

  /** Answers text analyses with a JSON analysis and everything else (the director) with a plan. */
  private static ScriptedModel model(AtomicInteger analyses, AtomicInteger plans) {
    return ScriptedModel.json(r -> {
      if (r.messages().get(0).text().contains("analyse a request")) {
        analyses.incrementAndGet();
        return TEXT_ANSWER;
      }
      plans.incrementAndGet();
      return Fixtures.json(PLAN);
    }).reporting(Money.usd("0.01"));
  }

  @Test
  void theCatalogRoutesEachRequestToItsWorkflow() {
    try (VideoCreationGateway g = gateway().build()) {
      assertThat(g.catalog().types()).hasSize(7);
      GatewayResponse.Completed web = (GatewayResponse.Completed) g.process(GatewayRequest.builder().input(
          GatewayInput.builder().prompt("Promo for this roaster").url(siteUrl()).durationSeconds(20).build()).build());
      assertThat(web.workflowType()).isEqualTo(WorkflowType.WEB_EXTRACTION);
      PlanResult plan = web.plan().orElseThrow();
      assertThat(plan.metadata()).containsEntry("workflow", "WEB_EXTRACTION").containsEntry("brand.primary", "#6f3b1f");
      assertThat(web.metadata()).containsEntry("routing.workflow", "WEB_EXTRACTION").containsKey("confidence");
      assertThat(web.decisions()).extracting(d -> d.what()).contains("route to WEB_EXTRACTION", "website read");

      GatewayResponse.Completed template = (GatewayResponse.Completed) g.process(GatewayRequest.builder().input(
          GatewayInput.builder().prompt("The same again, for wind power").referenceDirection(PLAN).build()).build());
      assertThat(template.workflowType()).isEqualTo(WorkflowType.TEMPLATE_BASED);
      assertThat(template.plan().orElseThrow().plan().shots()).hasSize(6);
    }
  }

  @Test
  void clarificationThroughTheGatewayAcrossARestart() {
    GatewayRequest vague = GatewayRequest.builder().input(GatewayInput.ofPrompt("Help me create a pitch video"))
        .options(GatewayOptions.builder().interactive(true).build()).build();
    String id;
    try (VideoCreationGateway g = gateway().build()) {
      GatewayResponse.ClarificationNeeded q = (GatewayResponse.ClarificationNeeded) g.process(vague);
      id = q.workflowId();
      assertThat(q.questions()).extracting(x -> x.id()).contains("industry", "audience", "duration");
      GatewayResponse again = g.continueWorkflow(id, Map.of("industry", "FinTech"));
      assertThat(again).isInstanceOf(GatewayResponse.ClarificationNeeded.class);
      assertThat(((GatewayResponse.ClarificationNeeded) again).attributes()).containsKey(Clarifications.PROBLEMS);
    }
    try (VideoCreationGateway g = gateway().build()) {
      GatewayResponse.Completed c = (GatewayResponse.Completed) g.continueWorkflow(id, Map.of("industry", "FinTech",
          "audience", "Investors", "duration", "30s"));
      assertThat(c.plan().orElseThrow().metadata()).containsEntry("routedTo", "SIMPLE_TEXT");
      assertThat(c.plan().orElseThrow().plan().shotDuration()).isBetween(25.0, 35.0);
    }
  }

  @Test
  void aCacheHitCostsNothingAndTheModelIsCalledOnce() {
    AtomicInteger analyses = new AtomicInteger();
    AtomicInteger plans = new AtomicInteger();
    ScriptedModel llm = model(analyses, plans);
    GatewayRequest request = GatewayRequest.builder().input(GatewayInput.builder()
        .prompt("Explain renewable energy to students").durationSeconds(30).build()).build();
    try (VideoCreationGateway g = gateway().llmProvider(llm).build()) {
      GatewayResponse.Completed first = (GatewayResponse.Completed) g.process(request);
      assertThat(first.plan().orElseThrow().direction().source()).isEqualTo(DirectionSource.LLM);
      assertThat(first.totalCost()).isEqualTo(Money.usd("0.02"));
      assertThat(first.costs()).noneMatch(Calls::isCacheHit);

      GatewayResponse.Completed second = (GatewayResponse.Completed) g.process(request);
      assertThat(analyses.get()).isEqualTo(1);
      assertThat(plans.get()).isEqualTo(1);
      assertThat(llm.calls()).isEqualTo(2);
      assertThat(second.totalCost()).isEqualTo(Money.ZERO);
      assertThat(second.costs()).extracting(CostEntry::label).containsExactly("text analysis (cache hit)",
          "plan (cache hit)");
      assertThat(second.costs()).allSatisfy(e -> assertThat(e.amount().isZero()).isTrue());
      assertThat(second.plan().orElseThrow().metadata()).containsEntry("cacheHits", "2");
      assertThat(second.plan().orElseThrow().plan()).isEqualTo(first.plan().orElseThrow().plan());
      assertThat(second.decisions()).extracting(d -> d.what()).contains("text analysed from the cache",
          "plan from the cache");
      PlanningMetrics.WorkflowStats stats = g.analytics().workflow("SIMPLE_TEXT");
      assertThat(stats.cacheHits()).isEqualTo(2);
      assertThat(stats.completed()).isEqualTo(2);
      assertThat(stats.spendUsd()).isEqualByComparingTo("0.02");
    }
  }
}
