package dev.vcg.workflows.planning;

import static dev.vcg.workflows.planning.PlanningTestSupport.await;
import static dev.vcg.workflows.planning.PlanningTestSupport.refusedUrl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.GatewayInput;
import dev.vcg.GatewayOptions;
import dev.vcg.GatewayRequest;
import dev.vcg.direction.AiDirector;
import dev.vcg.provider.ProviderException;
import dev.vcg.routing.WorkflowType;
import dev.vcg.services.fixtures.CountingImages;
import dev.vcg.services.fixtures.ScriptedModel;
import dev.vcg.workflow.Answers;
import dev.vcg.workflow.ContextStore;
import dev.vcg.workflow.RunOutcome;
import dev.vcg.workflow.RunStatus;
import dev.vcg.workflow.WorkflowEngine;
import dev.vcg.workflow.WorkflowEvent;
import dev.vcg.workflow.WorkflowListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanningAnalyticsTest {
  @TempDir
  Path dir;

  @BeforeAll
  static void site() {
    PlanningTestSupport.startSite();
  }

  @Test
  void theSnapshotReflectsRunsPerWorkflowType() throws Exception {
    PlanningAnalytics analytics = new PlanningAnalytics();
    Semaphore ended = new Semaphore(0);
    WorkflowListener feed = new WorkflowListener() {
      @Override
      public void onEvent(WorkflowEvent e) {
        analytics.onEvent(e);
        if (e.isTerminal()) {
          ended.release();
        }
      }
    };
    PlanningServices offline = PlanningTestSupport.services(dir.resolve("a"), new CountingImages()).build();
    ScriptedModel down = ScriptedModel.json(r -> "").failing(new ProviderException("scripted", "HTTP 500"));
    PlanningServices failing = PlanningTestSupport.services(dir.resolve("b"), new CountingImages())
        .director(AiDirector.builder().llm(down).build()).build();
    WorkflowEngine.Builder eb = WorkflowEngine.builder().store(ContextStore.inMemory()).listener(feed);
    PlanningWorkflows.all(offline).values().forEach(eb::register);
    try (WorkflowEngine engine = eb.build()) {
      GatewayRequest text = GatewayRequest.builder().input(GatewayInput.ofPrompt("A video about the ocean")).build();
      run(engine, PlanningWorkflows.create(WorkflowType.SIMPLE_TEXT, offline), text, ended);
      run(engine, PlanningWorkflows.create(WorkflowType.SIMPLE_TEXT, offline), text, ended);
      RunOutcome failed = run(engine, PlanningWorkflows.create(WorkflowType.SIMPLE_TEXT, failing), text, ended);
      assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
      run(engine, PlanningWorkflows.create(WorkflowType.WEB_EXTRACTION, offline), GatewayRequest.builder()
          .input(GatewayInput.builder().prompt("Promo").url(refusedUrl()).build()).build(), ended);
      RunOutcome asked = run(engine, PlanningWorkflows.create(WorkflowType.INTERACTIVE, offline),
          GatewayRequest.builder().input(GatewayInput.ofPrompt("Help me make some video"))
              .options(GatewayOptions.builder().interactive(true).build()).build(), ended);
      assertThat(asked.status()).isEqualTo(RunStatus.SUSPENDED);
      await(engine.resume(asked.runId(), Answers.of(Map.of("industry", "surf school", "audience", "B2C",
          "duration", "15s"))).result());
      assertThat(ended.tryAcquire(1, 30, TimeUnit.SECONDS)).isTrue();
    }

    PlanningMetrics m = analytics.snapshot();
    PlanningMetrics.WorkflowStats simple = m.workflow("SIMPLE_TEXT");
    assertThat(simple.requests()).isEqualTo(3);
    assertThat(simple.completed()).isEqualTo(2);
    assertThat(simple.failed()).isEqualTo(1);
    assertThat(simple.successRate()).isEqualTo(2.0 / 3);
    assertThat(simple.errorKinds()).containsEntry("ProviderException", 1L);
    assertThat(simple.steps().get("generate_plan").completed()).isEqualTo(2);
    assertThat(simple.steps().get("generate_plan").failed()).isEqualTo(1);
    assertThat(simple.steps().get("analyze_text").latencyP95()).isGreaterThan(Duration.ZERO);
    assertThat(simple.stepLatencyP95()).isGreaterThanOrEqualTo(simple.stepLatencyP50()).isGreaterThan(Duration.ZERO);

    PlanningMetrics.WorkflowStats web = m.workflow("WEB_EXTRACTION");
    assertThat(web.completed()).isEqualTo(1);
    assertThat(web.degraded()).isEqualTo(1);
    assertThat(web.errorKinds()).containsEntry("UrlRefusedException", 1L);
    assertThat(web.steps().get("scrape_web").failed()).isEqualTo(1);
    assertThat(web.steps().get("generate_assets").skipped()).isEqualTo(1);

    PlanningMetrics.WorkflowStats interactive = m.workflow("INTERACTIVE");
    assertThat(interactive.requests()).isEqualTo(1);
    assertThat(interactive.suspended()).isEqualTo(1);
    assertThat(interactive.resumed()).isEqualTo(1);
    assertThat(interactive.completed()).isEqualTo(1);
    assertThat(interactive.steps()).containsKeys("clarify", "plan/generate_plan");
    assertThat(m.workflow("ASSET_CENTRIC").requests()).isZero();
    assertThat(m.workflows().keySet()).containsExactly("INTERACTIVE", "SIMPLE_TEXT", "WEB_EXTRACTION");
  }

  private static RunOutcome run(WorkflowEngine engine, dev.vcg.workflow.Workflow wf, GatewayRequest r, Semaphore ended)
      throws InterruptedException {
    RunOutcome o = await(engine.start(wf, r).result());
    assertThat(ended.tryAcquire(1, 30, TimeUnit.SECONDS)).isTrue();
    return o;
  }
}
