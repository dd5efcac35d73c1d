package dev.vcg.workflows.planning;

import static dev.vcg.workflows.planning.PlanningTestSupport.refusedUrl;
import static dev.vcg.workflows.planning.PlanningTestSupport.siteUrl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.GatewayInput;
import dev.vcg.GatewayOptions;
import dev.vcg.GatewayRequest;
import dev.vcg.GatewayResponse;
import dev.vcg.InputAsset;
import dev.vcg.PlanResult;
import dev.vcg.Quality;
import dev.vcg.VideoCreationGateway;
import dev.vcg.WorkflowHandle;
import dev.vcg.cost.Money;
import dev.vcg.direction.AiDirector;
import dev.vcg.direction.DirectionSource;
import dev.vcg.direction.VideoDirection;
import dev.vcg.local.LocalImageProviderFactory;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.ProviderRegistry;
import dev.vcg.routing.InvalidAnswersException;
import dev.vcg.routing.Question;
import dev.vcg.routing.Router;
import dev.vcg.routing.WorkflowType;
import dev.vcg.services.fixtures.Fixtures;
import dev.vcg.services.fixtures.ScriptedModel;
import dev.vcg.workflow.Decision;
import dev.vcg.workflow.RunStatus;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seven planning workflows through the gateway's face, offline: local image provider, the rule
 * director unless a model is given, and a website served from HTML fixtures on loopback.
 */
class GatewayWorkflowsTest {
  static final VideoDirection PLAN = Fixtures.plan(new String[] {"a crowded inbox", "one tidy list"},
      new String[] {"the team smiling", "the app on a phone"}, new String[] {"the logo", "sign up today"});

  static final GatewayInput STRATEGIC = GatewayInput.builder()
      .prompt("Plan a 2 minute product launch campaign video for our fintech app aimed at investors and early "
          + "customers, explaining the problem, our solution, traction, the team and a clear call to action "
          + "to join the waitlist, in a bold cinematic style with upbeat pacing and on-screen statistics")
      .goal("increase signups").durationSeconds(120).build();

  @TempDir
  Path dir;

  @BeforeAll
  static void site() {
    PlanningTestSupport.startSite();
  }

  private static ProviderRegistry offline() {
    return ProviderRegistry.of(List.of(new LocalImageProviderFactory())).withEnvironment(k -> null, k -> null);
  }

  private VideoCreationGateway.Builder gateway(UnaryOperator<PlanningServices.Builder> configure) {
    return VideoCreationGateway.builder().providers(offline()).storeDirectory(dir.resolve("store"))
        .catalog(PlanningWorkflows.catalog(s -> configure.apply(s.webScraper(PlanningTestSupport.scraper()))));
  }

  private VideoCreationGateway.Builder gateway() {
    return gateway(UnaryOperator.identity());
  }

  private static GatewayRequest request(GatewayInput input, GatewayOptions options) {
    return GatewayRequest.builder().input(input).options(options).build();
  }

  private static GatewayResponse.Completed completed(GatewayResponse r) {
    assertThat(r).as("response %s", r).isInstanceOf(GatewayResponse.Completed.class);
    return (GatewayResponse.Completed) r;
  }

  private static List<String> whats(GatewayResponse r) {
    return r.decisions().stream().map(Decision::what).toList();
  }

  private Path logo() {
    return Fixtures.logo(dir, "logo.png", new Color(0x6f3b1f), new Color(0xf2a541));
  }

