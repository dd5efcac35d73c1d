package dev.vcg.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuspendResumeTest extends EngineTestSupport {
  record Brief(String prompt) {
  }

  static final Key<String> ANALYSIS = Key.of("analyze", String.class);
  static final Key<String> STYLE = Key.of("clarify", String.class);
  static final Key<String> PLAN = Key.of("plan", String.class);

  final AtomicInteger analyzeRuns = new AtomicInteger();
  final AtomicInteger clarifyRuns = new AtomicInteger();

  Workflow interactive() {
    return Workflow.builder("INTERACTIVE")
        .step(Step.of(ANALYSIS, ctx -> {
          analyzeRuns.incrementAndGet();
          return "about " + ctx.input(Brief.class).prompt();
        }))
        .step(Step.of(STYLE, ctx -> {
          clarifyRuns.incrementAndGet();
          Answers answers = ctx.answers().orElse(null);
          if (answers == null) {
            return ctx.suspend(Suspension.of("I need a little more to make the right video.",
                Suspension.Question.of("tone", "Which tone?", "playful", "serious"),
                Suspension.Question.of("audience", "Who is it for?")));
          }
          return answers.get("tone").orElseThrow() + " for " + answers.get("audience").orElse("everyone");
        }).dependsOn("analyze"))
        .step(Step.of(PLAN, ctx -> ctx.require(ANALYSIS) + ", " + ctx.require(STYLE)).dependsOn("clarify"))
        .output("plan")
        .build();
  }

  @Test
  void suspension_endsTheRunSuspended_andResumeContinuesFromThatStep(@TempDir Path dir) throws Exception {
    ContextStore store = ContextStore.directory(dir);
    WorkflowEngine engine = engineBuilder().store(store).build();
    Recorder rec = new Recorder();
    RunOutcome first = await(engine.start(interactive(), new Brief("a lighthouse"),
        RunOptions.builder().listener(rec).build()));
    assertThat(first.status()).isEqualTo(RunStatus.SUSPENDED);
    assertThat(first.suspendedStep()).contains("clarify");
    assertThat(first.suspension().orElseThrow().questions()).extracting(Suspension.Question::id)
        .containsExactly("tone", "audience");
    assertThat(first.get(PLAN)).isEmpty();
    assertThatThrownBy(first::orThrow).isInstanceOf(WorkflowException.class).hasMessageContaining("waiting for answers");
    rec.awaitTerminal();
    WorkflowEvent.RunSuspended suspended = rec.of(WorkflowEvent.RunSuspended.class).get(0);
    assertThat(suspended.step()).isEqualTo("clarify");
    assertThat(suspended.suspension().message()).startsWith("I need");
    assertThat(engine.status(first.runId())).contains(RunStatus.SUSPENDED);
    assertThat(Files.readString(dir.resolve(first.runId() + ".json"))).contains("\"SUSPENDED\"", "Which tone?");

    // A new engine (as after a restart) resumes the saved run with the answers.
    WorkflowEngine restarted = engineBuilder().store(store).register(interactive()).build();
    RunOutcome second = await(restarted.resume(first.runId(),
        Answers.of(Map.of("tone", "playful", "audience", "kids"))));
    assertThat(second.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(second.output(String.class)).contains("about a lighthouse, playful for kids");
    assertThat(analyzeRuns).as("completed steps are not run again").hasValue(1);
    assertThat(clarifyRuns).hasValue(2);
    assertThat(second.context().answers("clarify")).contains(Answers.of(Map.of("tone", "playful", "audience", "kids")));
    assertThat(restarted.status(first.runId())).contains(RunStatus.COMPLETED);
    assertThatThrownBy(() -> restarted.resume(first.runId()))
        .isInstanceOf(WorkflowException.class).hasMessageContaining("already completed");
  }

  @Test
  void stepsRunningWhenTheRunSuspends_finishAndAreNotRunAgain() throws Exception {
    CountDownLatch suspendedNow = new CountDownLatch(1);
    CountDownLatch sideStarted = new CountDownLatch(1);
    AtomicInteger sideRuns = new AtomicInteger();
    Workflow wf = Workflow.builder("parallel-suspend")
        .step(Step.of("ask", ctx -> {
          if (ctx.answers().isPresent()) {
            return "answered";
          }
          assertThat(sideStarted.await(5, TimeUnit.SECONDS)).isTrue();
          return ctx.suspend(Suspension.of("why?"));
        }))
        .step(Step.of("side", ctx -> {
          // finishes after the other branch has suspended the run
          if (sideRuns.incrementAndGet() == 1) {
            sideStarted.countDown();
            assertThat(suspendedNow.await(5, TimeUnit.SECONDS)).isTrue();
          }
          return "side done";
        }))
        .build();
    WatchedStore store = new WatchedStore(ContextStore.inMemory());
    WorkflowEngine engine = engineBuilder().executor(pool).store(store).build();
    WorkflowRun run = engine.start(wf, null);
    // "ask" has suspended (and the run saved that) while "side" is still running
    store.await(doc -> doc.contains("\"ask\":{\"state\":\"SUSPENDED\""));
    assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
    suspendedNow.countDown();
    RunOutcome out = await(run);
    assertThat(out.status()).isEqualTo(RunStatus.SUSPENDED);
    assertThat(out.get(Key.of("side", String.class))).contains("side done");
    RunOutcome resumed = await(engine.resume(run.id(), Answers.of(Map.of("q", "because"))));
    assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(sideRuns).hasValue(1);
    assertThat(resumed.get(Key.of("ask", String.class))).contains("answered");
  }

  @Test
  void resumeOfUnknownRunOrUnregisteredWorkflow_explainsWhatToDo() throws Exception {
    WorkflowEngine engine = engine();
    assertThatThrownBy(() -> engine.resume("nope")).isInstanceOf(WorkflowException.class)
        .hasMessageContaining("no saved run nope");
    ContextStore store = ContextStore.inMemory();
    RunOutcome out = await(engineBuilder().store(store).build().start(interactive(), new Brief("x")));
    WorkflowEngine other = engineBuilder().store(store).build();
    assertThatThrownBy(() -> other.resume(out.runId())).isInstanceOf(WorkflowException.class)
        .hasMessageContaining("'INTERACTIVE', which is not registered");
    RunOutcome done = await(other.resume(interactive(), out.runId(), Answers.of(Map.of("tone", "calm"))));
    assertThat(done.output(String.class)).contains("about x, calm for everyone");
  }
}
