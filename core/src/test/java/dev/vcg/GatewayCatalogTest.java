package dev.vcg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.direction.DirectorInput;
import dev.vcg.routing.Clarification;
import dev.vcg.routing.InputAnalyzer;
import dev.vcg.routing.Question;
import dev.vcg.routing.WorkflowType;
import dev.vcg.workflow.Answers;
import dev.vcg.workflow.Key;
import dev.vcg.workflow.RunStatus;
import dev.vcg.workflow.Step;
import dev.vcg.workflow.Suspension;
import dev.vcg.workflow.Workflow;
import dev.vcg.workflow.WorkflowException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog extension point, clarification questions, and continuing across a restart. */
class GatewayCatalogTest {
  static final Key<GatewayInput> ASK = Key.of("ask", GatewayInput.class);
  static final Key<PlanResult> RESULT = Key.of("result", PlanResult.class);

  /** A small INTERACTIVE workflow: asks what is missing, then plans the enriched request. */
  static Workflow interactive(GatewayServices services) {
    return Workflow.builder(WorkflowType.INTERACTIVE.name())
        .step(Step.of(ASK, ctx -> {
          GatewayRequest r = ctx.input(GatewayRequest.class);
          List<Question> questions = Clarification.questionsFor(new InputAnalyzer().analyze(r.input()));
          Optional<Answers> answers = ctx.answers();
          if (answers.isEmpty()) {
            return ctx.suspend(new Suspension("I need to know a bit more.", questions.stream()
                .map(q -> new Suspension.Question(q.id(), q.question(), q.options())).toList(), Map.of()));
          }
          return Clarification.enrich(r.input(), questions, answers.get().values());
        }))
        .step(Step.of(RESULT, ctx -> {
          GatewayInput in = ctx.require(ASK);
          DirectorInput di = DirectorInput.builder().concept(in.prompt())
              .targetDuration(in.durationSeconds().orElse(30)).build();
          return PlanResult.builder().direction(services.director().direct(di)).confidence(0.8)
              .metadata("answered", "yes").build();
        }).dependsOn("ask"))
        .output("result")
        .build();
  }

  static WorkflowCatalog catalog() {
    return WorkflowCatalog.standard().toBuilder().register(WorkflowType.INTERACTIVE, GatewayCatalogTest::interactive)
        .build();
  }

  static final Map<String, String> ANSWERS = Map.of("industry", "FinTech", "audience", "Investors",
      "duration", "15s");

  @Test
  void aVagueInteractiveRequestAsksAndContinuesWithTheAnswers() {
    try (VideoCreationGateway g = VideoCreationGateway.builder().providers(VideoCreationGatewayTest.registry(Map.of()))
        .catalog(catalog()).build()) {
      GatewayResponse first = g.process(GatewayRequest.builder()
          .input(GatewayInput.ofPrompt("Help me create a video to pitch my startup"))
          .options(GatewayOptions.builder().interactive(true).build()).build());
      assertThat(first).isInstanceOf(GatewayResponse.ClarificationNeeded.class);
      GatewayResponse.ClarificationNeeded q = (GatewayResponse.ClarificationNeeded) first;
      assertThat(q.questions()).extracting(Suspension.Question::id).contains("industry", "audience", "duration");
      assertThat(q.isFrameReview()).isFalse();
      assertThat(g.status(q.workflowId())).contains(RunStatus.SUSPENDED);

      GatewayResponse second = g.continueWorkflow(q.workflowId(), ANSWERS);
      assertThat(second).isInstanceOf(GatewayResponse.Completed.class);
      GatewayResponse.Completed c = (GatewayResponse.Completed) second;
      assertThat(c.workflowId()).isEqualTo(q.workflowId());
      assertThat(c.workflowType()).isEqualTo(WorkflowType.INTERACTIVE);
      assertThat(c.plan().orElseThrow().plan().totalDuration()).isBetween(10.0, 20.0);
      assertThat(c.plan().orElseThrow().direction().input().concept()).contains("FinTech");
      assertThat(g.status(q.workflowId())).contains(RunStatus.COMPLETED);
      assertThatThrownBy(() -> g.continueWorkflow(q.workflowId(), ANSWERS)).isInstanceOf(WorkflowException.class)
          .hasMessageContaining("already completed");
    }
  }

  @Test
  void aSuspendedWorkflowSurvivesARestartWithAFileStore(@TempDir Path dir) {
    String id;
    try (VideoCreationGateway a = VideoCreationGateway.builder().providers(VideoCreationGatewayTest.registry(Map.of()))
        .catalog(catalog()).storeDirectory(dir).build()) {
      GatewayResponse first = a.process(GatewayRequest.builder()
          .input(GatewayInput.ofPrompt("Help me create a video to pitch my startup"))
          .options(GatewayOptions.builder().interactive(true).build()).build());
      id = first.workflowId();
      assertThat(first).isInstanceOf(GatewayResponse.ClarificationNeeded.class);
    }
    try (VideoCreationGateway b = VideoCreationGateway.builder().providers(VideoCreationGatewayTest.registry(Map.of()))
        .catalog(catalog()).storeDirectory(dir).build()) {
      assertThat(b.status(id)).contains(RunStatus.SUSPENDED);
      GatewayResponse.Completed c = (GatewayResponse.Completed) b.continueWorkflow(id, ANSWERS);
      assertThat(c.plan().orElseThrow().metadata()).containsEntry("answered", "yes");
      assertThat(c.decisions()).anySatisfy(d -> assertThat(d.what()).isEqualTo("route to INTERACTIVE"));
    }
    assertThat(dir.resolve("runs").resolve(id + ".json")).exists();
  }

  @Test
  void unknownWorkflowsCannotBeContinued() {
    try (VideoCreationGateway g = VideoCreationGateway.builder().providers(VideoCreationGatewayTest.registry(Map.of()))
        .build()) {
      assertThat(g.status("nope")).isEmpty();
      assertThatThrownBy(() -> g.continueWorkflow("nope", Map.of())).isInstanceOf(WorkflowException.class)
          .hasMessageContaining("no saved run nope");
    }
  }

  @Test
  void theCatalogChecksWhatIsRegistered() {
    assertThat(WorkflowCatalog.standard().types()).contains(WorkflowType.SIMPLE_TEXT);
    assertThatThrownBy(() -> WorkflowCatalog.builder().register(WorkflowType.DIRECTED_GENERATION, s -> null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("produces video");
    assertThatThrownBy(() -> WorkflowCatalog.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SIMPLE_TEXT");
    WorkflowCatalog misnamed = WorkflowCatalog.standard().toBuilder().register(WorkflowType.ASSET_CENTRIC,
        s -> Workflow.builder("something-else").step(Step.of("x", ctx -> "x")).build()).build();
    assertThatThrownBy(() -> VideoCreationGateway.builder().providers(VideoCreationGatewayTest.registry(Map.of()))
        .catalog(misnamed).build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("ASSET_CENTRIC");
  }
}
