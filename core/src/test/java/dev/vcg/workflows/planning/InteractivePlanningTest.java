package dev.vcg.workflows.planning;

import static dev.vcg.workflows.planning.PlanningTestSupport.await;
import static dev.vcg.workflows.planning.PlanningTestSupport.engine;
import static dev.vcg.workflows.planning.PlanningTestSupport.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.GatewayInput;
import dev.vcg.GatewayOptions;
import dev.vcg.GatewayRequest;
import dev.vcg.PlanResult;
import dev.vcg.direction.VideoStyle;
import dev.vcg.routing.InvalidAnswersException;
import dev.vcg.routing.Question;
import dev.vcg.routing.Router;
import dev.vcg.routing.WorkflowType;
import dev.vcg.services.fixtures.CountingImages;
import dev.vcg.workflow.Answers;
import dev.vcg.workflow.ContextStore;
import dev.vcg.workflow.Decision;
import dev.vcg.workflow.RunOptions;
import dev.vcg.workflow.RunOutcome;
import dev.vcg.workflow.RunStatus;
import dev.vcg.workflow.Suspension;
import dev.vcg.workflow.WorkflowEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** INTERACTIVE: questions, answers, routing onwards, rejected answers, and a restart in between. */
class InteractivePlanningTest {
  static final GatewayRequest VAGUE = GatewayRequest.builder()
      .input(GatewayInput.ofPrompt("Help me create a video to pitch my startup"))
      .options(GatewayOptions.builder().interactive(true).build()).build();
  static final Map<String, String> ANSWERS = Map.of("industry", "FinTech", "audience", "Investors",
      "duration", "30s", "style", "Professional", "has_assets", "no");

  @TempDir
  Path dir;

  @BeforeAll
  static void site() {
    PlanningTestSupport.startSite();
  }

  private PlanningServices services() {
    return PlanningTestSupport.services(dir.resolve("assets"), new CountingImages()).build();
  }

  private static RunOutcome start(WorkflowEngine engine, PlanningServices services) {
    return await(engine.start(PlanningWorkflows.create(WorkflowType.INTERACTIVE, services), VAGUE,
        RunOptions.builder().runId("pitch-1").build()).result());
  }

  @Test
  void aVagueRequestIsRoutedHereAndSuspendsWithTypedQuestions() {
    assertThat(new Router().route(VAGUE.input(), true).workflowType()).isEqualTo(WorkflowType.INTERACTIVE);
    PlanningServices services = services();
    try (WorkflowEngine engine = engine(services, ContextStore.inMemory())) {
      RunOutcome o = start(engine, services);
      assertThat(o.status()).isEqualTo(RunStatus.SUSPENDED);
      assertThat(o.suspendedStep()).contains("clarify");
      Suspension s = o.suspension().orElseThrow();
      assertThat(s.message()).isEqualTo(Clarifications.MESSAGE);
      assertThat(s.questions()).extracting(Suspension.Question::id)
          .containsExactly("industry", "audience", "duration", "style", "has_assets");
      assertThat(s.questions().get(1).choices()).contains("Investors", "B2B");
      assertThat(s.questions().get(4).choices()).containsExactly("yes", "no");
      List<Question> typed = Clarifications.questions(s);
      assertThat(typed).extracting(Question::type).containsExactly(Question.Type.TEXT, Question.Type.SELECT,
          Question.Type.SELECT, Question.Type.SELECT, Question.Type.BOOLEAN);
      assertThat(typed).extracting(Question::required).containsExactly(true, true, true, false, false);
      assertThat(o.context().decisions()).extracting(Decision::what).contains("workflow INTERACTIVE", "ask 5 questions");
      assertThatThrownBy(() -> Clarifications.validate(s, Map.of("industry", "FinTech")))
          .isInstanceOf(InvalidAnswersException.class).hasMessageContaining("'audience' is required");
    }
  }

  @Test
  void answersEnrichTheRequestWhichIsRoutedOnwardsAndPlanned() {
    PlanningServices services = services();
    try (WorkflowEngine engine = engine(services, ContextStore.inMemory())) {
      RunOutcome suspended = start(engine, services);
      RunOutcome o = await(engine.resume(suspended.runId(), Answers.of(ANSWERS)).result());
      PlanResult r = result(o);

      GatewayRequest enriched = o.get(Keys.CLARIFIED).orElseThrow();
      assertThat(enriched.input().durationSeconds()).contains(30);
      assertThat(enriched.input().style()).contains(VideoStyle.CORPORATE);
      assertThat(enriched.input().context()).containsEntry("industry", "FinTech").containsEntry("audience", "Investors");
      assertThat(enriched.input().prompt()).contains("industry: FinTech");
      assertThat(o.get(Keys.ROUTE).orElseThrow().workflowType()).isEqualTo(WorkflowType.SIMPLE_TEXT);
      assertThat(o.context().completedSteps()).contains("clarify", "route", "plan/analyze_input", "plan/generate_plan",
          "plan/validate", "plan/result", "plan", "result");
      assertThat(r.metadata()).containsEntry("workflow", "INTERACTIVE").containsEntry("routedTo", "SIMPLE_TEXT")
          .containsEntry("clarified", "true");
      assertThat(r.plan().shotDuration()).isBetween(25.0, 35.0);
      assertThat(o.context().decisions()).extracting(Decision::what).contains("answers accepted",
          "route to SIMPLE_TEXT");
      assertThat(o.get(dev.vcg.workflow.Key.of("plan/brief", dev.vcg.services.plan.PlanBrief.class)).orElseThrow()
          .facts()).containsEntry("industry", "FinTech").doesNotContainKey("has_assets");
    }
  }