  @Test
  void everyWorkflowRunsEndToEndWithItsRoutingDecisionAndTheSeedsResponseShape() {
    Path logo = logo();
    Path photo = Fixtures.picture(dir, "hero.png", 1600, 900, new Color(0x1565c0), new Color(0xeeeeee));
    Map<WorkflowType, GatewayInput> inputs = Map.of(
        WorkflowType.SIMPLE_TEXT, GatewayInput.builder().prompt("Create a video about climate change")
            .durationSeconds(30).build(),
        WorkflowType.COMPLEX_STRATEGIC, STRATEGIC,
        WorkflowType.WEB_EXTRACTION, GatewayInput.builder().prompt("Promo video for this coffee roaster")
            .url(siteUrl()).durationSeconds(30).build(),
        WorkflowType.MULTIMODAL_WEB_ASSETS, GatewayInput.builder().prompt("Make a promo video for our subscription")
            .url(siteUrl()).addAsset(new InputAsset(MediaRef.file(logo), InputAsset.LOGO, "logo.png"))
            .goal("increase signups").durationSeconds(30).build(),
        WorkflowType.ASSET_CENTRIC, GatewayInput.builder().prompt("A video built around these")
            .addAsset(new InputAsset(MediaRef.file(logo), InputAsset.LOGO, "logo.png"))
            .addAsset(new InputAsset(MediaRef.file(photo), InputAsset.IMAGE, "hero.png")).build(),
        WorkflowType.TEMPLATE_BASED, GatewayInput.builder().prompt("Make one like this for our bakery")
            .referenceDirection(PLAN).build());
    Router router = new Router();
    try (VideoCreationGateway g = gateway().build()) {
      for (Map.Entry<WorkflowType, GatewayInput> e : inputs.entrySet()) {
        WorkflowType type = e.getKey();
        GatewayResponse.Completed c = completed(g.process(request(e.getValue(), GatewayOptions.defaults())));
        String reason = router.route(e.getValue(), false).reason();

        assertThat(c.status()).isEqualTo(GatewayResponse.Status.SUCCESS);
        assertThat(c.workflowType()).as("%s", type).isEqualTo(type);
        assertThat(c.workflowId()).isNotBlank();
        assertThat(g.status(c.workflowId())).contains(RunStatus.COMPLETED);
        Decision route = c.decisions().get(0);
        assertThat(route.what()).isEqualTo("route to " + type);
        assertThat(route.why()).isEqualTo(reason);
        assertThat(c.decisions()).anySatisfy(d -> {
          assertThat(d.step()).isEqualTo("analyze_input");
          assertThat(d.what()).isEqualTo("workflow " + type);
          assertThat(d.why()).isEqualTo(reason);
        });
        assertThat(c.metadata()).containsEntry("routing.workflow", type.name()).containsEntry("routing.reason", reason)
            .containsEntry("workflow", type.name()).containsKeys("pattern", "complexity", "confidence");
        assertThat(Integer.parseInt(c.metadata().get("stepsExecuted"))).as("%s steps", type).isGreaterThanOrEqualTo(5);
        PlanResult plan = c.plan().orElseThrow();
        assertThat(Double.parseDouble(c.metadata().get("confidence"))).isEqualTo(plan.confidence()).isBetween(0.3, 1.0);
        assertThat(plan.plan().shots()).isNotEmpty();
        assertThat(c.executionTime()).isGreaterThanOrEqualTo(java.time.Duration.ZERO);
        assertThat(c.totalCost()).isEqualTo(Money.ZERO);
      }
      PlanningMetrics m = g.analytics();
      for (WorkflowType type : inputs.keySet()) {
        PlanningMetrics.WorkflowStats s = m.workflow(type.name());
        assertThat(s.requests()).as("%s requests", type).isEqualTo(1);
        assertThat(s.completed()).isEqualTo(1);
        assertThat(s.successRate()).isEqualTo(1.0);
        assertThat(s.steps().get("generate_plan").completed()).isEqualTo(1);
        assertThat(s.stepLatencyP95()).isGreaterThanOrEqualTo(s.stepLatencyP50());
      }
      assertThat(m.workflow("MULTIMODAL_WEB_ASSETS").steps()).containsKeys("scrape_web", "analyze_assets",
          "synthesize_brand");
      assertThat(m.workflow("INTERACTIVE").requests()).isZero();
    }
  }

