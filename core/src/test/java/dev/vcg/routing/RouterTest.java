package dev.vcg.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.GatewayInput;
import dev.vcg.InputAsset;
import dev.vcg.direction.CameraMove;
import dev.vcg.direction.DirectedScene;
import dev.vcg.direction.DirectedShot;
import dev.vcg.direction.VideoDirection;
import dev.vcg.direction.VideoGoal;
import dev.vcg.direction.VideoStyle;
import dev.vcg.media.MediaRef;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouterTest {
  private static final URI SITE = URI.create("https://myapp.example");
  private static final InputAsset LOGO = InputAsset.logo(MediaRef.file(Path.of("logo.png")));
  private static final VideoDirection TEMPLATE = new VideoDirection("t", "n", 5, List.of(new DirectedScene(1, "s", "", "",
      List.of(DirectedShot.builder().startPrompt("a").endPrompt("b").motionPrompt("c").cameraMove(CameraMove.PUSH_IN).build()))), null);

  private final Router router = new Router();

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("vague, interactive", GatewayInput.ofPrompt("Help me create a video to pitch my startup"), true,
            WorkflowType.INTERACTIVE),
        Arguments.of("vague, not interactive", GatewayInput.ofPrompt("Help me create a video to pitch my startup"), false,
            WorkflowType.SIMPLE_TEXT),
        Arguments.of("url and logo", GatewayInput.builder().prompt("Make promo video").url(SITE).addAsset(LOGO)
            .goal("increase_signups").build(), true, WorkflowType.MULTIMODAL_WEB_ASSETS),
        Arguments.of("url only", GatewayInput.builder().prompt("A launch teaser").url(SITE).build(), true,
            WorkflowType.WEB_EXTRACTION),
        Arguments.of("url without prompt", GatewayInput.builder().url(SITE).build(), true, WorkflowType.WEB_EXTRACTION),
        Arguments.of("reference plan", GatewayInput.builder().prompt("Same structure, for our bakery")
            .referenceDirection(TEMPLATE).build(), true, WorkflowType.TEMPLATE_BASED),
        Arguments.of("reference file", GatewayInput.builder().prompt("Like this, for our gym")
            .referenceVideo(MediaRef.file(Path.of("ref.mp4"))).build(), true, WorkflowType.TEMPLATE_BASED),
        Arguments.of("assets only", GatewayInput.builder().prompt("Show off these product photos for our skincare customers")
            .addAsset(InputAsset.image(MediaRef.file(Path.of("p.jpg")))).build(), true, WorkflowType.ASSET_CENTRIC),
        Arguments.of("assets and goal", GatewayInput.builder().prompt("Product video").addAsset(LOGO).goal("awareness")
            .build(), true, WorkflowType.SIMPLE_TEXT),
        Arguments.of("complex strategic", GatewayInput.builder()
            .prompt("Plan a 2 minute product launch campaign video for our fintech app aimed at investors and early "
                + "customers, explaining the problem, our solution, traction, the team and a clear call to action to "
                + "join the waitlist, in a bold cinematic style with upbeat pacing and on-screen statistics")
            .goal("increase signups").durationSeconds(120).build(), true, WorkflowType.COMPLEX_STRATEGIC),
        Arguments.of("simple text", GatewayInput.builder().prompt("Create a cinematic 30 second video about renewable "
            + "energy for general public viewers, wind turbines at sunset").build(), true, WorkflowType.SIMPLE_TEXT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void routesEveryWorkflowTypeWithAReason(String name, GatewayInput input, boolean interactive, WorkflowType expected) {
    RoutingDecision d = router.route(input, interactive);
    assertThat(d.workflowType()).isEqualTo(expected);
    assertThat(d.reason()).isNotBlank();
    assertThat(d.needsClarification()).isEqualTo(expected == WorkflowType.INTERACTIVE);
    assertThat(d.estimatedSteps()).isPositive();
    assertThat(d.analysis().reasons()).isNotEmpty();
  }

  @Test
  void everyPlanningWorkflowIsReachable() {
    List<WorkflowType> reached = table().map(a -> router.route((GatewayInput) a.get()[1], (boolean) a.get()[2]).workflowType())
        .distinct().toList();
    assertThat(reached).containsExactlyInAnyOrderElementsOf(
        Stream.of(WorkflowType.values()).filter(WorkflowType::isPlanning).toList());
  }

  @Test
  void complexityFollowsTheStatedPoints() {
    InputAnalyzer analyzer = new InputAnalyzer();
    InputAnalysis low = analyzer.analyze(GatewayInput.ofPrompt("A calm ocean"));
    assertThat(low.complexity()).isEqualTo(Complexity.LOW);
    assertThat(low.complexityPoints()).isZero();
    InputAnalysis medium = analyzer.analyze(GatewayInput.builder().prompt("A product launch for our shop").url(SITE).build());
    assertThat(medium.complexityPoints()).isEqualTo(2);
    assertThat(medium.complexity()).isEqualTo(Complexity.MEDIUM);
    InputAnalysis high = analyzer.analyze(GatewayInput.builder().prompt("Pitch to investors").url(SITE).addAsset(LOGO)
        .goal("conversion").durationSeconds(90).build());
    assertThat(high.complexityPoints()).isEqualTo(5);
    assertThat(high.complexity()).isEqualTo(Complexity.HIGH);
    assertThat(high.pattern()).isEqualTo(ThinkingPattern.MULTIMODAL);
    assertThat(high.goal()).isEqualTo(VideoGoal.CONVERSION);
  }

  @Test
  void patternsFollowTheInputs() {
    InputAnalyzer analyzer = new InputAnalyzer();
    assertThat(analyzer.analyze(GatewayInput.ofPrompt("A dragon over a castle")).pattern()).isEqualTo(ThinkingPattern.CONCEPTUAL);
    assertThat(analyzer.analyze(GatewayInput.ofPrompt("A video to increase signups")).pattern()).isEqualTo(ThinkingPattern.STRATEGIC);
    assertThat(analyzer.analyze(GatewayInput.builder().prompt("x").url(SITE).build()).pattern()).isEqualTo(ThinkingPattern.EXTRACTIVE);
    assertThat(analyzer.analyze(GatewayInput.builder().prompt("x").addAsset(LOGO).build()).pattern()).isEqualTo(ThinkingPattern.ASSET_CENTRIC);
    assertThat(analyzer.analyze(GatewayInput.builder().prompt("x").referenceDirection(TEMPLATE).build()).pattern())
        .isEqualTo(ThinkingPattern.TEMPLATE);
  }

  @Test
  void missingInformationIsDetectedFromTextAndFields() {
    InputAnalyzer analyzer = new InputAnalyzer();
    assertThat(analyzer.analyze(GatewayInput.ofPrompt("Help me make a video")).missing())
        .containsExactlyInAnyOrder(MissingInfo.values());
    InputAnalysis told = analyzer.analyze(GatewayInput.builder()
        .prompt("A 30s playful video for our bakery customers").build());
    assertThat(told.missing()).containsExactly(MissingInfo.ASSETS);
    InputAnalysis fields = analyzer.analyze(GatewayInput.builder().prompt("Something for the team")
        .durationSeconds(20).style(VideoStyle.MINIMAL).url(SITE).build());
    assertThat(fields.missing()).isEmpty();
  }

  @Test
  void wordsInsideOtherWordsDoNotCount() {
    InputAnalysis a = new InputAnalyzer().analyze(GatewayInput.ofPrompt("Scary carousel ride"));
    assertThat(a.missing()).contains(MissingInfo.INDUSTRY);
  }

  @Test
  void goalCategoriesAreInferredFromFreeText() {
    assertThat(InputAnalyzer.goalCategory("increase app downloads")).contains(VideoGoal.CONVERSION);
    assertThat(InputAnalyzer.goalCategory("Brand awareness")).contains(VideoGoal.AWARENESS);
    assertThat(InputAnalyzer.goalCategory("explain our API")).contains(VideoGoal.EDUCATION);
    assertThat(InputAnalyzer.goalCategory("a dragon")).isEmpty();
  }
}
