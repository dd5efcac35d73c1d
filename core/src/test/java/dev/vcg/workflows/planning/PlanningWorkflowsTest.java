package dev.vcg.workflows.planning;

import static dev.vcg.workflows.planning.PlanningTestSupport.engine;
import static dev.vcg.workflows.planning.PlanningTestSupport.refusedUrl;
import static dev.vcg.workflows.planning.PlanningTestSupport.result;
import static dev.vcg.workflows.planning.PlanningTestSupport.run;
import static dev.vcg.workflows.planning.PlanningTestSupport.services;
import static dev.vcg.workflows.planning.PlanningTestSupport.siteUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.GatewayInput;
import dev.vcg.GatewayOptions;
import dev.vcg.PlanResult;
import dev.vcg.InputAsset;
import dev.vcg.Quality;
import dev.vcg.direction.DirectedShot;
import dev.vcg.direction.VideoDirection;
import dev.vcg.media.MediaRef;
import dev.vcg.routing.Router;
import dev.vcg.routing.WorkflowType;
import dev.vcg.services.brand.BrandColor;
import dev.vcg.services.brand.ColorRole;
import dev.vcg.services.fixtures.CountingImages;
import dev.vcg.services.fixtures.Fixtures;
import dev.vcg.services.validate.QualityIssue;
import dev.vcg.workflow.ContextStore;
import dev.vcg.workflow.Decision;
import dev.vcg.workflow.RunOutcome;
import dev.vcg.workflow.Workflow;
import dev.vcg.workflow.WorkflowEngine;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every planning workflow end to end, offline: local providers and a local website. */
class PlanningWorkflowsTest {
  @TempDir
  Path dir;
  CountingImages images;
  PlanningServices services;
  WorkflowEngine engine;

  @BeforeAll
  static void site() {
    PlanningTestSupport.startSite();
  }