  @Test
  void theDefaultGatewayRefusesPrivateAddressesAndStillPlans() {
    List<String> urls = List.of("http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:" + siteUrl().getPort()
        + "/", "http://[::1]/", "http://10.0.0.1/", "http://0x7f000001/", "http://localhost/");
    int served = PlanningTestSupport.site.getAllServeEvents().size();
    try (VideoCreationGateway g = VideoCreationGateway.builder().providers(offline()).storeDirectory(dir.resolve("d"))
        .build()) {
      for (String url : urls) {
        GatewayResponse.Completed c = completed(g.process(request(GatewayInput.builder().prompt("Promo for this site")
            .url(java.net.URI.create(url)).build(), GatewayOptions.defaults())));
        assertThat(c.workflowType()).isEqualTo(WorkflowType.WEB_EXTRACTION);
        assertThat(c.plan().orElseThrow().warnings()).as(url)
            .anySatisfy(w -> assertThat(w).startsWith("the website could not be read"));
        assertThat(whats(c)).contains("plan without the website");
      }
      PlanningMetrics.WorkflowStats s = g.analytics().workflow("WEB_EXTRACTION");
      assertThat(s.errorKinds()).containsOnlyKeys("UrlRefusedException").containsEntry("UrlRefusedException",
          (long) urls.size());
      assertThat(s.completed()).isEqualTo(urls.size());
    }
    assertThat(PlanningTestSupport.site.getAllServeEvents()).as("the loopback site was not contacted")
        .hasSize(served);
  }

  @Test
  void failingOptionalServicesDegradeThePlanWithWarningsInsteadOfFailingIt() throws Exception {
    Path corrupt = Files.write(dir.resolve("photo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4});
    ScriptedModel model = ScriptedModel.json(r -> {
      if (r.messages().get(0).text().contains("analyse a request")) {
        throw new ProviderException("scripted", "HTTP 503 from the text model");
      }
      return Fixtures.json(PLAN);
    });
    GatewayInput in = GatewayInput.builder().prompt("Make a promo video for our subscription").url(refusedUrl())
        .addAsset(new InputAsset(MediaRef.file(logo()), InputAsset.LOGO, "logo.png"))
        .addAsset(new InputAsset(MediaRef.file(corrupt), InputAsset.IMAGE, "photo.png"))
        .goal("increase signups").durationSeconds(30).build();
    try (VideoCreationGateway g = gateway().llmProvider(model).build()) {
      GatewayResponse.Completed c = completed(g.process(request(in, GatewayOptions.defaults())));
      PlanResult plan = c.plan().orElseThrow();

      assertThat(c.workflowType()).isEqualTo(WorkflowType.MULTIMODAL_WEB_ASSETS);
      assertThat(plan.direction().source()).isEqualTo(DirectionSource.LLM);
      assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).startsWith("the website could not be read"))
          .anySatisfy(w -> assertThat(w).startsWith("the file photo.png could not be analysed"))
          .anySatisfy(w -> assertThat(w).contains("text analysed by rules").contains("HTTP 503"));
      assertThat(plan.metadata()).containsEntry("degraded", "2");
      assertThat(whats(c)).contains("plan without the website", "analysed 1 of 2 files", "text analysed by rules");
      assertThat(plan.assets()).extracting(PlanResult.PlanAsset::id).contains("logo.png");

      PlanningMetrics.WorkflowStats s = g.analytics().workflow("MULTIMODAL_WEB_ASSETS");
      assertThat(s.completed()).isEqualTo(1);
      assertThat(s.degraded()).as("optional steps that failed").isEqualTo(1);
      assertThat(s.errorKinds()).containsOnlyKeys("UrlRefusedException");
      assertThat(s.steps().get("scrape_web").failed()).isEqualTo(1);
    }
  }

