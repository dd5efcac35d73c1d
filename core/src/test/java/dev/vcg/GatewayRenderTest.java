package dev.vcg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.cost.CostEntry;
import dev.vcg.cost.Money;
import dev.vcg.direction.CameraMove;
import dev.vcg.direction.DirectedScene;
import dev.vcg.direction.DirectedShot;
import dev.vcg.direction.VideoDirection;
import dev.vcg.provider.ProviderKind;
import dev.vcg.routing.WorkflowType;
import dev.vcg.workflows.generation.GenerationResult;
import dev.vcg.workflows.planning.PlanningMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The render option: a planning workflow stops at its plan, or its plan goes on to a video. */
class GatewayRenderTest {
  private static final VideoDirection TEMPLATE = new VideoDirection("Bakery", "a morning at the bakery", 4, List.of(
      new DirectedScene(1, "oven", "", "", List.of(shot("the oven door opens"), shot("loaves on the rack"))),
      new DirectedScene(2, "shop", "", "", List.of(shot("a customer smiles")))), null);

  @TempDir
  Path dir;

  private static DirectedShot shot(String what) {
    return DirectedShot.builder().startPrompt(what).endPrompt(what + ", closer").motionPrompt("slow push")
        .cameraMove(CameraMove.PUSH_IN).build();
  }

  private VideoCreationGateway gateway(MarkerClips clips) {
    return VideoCreationGateway.builder().providers(VideoCreationGatewayTest.registry(Map.of())).videoProvider(clips)
        .stitcher(new ConcatStitcher()).priceBook(ProjectsTest.PRICES).storeDirectory(dir).build();
  }

  private static GatewayRequest request(boolean render) {
    return GatewayRequest.builder()
        .input(GatewayInput.builder().prompt("Make one like this for our bakery").referenceDirection(TEMPLATE).build())
        .options(GatewayOptions.builder().quality(Quality.DRAFT).render(render)
            .output(render ? Path.of("bakery.mp4") : null).build())
        .build();
  }

  @Test
  void withoutRenderTheWorkflowStopsAtThePlan() {
    MarkerClips clips = new MarkerClips();
    try (VideoCreationGateway g = gateway(clips)) {
      GatewayResponse.Completed c = (GatewayResponse.Completed) g.process(request(false));
      assertThat(c.workflowType()).isEqualTo(WorkflowType.TEMPLATE_BASED);
      assertThat(c.plan()).isPresent();
      assertThat(c.video()).isEmpty();
      assertThat(clips.submits()).isZero();
      assertThat(c.costs()).noneMatch(e -> e.kind() == ProviderKind.VIDEO);
      assertThat(g.analytics().workflow("DIRECTED_GENERATION").requests()).isZero();
    }
  }

  @Test
  void withRenderThePlanGoesOnToAVideoThatFollowsIt() throws Exception {
    MarkerClips clips = new MarkerClips();
    Path out = dir.resolve("bakery.mp4");
    GatewayRequest req = request(true);
    req = req.toBuilder().options(req.options().toBuilder().output(out).build()).build();
    try (VideoCreationGateway g = gateway(clips)) {
      GatewayResponse.Completed c = (GatewayResponse.Completed) g.process(req);
      assertThat(c.workflowType()).isEqualTo(WorkflowType.TEMPLATE_BASED);
      VideoDirection plan = c.plan().orElseThrow().plan();
      GenerationResult video = c.video().orElseThrow();
      assertThat(video.video()).isEqualTo(out).exists();
      assertThat(Files.size(out)).isPositive();
      assertThat(clips.submits()).isEqualTo(plan.shots().size()).isEqualTo(3);
      assertThat(video.duration().toSeconds()).isEqualTo((long) plan.shots().stream()
          .mapToDouble(DirectedShot::duration).sum());
      assertThat(c.costs()).filteredOn(e -> e.kind() == ProviderKind.VIDEO).hasSize(3);
      assertThat(c.totalCost()).isGreaterThan(Money.ZERO)
          .isEqualTo(c.costs().stream().map(CostEntry::amount).reduce(Money.ZERO, Money::plus));
      assertThat(c.decisions().get(0).what()).isEqualTo("route to TEMPLATE_BASED");
      assertThat(Integer.parseInt(c.metadata().get("stepsExecuted"))).isGreaterThan(6);

      PlanningMetrics m = g.analytics();
      assertThat(m.workflow("TEMPLATE_BASED").completed()).isEqualTo(1);
      assertThat(m.workflow("DIRECTED_GENERATION").completed()).isEqualTo(1);
      assertThat(m.workflow("DIRECTED_GENERATION").spendUsd()).isPositive();
    }
  }
}
