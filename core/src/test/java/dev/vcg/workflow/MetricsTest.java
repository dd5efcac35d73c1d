package dev.vcg.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vcg.provider.ProviderError;
import dev.vcg.provider.RateLimitedException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest extends EngineTestSupport {
  @Test
  void stepLatencyPercentiles_areNearestRankOverCompletedSteps() throws Exception {
    // a chain of 20 steps taking 7, 14, 1, 8, ... ms of (manual) time: each of 1..20 ms once
    Workflow.Builder b = Workflow.builder("timed");
    for (int i = 1; i <= 20; i++) {
      int ms = (i * 7) % 20 + 1;
      Step<Object> s = Step.of("s" + i, ctx -> {
        time.advance(Duration.ofMillis(ms));
        return null;
      });
      b.step(i == 1 ? s : s.dependsOn("s" + (i - 1)));
    }
    WorkflowEngine engine = engine();
    assertThat(await(engine.start(b.build(), null)).status()).isEqualTo(RunStatus.COMPLETED);
    WorkflowMetrics m = engine.metrics();
    assertThat(m.stepLatencyP50()).isEqualTo(Duration.ofMillis(10));
    assertThat(m.stepLatencyP95()).isEqualTo(Duration.ofMillis(19));
    assertThat(m.workflow("timed").stepLatencyP50()).isEqualTo(Duration.ofMillis(10));
    assertThat(m.workflow("timed").stepLatencyP95()).isEqualTo(Duration.ofMillis(19));
  }

  @Test
  void runsPerWorkflow_successRate_andErrorsByKind() throws Exception {
    WorkflowEngine engine = engine();
    Workflow ok = Workflow.builder("SIMPLE_TEXT").step(Step.of("a", ctx -> 1)).build();
    Workflow bad = Workflow.builder("WEB_EXTRACTION").step(Step.of("scrape", ctx -> {
      throw new RateLimitedException(ProviderError.of("web", "429"), null, null);
    })).build();
    Workflow ask = Workflow.builder("INTERACTIVE").step(Step.of("q", ctx -> ctx.answers().isPresent() ? 1
        : ctx.suspend(Suspension.of("?")))).build();
    for (int i = 0; i < 3; i++) {
      await(engine.start(ok, null));
    }
    await(engine.start(bad, null));
    RunOutcome suspended = await(engine.start(ask, null));
    await(engine.resume(suspended.runId(), Answers.of(Map.of("q", "a"))));

    WorkflowMetrics m = engine.metrics();
    assertThat(m.workflow("SIMPLE_TEXT").started()).isEqualTo(3);
    assertThat(m.workflow("SIMPLE_TEXT").completed()).isEqualTo(3);
    assertThat(m.workflow("SIMPLE_TEXT").successRate()).isEqualTo(1.0);
    assertThat(m.workflow("WEB_EXTRACTION").failed()).isEqualTo(1);
    assertThat(m.workflow("WEB_EXTRACTION").successRate()).isEqualTo(0.0);
    assertThat(m.workflow("INTERACTIVE").started()).isEqualTo(1);
    assertThat(m.workflow("INTERACTIVE").suspended()).isEqualTo(1);
    assertThat(m.workflow("INTERACTIVE").resumed()).isEqualTo(1);
    assertThat(m.workflow("INTERACTIVE").completed()).isEqualTo(1);
    assertThat(m.workflow("INTERACTIVE").successRate()).isEqualTo(1.0);
    assertThat(m.workflow("NEVER_RAN").started()).isZero();
    assertThat(m.workflows()).containsOnlyKeys("SIMPLE_TEXT", "WEB_EXTRACTION", "INTERACTIVE");
    assertThat(m.errorsByKind()).containsExactly(Map.entry("RateLimitedException", 1L));
    assertThat(m.activeRuns()).isZero();
  }

  @Test
  void successRate_countsCancelledAndTimedOutRunsAsNotSuccessful() throws Exception {
    WorkflowEngine engine = engine();
    FakeVideoProvider provider = new FakeVideoProvider();
    Workflow clip = Workflow.builder("clip").step(Step.video(Key.of("clip", dev.vcg.provider.VideoResult.class), provider,
        ctx -> FakeVideoProvider.request("x")).poll(PollPolicy.builder().deadline(Duration.ofMinutes(1)).build())).build();
    WorkflowRun cancelled = engine.start(clip, null);
    cancelled.cancel();
    await(cancelled);
    WorkflowRun timedOut = engine.start(clip, null);
    time.advance(Duration.ofMinutes(2));
    assertThat(await(timedOut).status()).isEqualTo(RunStatus.TIMED_OUT_RESUMABLE);
    provider.scriptJob("job-2", FakeVideoProvider.done("x"));
    WorkflowRun resumed = engine.resume(timedOut.id());
    time.runNext();
    await(resumed);
    WorkflowMetrics.WorkflowStats s = engine.metrics().workflow("clip");
    assertThat(s.cancelled()).isEqualTo(1);
    assertThat(s.timedOut()).isEqualTo(1);
    assertThat(s.completed()).isEqualTo(1);
    assertThat(s.successRate()).isCloseTo(1.0 / 3, within(1e-9));
  }
}