  @Test
  void invalidAnswersAreRejectedTheStateIsKeptAndTheUserCanAnswerAgain() {
    PlanningServices services = services();
    try (WorkflowEngine engine = engine(services, ContextStore.inMemory())) {
      start(engine, services);
      RunOutcome rejected = await(engine.resume("pitch-1", Answers.of(Map.of("industry", "FinTech",
          "audience", "Martians", "colour", "blue"))).result());

      assertThat(rejected.status()).isEqualTo(RunStatus.SUSPENDED);
      InvalidAnswersException e = Clarifications.rejection(rejected).orElseThrow();
      assertThat(e.problems()).anyMatch(p -> p.contains("'colour' was not asked"))
          .anyMatch(p -> p.contains("'audience' must be one of")).anyMatch(p -> p.contains("'duration' is required"));
      Suspension again = rejected.suspension().orElseThrow();
      assertThat(again.questions()).hasSize(5);
      assertThat(again.attributes()).containsKey(Clarifications.PROBLEMS);
      assertThat(again.message()).contains("cannot be used");
      assertThat(rejected.get(Keys.CLARIFIED)).isEmpty();
      assertThat(rejected.context().completedSteps()).containsExactly("analyze_input");

      RunOutcome o = await(engine.resume("pitch-1", Answers.of(ANSWERS)).result());
      assertThat(result(o).metadata()).containsEntry("routedTo", "SIMPLE_TEXT");
      assertThat(Clarifications.rejection(o)).isEmpty();
      assertThat(engine.metrics().workflow("INTERACTIVE").suspended()).isEqualTo(2);
      assertThat(engine.metrics().workflow("INTERACTIVE").completed()).isEqualTo(1);
    }
  }

  @Test
  void aSuspendedRunSurvivesARestartWithTheFileStore() {
    Path runs = dir.resolve("runs");
    RunOutcome suspended;
    WorkflowEngine a = engine(services(), ContextStore.directory(runs));
    try {
      suspended = start(a, services());
      assertThat(suspended.status()).isEqualTo(RunStatus.SUSPENDED);
    } finally {
      a.close();
    }
    assertThat(runs.resolve("pitch-1.json")).exists();

    PlanningServices fresh = services();
    try (WorkflowEngine b = engine(fresh, ContextStore.directory(runs))) {
      assertThat(b.status("pitch-1")).contains(RunStatus.SUSPENDED);
      RunOutcome o = await(b.resume("pitch-1", Answers.of(ANSWERS)).result());
      PlanResult r = result(o);
      assertThat(r.metadata()).containsEntry("routedTo", "SIMPLE_TEXT");
      assertThat(o.get(Keys.CLARIFIED).orElseThrow().input().context()).containsEntry("industry", "FinTech");
      assertThat(b.status("pitch-1")).contains(RunStatus.COMPLETED);
      assertThat(b.metrics().workflow("INTERACTIVE").resumed()).isEqualTo(1);
    }
  }

  @Test
  void followUpsAnswerTheAnswersHonestly() {
    List<Question> asked = dev.vcg.routing.Clarification.questionsFor(new dev.vcg.routing.InputAnalyzer()
        .analyze(GatewayInput.ofPrompt("Help me make a video")));
    assertThat(Graph.followUps(asked, Map.of("has_assets", "yes"), false))
        .containsExactly(Map.entry("has_assets", "Please upload them"));
    assertThat(Graph.followUps(asked, Map.of("has_assets", "No"), true))
        .containsExactly(Map.entry("has_assets", "We'll generate visuals for you"));
    assertThat(Graph.followUps(asked, Map.of("has_assets", "false"), false).get("has_assets"))
        .contains("includeAssetGeneration");
    assertThat(Graph.followUps(asked, Map.of("industry", "FinTech"), true)).isEmpty();
  }

  @Test
  void answersCanRouteToAWorkflowWithBrandAndWebSteps() {
    PlanningServices services = services();
    try (WorkflowEngine engine = engine(services, ContextStore.inMemory())) {
      GatewayRequest req = GatewayRequest.builder().input(GatewayInput.ofPrompt("I need a video, not sure what"))
          .options(GatewayOptions.builder().interactive(true).includeAssetGeneration(true).build()).build();
      RunOutcome s = await(engine.start(PlanningWorkflows.create(WorkflowType.INTERACTIVE, services), req).result());
      assertThat(s.status()).isEqualTo(RunStatus.SUSPENDED);
      RunOutcome o = await(engine.resume(s.runId(), Answers.of(Map.of("industry", "coffee roasting",
          "audience", "B2C", "duration", "15s"))).result());
      PlanResult r = result(o);
      assertThat(r.plan().shotDuration()).isBetween(10.0, 20.0);
      assertThat(o.context().keys()).contains("plan/analyze_text");
    }
  }
}