  @Test
  void assetsAreGeneratedOnlyWhenAskedAndGapsExistAndTheResponseListsGeneratedAndUploaded() throws Exception {
    GatewayInput in = GatewayInput.builder().prompt("Make a promo video for our subscription").url(siteUrl())
        .addAsset(new InputAsset(MediaRef.file(logo()), InputAsset.LOGO, "logo.png"))
        .goal("increase signups").durationSeconds(30).build();
    try (VideoCreationGateway g = gateway().build()) {
      GatewayResponse.Completed without = completed(g.process(request(in, GatewayOptions.defaults())));
      assertThat(without.plan().orElseThrow().assets()).singleElement().satisfies(a -> {
        assertThat(a.id()).isEqualTo("logo.png");
        assertThat(a.generated()).isFalse();
      });
      assertThat(whats(without)).contains("do not generate assets").anyMatch(w -> w.startsWith("gaps: "));

      GatewayResponse.Completed with = completed(g.process(request(in,
          GatewayOptions.builder().includeAssetGeneration(true).build())));
      List<PlanResult.PlanAsset> assets = with.plan().orElseThrow().assets();
      assertThat(assets).filteredOn(a -> !a.generated()).extracting(PlanResult.PlanAsset::id).containsExactly("logo.png");
      assertThat(assets).filteredOn(PlanResult.PlanAsset::generated).isNotEmpty()
          .hasSizeLessThanOrEqualTo(QualityProfile.of(Quality.STANDARD).maxGeneratedAssets())
          .allSatisfy(a -> assertThat(Files.size(((MediaRef.File) a.media()).path())).isPositive());
      assertThat(whats(with)).anyMatch(w -> w.startsWith("generate assets for "))
          .anyMatch(w -> w.startsWith("generated "));

      GatewayInput complete = GatewayInput.builder().prompt("A video built around these")
          .addAsset(new InputAsset(MediaRef.file(logo()), InputAsset.LOGO, "logo.png"))
          .addAsset(new InputAsset(MediaRef.file(Fixtures.picture(dir, "hero.png", 1600, 900, new Color(0x1565c0),
              new Color(0xeeeeee))), InputAsset.IMAGE, "hero.png")).build();
      GatewayResponse.Completed noGaps = completed(g.process(request(complete,
          GatewayOptions.builder().includeAssetGeneration(true).build())));
      assertThat(noGaps.plan().orElseThrow().assets()).noneMatch(PlanResult.PlanAsset::generated);
      assertThat(whats(noGaps)).contains("no gaps").noneMatch(w -> w.startsWith("generate assets for "));
      assertThat(g.analytics().workflow("ASSET_CENTRIC").steps().get("generate_assets").skipped()).isEqualTo(1);
    }
  }

  @Test
  void qualityChoosesTheModelTheShotCountsAndTheImageSize() throws Exception {
    ScriptedModel draftModel = ScriptedModel.json(r -> Fixtures.json(PLAN));
    GatewayInput in = STRATEGIC;
    try (VideoCreationGateway g = gateway(s -> s.director(Quality.DRAFT, AiDirector.builder().llm(draftModel).build()))
        .build()) {
      GatewayResponse.Completed draft = completed(g.process(request(in,
          GatewayOptions.builder().quality(Quality.DRAFT).includeAssetGeneration(true).build())));
      GatewayResponse.Completed premium = completed(g.process(request(in,
          GatewayOptions.builder().quality(Quality.PREMIUM).includeAssetGeneration(true).build())));

      assertThat(draftModel.calls()).isEqualTo(1);
      assertThat(draft.plan().orElseThrow().direction().source()).isEqualTo(DirectionSource.LLM);
      assertThat(premium.plan().orElseThrow().direction().source()).isEqualTo(DirectionSource.OFFLINE);
      assertThat(draft.workflowType()).isEqualTo(WorkflowType.COMPLEX_STRATEGIC);
      assertThat(draft.metadata()).containsEntry("quality", "draft");
      assertThat(premium.metadata()).containsEntry("quality", "premium");
      VideoDirection draftPlan = draft.plan().orElseThrow().plan();
      assertThat(draftPlan.scenes()).hasSizeLessThanOrEqualTo(QualityProfile.of(Quality.DRAFT).maxScenes());
      assertThat(premium.plan().orElseThrow().plan().shots().size()).isGreaterThan(draftPlan.shots().size());

      assertThat(longSides(draft)).singleElement().isEqualTo(QualityProfile.of(Quality.DRAFT).imageLongSide());
      assertThat(longSides(premium)).isNotEmpty()
          .containsOnly(QualityProfile.of(Quality.PREMIUM).imageLongSide());
    }
  }