  @BeforeEach
  void setUp() {
    images = new CountingImages();
    services = services(dir.resolve("assets"), images).build();
    engine = engine(services, ContextStore.inMemory());
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  private static List<String> decisions(RunOutcome o) {
    return o.context().decisions().stream().map(Decision::what).toList();
  }

  private static void routesTo(GatewayInput input, WorkflowType type) {
    assertThat(new Router().route(input, false).workflowType()).isEqualTo(type);
  }

  @Test
  void simpleTextAnalysesPlansAndValidates() {
    GatewayInput in = GatewayInput.builder().prompt("Create a video about climate change").durationSeconds(30).build();
    routesTo(in, WorkflowType.SIMPLE_TEXT);
    RunOutcome o = run(engine, services, WorkflowType.SIMPLE_TEXT, in, GatewayOptions.defaults());
    PlanResult r = result(o);

    assertThat(o.context().completedSteps()).containsExactly("analyze_input", "analyze_text", "generate_plan",
        "validate", "result");
    assertThat(r.plan().shots()).isNotEmpty();
    assertThat(r.plan().shotDuration()).isBetween(25.0, 35.0);
    assertThat(r.metadata()).containsEntry("workflow", "SIMPLE_TEXT").containsEntry("pattern", "conceptual")
        .containsEntry("complexity", "low").containsEntry("quality", "standard").containsEntry("source", "offline");
    assertThat(r.confidence()).isBetween(0.5, 0.99);
    assertThat(o.get(Keys.VALIDATION).orElseThrow().passed()).isTrue();
    assertThat(o.context().decisions()).anySatisfy(d -> {
      assertThat(d.step()).isEqualTo("analyze_input");
      assertThat(d.what()).isEqualTo("workflow SIMPLE_TEXT");
      assertThat(d.why()).contains("planning from the prompt");
    });
    assertThat(decisions(o)).contains("text analysed by rules", "planned by rules");
    assertThat(images.calls()).isZero();
  }

  @Test
  void complexStrategicAnalysesTheGoalGeneratesMissingAssetsAndEndsOnTheCallToAction() {
    GatewayInput in = GatewayInput.builder()
        .prompt("Launch campaign video for our budgeting app that helps freelancers plan taxes, invoices and "
            + "savings in one place, with a friendly tone that makes money feel less scary for first-time users. "
            + "Show a busy designer juggling receipts, then the app sorting everything in seconds, then a calm "
            + "evening with the numbers done, and end with a clear reason to try it today.")
        .goal("increase app downloads").durationSeconds(30).build();
    routesTo(in, WorkflowType.COMPLEX_STRATEGIC);
    RunOutcome o = run(engine, services, WorkflowType.COMPLEX_STRATEGIC, in,
        GatewayOptions.builder().includeAssetGeneration(true).build());
    PlanResult r = result(o);

    assertThat(o.context().completedSteps()).contains("analyze_goal", "detect_gaps", "generate_assets");
    assertThat(decisions(o)).anyMatch(d -> d.startsWith("structure hook → problem → solution"))
        .contains("end on \"Download the app\"").anyMatch(d -> d.startsWith("generate assets for cta_visual"));
    assertThat(r.assets()).isNotEmpty().allSatisfy(a -> {
      assertThat(a.generated()).isTrue();
      assertThat(Files.exists(((MediaRef.File) a.media()).path())).isTrue();
    });
    assertThat(r.assets()).hasSizeLessThanOrEqualTo(QualityProfile.of(Quality.STANDARD).maxGeneratedAssets());
    assertThat(images.requests()).allSatisfy(q -> assertThat(q.size().width()).isEqualTo(1024));
    assertThat(o.get(Keys.VALIDATION).orElseThrow().issues(QualityIssue.Category.GOAL)).isEmpty();
    VideoDirection plan = r.plan();
    List<DirectedShot> last = plan.scenes().get(plan.scenes().size() - 1).shots();
    assertThat(last.get(last.size() - 1).endPrompt()).contains("Download the app");
    assertThat(r.metadata()).containsEntry("pattern", "strategic");
  }

  @Test
  void withoutAssetGenerationTheGapsAreOnlyDescribed() {
    GatewayInput in = GatewayInput.builder().prompt("A campaign video to get sign-ups for our yoga studio, "
        + "strategy for new members, seasonal launch with a 90 second story").durationSeconds(90).build();
    RunOutcome o = run(engine, services, WorkflowType.COMPLEX_STRATEGIC, in, GatewayOptions.defaults());
    result(o);
    assertThat(o.context().completedSteps()).contains("generate_assets");
    assertThat(o.get(Keys.GENERATED)).isEmpty();
    assertThat(decisions(o)).contains("do not generate assets");
    assertThat(images.calls()).isZero();
  }

  @Test
  void webExtractionScrapesTheSiteAndPlansWithItsBrand() {
    GatewayInput in = GatewayInput.builder().prompt("Promo video for this coffee roaster").url(siteUrl())
        .durationSeconds(30).build();
    routesTo(in, WorkflowType.WEB_EXTRACTION);
    RunOutcome o = run(engine, services, WorkflowType.WEB_EXTRACTION, in, GatewayOptions.defaults());
    PlanResult r = result(o);

    assertThat(o.get(Keys.BRAND)).hasValueSatisfying(b -> {
      assertThat(b.color(ColorRole.PRIMARY)).map(BrandColor::hex).contains("#6f3b1f");
      assertThat(b.callToAction()).contains("Start your free trial");
      assertThat(b.name()).contains("Brewtiful");
    });
    assertThat(r.warnings()).noneMatch(w -> w.contains("could not be read"));
    assertThat(o.get(Keys.VALIDATION).orElseThrow().issues(QualityIssue.Category.BRAND))
        .noneMatch(i -> i.severity() == QualityIssue.Severity.ERROR);
    assertThat(r.plan().shots()).anyMatch(s -> s.startPrompt().contains("#6f3b1f"));
    assertThat(o.get(Keys.BRIEF).orElseThrow().toDirectorInput().context().orElseThrow())
        .contains("Coffee that wakes up your city");
    assertThat(decisions(o)).contains("website read").anyMatch(d -> d.startsWith("brand from website"));
    assertThat(r.metadata()).containsEntry("pattern", "extractive").doesNotContainKey("degraded");
  }

  @Test
  void aRefusedWebsiteDegradesTheResultWithAWarning() {
    GatewayInput in = GatewayInput.builder().prompt("Promo video for this coffee roaster").url(refusedUrl()).build();
    RunOutcome o = run(engine, services, WorkflowType.WEB_EXTRACTION, in, GatewayOptions.defaults());
    PlanResult r = result(o);

    assertThat(o.get(Keys.WEB)).isEmpty();
    assertThat(o.context().completedSteps()).contains("scrape_web", "synthesize_brand", "generate_plan");
    assertThat(r.warnings()).anySatisfy(w -> assertThat(w).startsWith("the website could not be read")
        .contains("port"));
    assertThat(r.metadata()).containsEntry("degraded", "1");
    assertThat(r.plan().shots()).isNotEmpty();
    assertThat(decisions(o)).contains("plan without the website");
    assertThat(engine.metrics().errorsByKind()).containsKey("UrlRefusedException");
  }

  @Test
  void anUnreachableWebsiteDegradesTheResultWithAWarning() {
    GatewayInput in = GatewayInput.builder().prompt("Promo video").url(siteUrl().resolve("/broken")).build();
    RunOutcome o = run(engine, services, WorkflowType.WEB_EXTRACTION, in, GatewayOptions.defaults());
    PlanResult r = result(o);
    assertThat(r.warnings()).anySatisfy(w -> assertThat(w).startsWith("the website could not be read").contains("503"));
    assertThat(o.get(Keys.BRAND)).hasValueSatisfying(b -> assertThat(b.sources()).doesNotContain("website"));
  }

  @Test
  void multimodalReadsSiteAndFilesInParallelAndLeavesOutACorruptFile() throws Exception {
    Path logo = Fixtures.logo(dir, "logo.png", new Color(0x6f3b1f), new Color(0xf2a541));
    Path corrupt = Files.write(dir.resolve("photo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4});
    GatewayInput in = GatewayInput.builder().prompt("Make a promo video for our new subscription").url(siteUrl())
        .addAsset(new InputAsset(MediaRef.file(logo), InputAsset.LOGO, "logo.png"))
        .addAsset(new InputAsset(MediaRef.file(corrupt), InputAsset.IMAGE, "photo.png"))
        .goal("increase signups").durationSeconds(30).build();
    routesTo(in, WorkflowType.MULTIMODAL_WEB_ASSETS);
    RunOutcome o = run(engine, services, WorkflowType.MULTIMODAL_WEB_ASSETS, in,
        GatewayOptions.builder().includeAssetGeneration(true).build());
    PlanResult r = result(o);

    Workflow wf = PlanningWorkflows.create(WorkflowType.MULTIMODAL_WEB_ASSETS, services);
    assertThat(wf.step("synthesize_brand").orElseThrow().dependencies()).contains("scrape_web", "analyze_assets");
    assertThat(wf.step("scrape_web").orElseThrow().dependencies()).containsExactly("analyze_input");
    assertThat(wf.step("analyze_assets").orElseThrow().dependencies()).containsExactly("analyze_input");
    assertThat(wf.step("analyze_goal").orElseThrow().dependencies()).containsExactly("analyze_input");

    assertThat(r.warnings()).anySatisfy(w -> assertThat(w).startsWith("the file photo.png could not be analysed"));
    assertThat(o.get(Keys.BRAND)).hasValueSatisfying(b -> {
      assertThat(b.sources()).contains("website", "logo");
      assertThat(b.logo()).contains(MediaRef.file(logo));
      assertThat(b.confidence()).isGreaterThanOrEqualTo(0.9);
    });
    assertThat(r.assets()).extracting(PlanResult.PlanAsset::id).contains("logo.png", "photo.png");
    assertThat(r.assets()).anyMatch(PlanResult.PlanAsset::generated);
    assertThat(o.get(Keys.BRIEF).orElseThrow().assets()).containsKey("logo.png").doesNotContainKey("photo.png");
    assertThat(o.get(Keys.VALIDATION).orElseThrow().issues(QualityIssue.Category.GOAL)).isEmpty();
    assertThat(r.metadata()).containsEntry("pattern", "multimodal");
  }

  @Test
  void assetCentricBuildsTheBrandFromTheFiles() {
    Path logo = Fixtures.logo(dir, "mark.png", new Color(0x1565c0), new Color(0xffca28));
    Path photo = Fixtures.picture(dir, "hero.png", 1600, 900, new Color(0x1565c0), new Color(0xeeeeee));
    GatewayInput in = GatewayInput.builder().prompt("A video built around these")
        .addAsset(new InputAsset(MediaRef.file(logo), InputAsset.LOGO, "mark.png"))
        .addAsset(new InputAsset(MediaRef.file(photo), InputAsset.IMAGE, "hero.png")).build();
    routesTo(in, WorkflowType.ASSET_CENTRIC);
    RunOutcome o = run(engine, services, WorkflowType.ASSET_CENTRIC, in,
        GatewayOptions.builder().includeAssetGeneration(true).build());
    PlanResult r = result(o);

    assertThat(o.get(Keys.BRAND).orElseThrow().color(ColorRole.PRIMARY)).map(BrandColor::hex).contains("#1565c0");
    assertThat(o.get(Keys.GAPS).orElseThrow().hasGaps()).isFalse();
    assertThat(o.get(Keys.GENERATED)).isEmpty();
    assertThat(images.calls()).isZero();
    assertThat(o.get(Keys.BRIEF).orElseThrow().toDirectorInput().context().orElseThrow())
        .contains("- mark.png: logo, 256x256, transparent background").contains("- hero.png: image, 1600x900");
    assertThat(r.metadata()).containsEntry("pattern", "asset_centric");
  }

  @Test
  void templateBasedFollowsAnEarlierPlan() {
    VideoDirection earlier = Fixtures.plan(new String[] {"oven", "dough", "bread"}, new String[] {"shop", "smile"});
    GatewayInput in = GatewayInput.builder().prompt("Make one like this for our bakery").referenceDirection(earlier)
        .build();
    routesTo(in, WorkflowType.TEMPLATE_BASED);
    RunOutcome o = run(engine, services, WorkflowType.TEMPLATE_BASED, in, GatewayOptions.defaults());
    PlanResult r = result(o);

    assertThat(o.context().completedSteps()).contains("analyze_reference");
    assertThat(r.plan().scenes()).extracting(s -> s.shots().size()).containsExactly(3, 2);
    assertThat(r.plan().shots()).extracting(DirectedShot::duration).containsOnly(5.0);
    assertThat(r.metadata()).containsEntry("pattern", "template");
    assertThat(decisions(o)).contains("follow the earlier plan");
  }

  @Test
  void templateBasedWithoutAVideoAnalyzerPlansFromThePromptWithAWarning() throws Exception {
    Path video = Files.write(dir.resolve("ref.mp4"), new byte[] {0, 0, 0, 8, 'f', 't', 'y', 'p'});
    GatewayInput in = GatewayInput.builder().prompt("A bakery video like my reference")
        .referenceVideo(MediaRef.file(video)).durationSeconds(20).build();
    RunOutcome o = run(engine, services, WorkflowType.TEMPLATE_BASED, in, GatewayOptions.defaults());
    PlanResult r = result(o);
    assertThat(o.get(Keys.REFERENCE)).isEmpty();
    assertThat(r.warnings()).anySatisfy(w -> assertThat(w).startsWith("the reference could not be analysed")
        .contains("vcg-stitch-jcodec"));
    assertThat(r.plan().shotDuration()).isBetween(15.0, 25.0);
    assertThat(r.metadata()).containsEntry("degraded", "1");
  }

  @Test
  void qualityScalesShotCountsAndImageSizes() {
    GatewayInput in = GatewayInput.builder().prompt("A campaign launch video for our sneaker brand to drive sales, "
        + "bold and energetic, strategy for gen z").goal("sales").durationSeconds(60).build();
    RunOutcome draft = run(engine, services, WorkflowType.COMPLEX_STRATEGIC, in,
        GatewayOptions.builder().quality(Quality.DRAFT).includeAssetGeneration(true).build());
    int draftShots = result(draft).plan().shots().size();
    assertThat(draftShots).isLessThanOrEqualTo(6);
    assertThat(result(draft).plan().scenes()).hasSizeLessThanOrEqualTo(3);
    assertThat(images.requests()).singleElement().satisfies(q -> assertThat(q.size().width()).isEqualTo(512));

    RunOutcome premium = run(engine, services, WorkflowType.COMPLEX_STRATEGIC, in,
        GatewayOptions.builder().quality(Quality.PREMIUM).includeAssetGeneration(true).build());
    assertThat(result(premium).plan().shots().size()).isGreaterThan(draftShots);
    assertThat(images.requests().subList(1, images.calls())).isNotEmpty()
        .allSatisfy(q -> assertThat(q.size().width()).isEqualTo(1536));
    assertThat(result(premium).metadata()).containsEntry("quality", "premium");
  }

  @Test
  void onlyPlanningTypesHaveWorkflows() {
    assertThat(PlanningWorkflows.all(services)).hasSize(7);
    assertThatThrownBy(() -> PlanningWorkflows.create(WorkflowType.DIRECTED_GENERATION, services))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("produces video");
    assertThat(PlanningWorkflows.create(WorkflowType.WEB_EXTRACTION, services).name()).isEqualTo("WEB_EXTRACTION");
  }
}