  @Test
  void generatedImagesAreCachedSoTheSameRequestAgainCostsNothingAndSaysSo() {
    dev.vcg.services.fixtures.CountingImages images = new dev.vcg.services.fixtures.CountingImages()
        .reporting(Money.usd("0.04"));
    dev.vcg.cost.PriceBook prices = dev.vcg.cost.PriceBook.builder()
        .price(images.id(), images.model(), dev.vcg.cost.Price.perImage("0.04")).build();
    GatewayRequest req = request(STRATEGIC, GatewayOptions.builder().quality(Quality.DRAFT)
        .includeAssetGeneration(true).build());
    try (VideoCreationGateway g = gateway().imageProvider(images).priceBook(prices).build()) {
      GatewayResponse.Completed first = completed(g.process(req));
      int calls = images.calls();
      assertThat(calls).isEqualTo(QualityProfile.of(Quality.DRAFT).maxGeneratedAssets());
      assertThat(first.totalCost()).isEqualTo(Money.usd("0.04").times(calls));
      assertThat(first.costs()).noneMatch(dev.vcg.services.internal.Calls::isCacheHit);

      GatewayResponse.Completed second = completed(g.process(req));
      assertThat(images.calls()).as("the provider is not called again").isEqualTo(calls);
      assertThat(second.totalCost()).isEqualTo(Money.ZERO);
      assertThat(second.costs()).hasSize(calls).allSatisfy(e -> {
        assertThat(dev.vcg.services.internal.Calls.isCacheHit(e)).isTrue();
        assertThat(e.label()).endsWith("(cache hit)");
        assertThat(e.amount()).isEqualTo(Money.ZERO);
      });
      assertThat(second.plan().orElseThrow().assets()).filteredOn(PlanResult.PlanAsset::generated).hasSize(calls)
          .allSatisfy(a -> assertThat(((MediaRef.File) a.media()).path()).exists()
              .asString().contains(second.workflowId()));
      assertThat(g.analytics().workflow("COMPLEX_STRATEGIC").cacheHits()).isEqualTo(calls);
    }
  }

  private static List<Integer> longSides(GatewayResponse.Completed c) throws Exception {
    List<Integer> sides = new java.util.ArrayList<>();
    for (PlanResult.PlanAsset a : c.plan().orElseThrow().assets()) {
      if (a.generated()) {
        BufferedImage img = ImageIO.read(((MediaRef.File) a.media()).path().toFile());
        sides.add(Math.max(img.getWidth(), img.getHeight()));
      }
    }
    return sides;
  }

  @Test
  void submitReturnsAHandleAtOnceWhileTheWorkflowRuns() throws Exception {
    CountDownLatch planning = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ScriptedModel slow = ScriptedModel.json(r -> {
      if (r.messages().get(0).text().contains("analyse a request")) {
        return GatewayPlanningTest.TEXT_ANSWER;
      }
      planning.countDown();
      try {
        if (!release.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("not released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return Fixtures.json(PLAN);
    });
    try (VideoCreationGateway g = gateway().llmProvider(slow).build()) {
      WorkflowHandle h = g.submit(GatewayRequest.builder().input(GatewayInput.ofPrompt("A video about the ocean"))
          .workflowId("ocean-1").build());
      assertThat(h.id()).isEqualTo("ocean-1");
      assertThat(planning.await(60, TimeUnit.SECONDS)).isTrue();
      assertThat(h.result()).isNotDone();
      assertThat(g.status("ocean-1")).contains(RunStatus.RUNNING);
      assertThat(h.status()).isEqualTo(RunStatus.RUNNING);
      release.countDown();
      GatewayResponse.Completed c = completed(h.await());
      assertThat(c.workflowId()).isEqualTo("ocean-1");
      assertThat(g.status("ocean-1")).contains(RunStatus.COMPLETED);
    }
  }

  @Test
  void clarificationHasTypedQuestionsChecksAnswersKeepsStateAndSurvivesARestart() {
    GatewayRequest vague = GatewayRequest.builder().input(GatewayInput.ofPrompt("Help me create a pitch video"))
        .options(GatewayOptions.builder().interactive(true).build()).workflowId("pitch-9").build();
    try (VideoCreationGateway g = gateway().build()) {
      GatewayResponse r = g.process(vague);
      assertThat(r.status()).isEqualTo(GatewayResponse.Status.CLARIFICATION_NEEDED);
      GatewayResponse.ClarificationNeeded q = (GatewayResponse.ClarificationNeeded) r;
      assertThat(q.workflowId()).isEqualTo("pitch-9");
      assertThat(q.rejection()).isEmpty();
      assertThat(whats(q)).startsWith("route to INTERACTIVE").contains("ask 5 questions");
      List<Question> typed = q.typedQuestions();
      assertThat(typed).extracting(Question::id).containsExactly("industry", "audience", "duration", "style",
          "has_assets");
      assertThat(typed).extracting(Question::type).containsExactly(Question.Type.TEXT, Question.Type.SELECT,
          Question.Type.SELECT, Question.Type.SELECT, Question.Type.BOOLEAN);
      assertThat(typed).extracting(Question::required).containsExactly(true, true, true, false, false);
      assertThat(typed.get(1).options()).contains("B2B", "Investors");
      assertThat(typed.get(4).followUp()).containsKeys("true", "false");

      GatewayResponse.ClarificationNeeded unknownOption = (GatewayResponse.ClarificationNeeded) g.continueWorkflow(
          "pitch-9", Map.of("industry", "FinTech", "audience", "Martians", "duration", "30s"));
      InvalidAnswersException e = unknownOption.rejection().orElseThrow();
      assertThat(e.problems()).singleElement().asString().contains("'audience' must be one of");
      assertThat(unknownOption.typedQuestions()).hasSize(5);
      assertThat(g.status("pitch-9")).contains(RunStatus.SUSPENDED);

      GatewayResponse.ClarificationNeeded missing = (GatewayResponse.ClarificationNeeded) g.continueWorkflow(
          "pitch-9", Map.of("industry", "FinTech"));
      assertThat(missing.rejection().orElseThrow().problems()).anyMatch(p -> p.contains("'audience' is required"))
          .anyMatch(p -> p.contains("'duration' is required"));
      assertThat(g.analytics().workflow("INTERACTIVE").suspended()).isEqualTo(3);
    }
    try (VideoCreationGateway g = gateway().build()) {
      assertThat(g.status("pitch-9")).contains(RunStatus.SUSPENDED);
      GatewayResponse.Completed c = completed(g.continueWorkflow("pitch-9", Map.of("industry", "FinTech",
          "audience", "Investors", "duration", "30s", "style", "Professional", "has_assets", "no")));
      assertThat(c.workflowType()).isEqualTo(WorkflowType.INTERACTIVE);
      assertThat(c.plan().orElseThrow().metadata()).containsEntry("routedTo", "SIMPLE_TEXT")
          .containsEntry("clarified", "true");
      assertThat(c.plan().orElseThrow().plan().shotDuration()).isBetween(25.0, 35.0);
      assertThat(whats(c)).contains("answers accepted", "follow up on has_assets", "route to SIMPLE_TEXT");
      assertThat(c.plan().orElseThrow().metadata()).containsEntry("followUp.has_assets",
          "The plan describes the visuals it needs; ask with includeAssetGeneration to have them generated");
      PlanningMetrics.WorkflowStats s = g.analytics().workflow("INTERACTIVE");
      assertThat(s.resumed()).isEqualTo(1);
      assertThat(s.completed()).isEqualTo(1);
      assertThat(s.steps()).containsKey("plan/generate_plan");
    }
  }
}
