package dev.vcg.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vcg.cost.BudgetExceededException;
import dev.vcg.cost.CostEntry;
import dev.vcg.cost.Money;
import dev.vcg.provider.ProviderError;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.RateLimitedException;
import dev.vcg.workflow.WorkflowEvent.StepRetrying;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkflowExecutionTest extends EngineTestSupport {
  record Shot(int index, String prompt) {
  }

  record Request(String topic, int shots) {
  }

  static final Key<String> TOPIC = Key.of("topic", String.class);
  static final Key<List<Shot>> SHOTS = Key.of("shots", new TypeReference<List<Shot>>() { });
  static final Key<Integer> COUNT = Key.of("count", Integer.class);

  @Test
  void typedValuesFlowAlongTheGraph() throws Exception {
    Workflow wf = Workflow.builder("plan")
        .step(Step.of(TOPIC, ctx -> ctx.input(Request.class).topic().toUpperCase()))
        .step(Step.of(SHOTS, ctx -> {
          Request r = ctx.input(Request.class);
          List<Shot> shots = new java.util.ArrayList<>();
          for (int i = 0; i < r.shots(); i++) {
            shots.add(new Shot(i, ctx.require(TOPIC) + " #" + i));
          }
          return shots;
        }).dependsOn("topic"))
        .step(Step.of(COUNT, ctx -> ctx.require(SHOTS).size()).dependsOn("shots"))
        .output("shots")
        .build();
    RunOutcome out = await(engine().start(wf, new Request("lighthouse", 3)));
    assertThat(out.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(out.get(COUNT)).contains(3);
    assertThat(out.output(new TypeReference<List<Shot>>() { }).orElseThrow())
        .containsExactly(new Shot(0, "LIGHTHOUSE #0"), new Shot(1, "LIGHTHOUSE #1"), new Shot(2, "LIGHTHOUSE #2"));
    assertThat(out.context().completedSteps()).containsExactly("topic", "shots", "count");
    assertThat(out.context().currentSteps()).isEmpty();
    assertThat(out.progress()).isEqualTo(1.0);
  }

  @Test
  void readySteps_runConcurrently_provenWithLatches() throws Exception {
    CountDownLatch bothStarted = new CountDownLatch(2);
    StepAction<Object> meetOther = ctx -> {
      bothStarted.countDown();
      // Each step waits until the other has started: this only passes if both run at once.
      if (!bothStarted.await(5, TimeUnit.SECONDS)) {
        throw new AssertionError("the other step did not start while this one ran");
      }
      return ctx.stepName();
    };
    CopyOnWriteArrayList<String> joinSaw = new CopyOnWriteArrayList<>();
    Workflow wf = Workflow.builder("fan-out")
        .step(Step.of("left", meetOther))
        .step(Step.of("right", meetOther))
        .step(Step.of("join", ctx -> {
          joinSaw.add(ctx.require(Key.of("left", String.class)));
          joinSaw.add(ctx.require(Key.of("right", String.class)));
          return null;
        }).dependsOn("left", "right"))
        .build();
    WorkflowEngine engine = WorkflowEngine.builder().executor(pool).eventExecutor(events).build();
    RunOutcome out = await(engine.start(wf, null));
    assertThat(out.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(joinSaw).containsExactly("left", "right");
  }

  @Test
  void dependantWaitsForAllItsDependencies() throws Exception {
    CountDownLatch releaseSlow = new CountDownLatch(1);
    CopyOnWriteArrayList<String> order = new CopyOnWriteArrayList<>();
    Workflow wf = Workflow.builder("wait")
        .step(Step.of("fast", ctx -> order.add("fast")))
        .step(Step.of("slow", ctx -> {
          assertThat(releaseSlow.await(5, TimeUnit.SECONDS)).isTrue();
          return order.add("slow");
        }))
        .step(Step.of("after", ctx -> order.add("after")).dependsOn("fast", "slow"))
        .build();
    WorkflowEngine engine = WorkflowEngine.builder().executor(pool).eventExecutor(events).build();
    Recorder rec = new Recorder();
    WorkflowRun run = engine.start(wf, null, RunOptions.builder().listener(rec).build());
    // "fast" completes while "slow" is held; "after" must not have started.
    rec.await(WorkflowEvent.StepCompleted.class, e -> e.step().equals("fast"));
    assertThat(order).containsExactly("fast");
    assertThat(run.context().currentSteps()).containsExactly("slow");
    releaseSlow.countDown();
    assertThat(await(run).status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(order).containsExactly("fast", "slow", "after");
  }

  @Test
  void falseCondition_skipsStep_dependantsRunWithoutItsValue() throws Exception {
    Key<String> extra = Key.of("extra", String.class);
    Workflow wf = Workflow.builder("cond")
        .step(Step.of(extra, ctx -> "never").when(ctx -> ctx.contains("nothing")))
        .step(Step.of("use", ctx -> ctx.get(extra).orElse("absent")).dependsOn("extra"))
        .build();
    Recorder rec = new Recorder();
    RunOutcome out = await(engine().start(wf, null, RunOptions.builder().listener(rec).build()));
    assertThat(out.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(out.get(Key.of("use", String.class))).contains("absent");
    assertThat(out.get(extra)).isEmpty();
    rec.awaitTerminal();
    assertThat(rec.of(WorkflowEvent.StepSkipped.class)).extracting(WorkflowEvent.StepSkipped::step).containsExactly("extra");
  }

  @Test
  void optionalFailure_isRecorded_runContinues_dependantsSeeNoValue() throws Exception {
    Key<String> assets = Key.of("assets", String.class);
    Workflow wf = Workflow.builder("opt")
        .step(Step.of(assets, ctx -> {
          throw new IllegalStateException("asset host down");
        }).optional())
        .step(Step.of("brand", ctx -> ctx.get(assets).map(a -> "with " + a).orElse("without assets"))
            .dependsOn("assets"))
        .build();
    Recorder rec = new Recorder();
    RunOutcome out = await(engine().start(wf, null, RunOptions.builder().listener(rec).build()));
    assertThat(out.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(out.get(Key.of("brand", String.class))).contains("without assets");
    rec.awaitTerminal();
    WorkflowEvent.StepFailed failed = rec.of(WorkflowEvent.StepFailed.class).get(0);
    assertThat(failed.step()).isEqualTo("assets");
    assertThat(failed.optional()).isTrue();
    assertThat(failed.errorKind()).isEqualTo("IllegalStateException");
    assertThat(failed.message()).isEqualTo("asset host down");
    assertThat(out.context().completedSteps()).contains("assets", "brand");
  }

  @Test
  void requiredFailure_failsRun_namingStep_andStopsTheRest() throws Exception {
    AtomicInteger laterRuns = new AtomicInteger();
    Workflow wf = Workflow.builder("fail")
        .step(Step.of("scrape", ctx -> {
          throw new RateLimitedException(ProviderError.of("web", "slow down"), Duration.ofSeconds(3), null);
        }))
        .step(Step.of("later", ctx -> laterRuns.incrementAndGet()).dependsOn("scrape"))
        .build();
    Recorder rec = new Recorder();
    RunOutcome out = await(engine().start(wf, null, RunOptions.builder().listener(rec).build()));
    assertThat(out.status()).isEqualTo(RunStatus.FAILED);
    WorkflowException f = out.failure().orElseThrow();
    assertThat(f.step()).contains("scrape");
    assertThat(f.stage()).isEqualTo(WorkflowException.Stage.STEP);
    assertThat(f.isRecoverable()).as("a rate limit is temporary").isTrue();
    assertThat(f).hasMessageContaining("step scrape").hasMessageContaining("resume the run later")
        .hasCauseInstanceOf(RateLimitedException.class);
    assertThat(laterRuns).hasValue(0);
    assertThatThrownBy(out::orThrow).isSameAs(f);
    rec.awaitTerminal();
    WorkflowEvent.RunFailed rf = rec.of(WorkflowEvent.RunFailed.class).get(0);
    assertThat(rf.step()).isEqualTo("scrape");
    assertThat(rf.errorKind()).isEqualTo("RateLimitedException");
    assertThat(rf.recoverable()).isTrue();
  }

  @Test
  void retry_usesBackOffOnTheScheduler_andSucceeds() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Workflow wf = Workflow.builder("retry")
        .step(Step.of("flaky", ctx -> {
          if (attempts.incrementAndGet() < 3) {
            throw new RateLimitedException(ProviderError.of("llm", "busy"), null, null);
          }
          return "ok after " + ctx.attempt();
        }).retry(RetryPolicy.builder().maxAttempts(4).delay(Duration.ofSeconds(1)).multiplier(2).build()))
        .build();
    Recorder rec = new Recorder();
    WorkflowEngine engine = engine();
    WorkflowRun run = engine.start(wf, null, RunOptions.builder().listener(rec).build());
    assertThat(attempts).hasValue(1);
    assertThat(time.nextDelay()).contains(Duration.ofSeconds(1));
    time.advance(Duration.ofMillis(999));
    assertThat(attempts).as("not before the delay").hasValue(1);
    time.advance(Duration.ofMillis(1));
    assertThat(attempts).hasValue(2);
    assertThat(time.nextDelay()).contains(Duration.ofSeconds(2));
    time.advance(Duration.ofSeconds(2));
    RunOutcome out = await(run);
    assertThat(out.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(out.get(Key.of("flaky", String.class))).contains("ok after 3");
    rec.awaitTerminal();
    assertThat(rec.of(StepRetrying.class)).extracting(StepRetrying::attempt, StepRetrying::delay, StepRetrying::errorKind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, Duration.ofSeconds(1), "RateLimitedException"),
            org.assertj.core.groups.Tuple.tuple(2, Duration.ofSeconds(2), "RateLimitedException"));
    assertThat(engine.metrics().errorsByKind()).containsEntry("RateLimitedException", 2L);
  }

  @Test
  void retry_skipsFailuresThatAreNotRetryable() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Workflow wf = Workflow.builder("no-retry")
        .step(Step.of("bad", ctx -> {
          attempts.incrementAndGet();
          throw new IllegalArgumentException("bad prompt");
        }).retry(RetryPolicy.builder().maxAttempts(5).build()))
        .build();
    RunOutcome out = await(engine().start(wf, null));
    assertThat(out.status()).isEqualTo(RunStatus.FAILED);
    assertThat(attempts).hasValue(1);
    assertThat(time.pending()).isZero();
    assertThat(out.failure().orElseThrow().isRecoverable()).isFalse();
  }

  @Test
  void timeout_interruptsTheAttempt_flagsCancelled_andRetries() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch reacted = new CountDownLatch(1);
    CopyOnWriteArrayList<String> seen = new CopyOnWriteArrayList<>();
    AtomicInteger attempts = new AtomicInteger();
    Workflow wf = Workflow.builder("timeout")
        .step(Step.of("slow", ctx -> {
          if (attempts.incrementAndGet() == 1) {
            started.countDown();
            try {
              new CountDownLatch(1).await(); // only an interrupt ends this
            } catch (InterruptedException e) {
              seen.add("interrupted, cancelled=" + ctx.isCancelled());
              reacted.countDown();
              throw e;
            }
          }
          return "second attempt";
        }).timeout(Duration.ofSeconds(30)).retry(RetryPolicy.builder().maxAttempts(2).delay(Duration.ofSeconds(1)).build()))
        .build();
    WorkflowEngine engine = engineBuilder().executor(pool).build();
    WorkflowRun run = engine.start(wf, null);
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    time.advance(Duration.ofSeconds(29));
    assertThat(seen).isEmpty();
    time.advance(Duration.ofSeconds(1));
    // the timeout hands its work to the pool; the retry is scheduled from there
    time.awaitPending(1);
    assertThat(time.nextDelay()).contains(Duration.ofSeconds(1));
    time.advance(Duration.ofSeconds(1));
    RunOutcome out = await(run);
    assertThat(out.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(out.get(Key.of("slow", String.class))).contains("second attempt");
    assertThat(reacted.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(seen).containsExactly("interrupted, cancelled=true");
    assertThat(engine.metrics().errorsByKind()).containsEntry("WorkflowException.TIMEOUT", 1L);
  }

  @Test
  void timeoutWithoutRetry_failsRecoverably() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Workflow wf = Workflow.builder("timeout-fail")
        .step(Step.of("stuck", ctx -> {
          started.countDown();
          new CountDownLatch(1).await();
          return null;
        }).timeout(Duration.ofMinutes(2)))
        .build();
    WorkflowRun run = engineBuilder().executor(pool).build().start(wf, null);
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    time.advance(Duration.ofMinutes(2));
    RunOutcome out = await(run);
    assertThat(out.status()).isEqualTo(RunStatus.FAILED);
    assertThat(out.failure().orElseThrow().stage()).isEqualTo(WorkflowException.Stage.TIMEOUT);
    assertThat(out.failure().orElseThrow().isRecoverable()).isTrue();
    assertThat(out.failure().orElseThrow()).hasMessageContaining("did not finish within PT2M");
  }

  @Test
  void cancel_interruptsRunningSteps_andNothingElseStarts() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CopyOnWriteArrayList<String> seen = new CopyOnWriteArrayList<>();
    AtomicInteger after = new AtomicInteger();
    Workflow wf = Workflow.builder("cancel")
        .step(Step.of("long", ctx -> {
          started.countDown();
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException e) {
            seen.add("cancelled=" + ctx.isCancelled());
            ctx.checkCancelled();
          }
          return null;
        }))
        .step(Step.of("after", ctx -> after.incrementAndGet()).dependsOn("long"))
        .build();
    Recorder rec = new Recorder();
    WorkflowRun run = engineBuilder().executor(pool).build().start(wf, null, RunOptions.builder().listener(rec).build());
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(run.cancel()).isTrue();
    RunOutcome out = await(run);
    assertThat(out.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(seen).containsExactly("cancelled=true");
    assertThat(after).hasValue(0);
    assertThat(run.cancel()).as("already ended").isFalse();
    rec.awaitTerminal();
    assertThat(rec.events.get(rec.events.size() - 1)).isInstanceOf(WorkflowEvent.RunCancelled.class);
  }

  @Test
  void decisionsMetadataAndCosts_areKeptInTheContext_andCostsAreEvents() throws Exception {
    Workflow wf = Workflow.builder("ledger")
        .step(Step.of("route", ctx -> {
          ctx.decide("workflow SIMPLE_TEXT", "text only, no URL");
          ctx.context().putMetadata("confidence", "0.9");
          ctx.recordCost(new CostEntry(ctx.now(), "openrouter", "m", ProviderKind.LLM, Money.usd("0.01"), true, "route"));
          // settled directly on the ledger: reported when the step ends
          ctx.costs().reserve(Money.usd("0.04"), "frame").settle("fal", "flux", ProviderKind.IMAGE, null, "frame", ctx.now());
          return null;
        }))
        .build();
    Recorder rec = new Recorder();
    RunOutcome out = await(engineBuilder().build().start(wf, null,
        RunOptions.builder().userId("u-1").metadata("source", "test").listener(rec).build()));
    WorkflowContext ctx = out.context();
    assertThat(ctx.userId()).contains("u-1");
    assertThat(ctx.workflow()).isEqualTo("ledger");
    assertThat(ctx.decisions()).singleElement().satisfies(d -> {
      assertThat(d.step()).isEqualTo("route");
      assertThat(d.what()).isEqualTo("workflow SIMPLE_TEXT");
      assertThat(d.why()).isEqualTo("text only, no URL");
      assertThat(d.at()).isEqualTo(time.now());
    });
    assertThat(ctx.metadata()).containsEntry("source", "test").containsEntry("confidence", "0.9");
    assertThat(ctx.costs().total()).isEqualTo(Money.usd("0.05"));
    rec.awaitTerminal();
    assertThat(rec.of(WorkflowEvent.CostIncurred.class)).extracting(e -> e.entry().label()).containsExactly("route", "frame");
  }

  @Test
  void budget_refusesACallThatWouldPassIt() throws Exception {
    Workflow wf = Workflow.builder("budget")
        .step(Step.of("clip", ctx -> ctx.costs().reserve(Money.usd("1.50"), "clip 1")))
        .build();
    RunOutcome out = await(engine().start(wf, null, RunOptions.builder().budget(Money.usd("1.00")).build()));
    assertThat(out.status()).isEqualTo(RunStatus.FAILED);
    assertThat(out.failure().orElseThrow()).hasCauseInstanceOf(BudgetExceededException.class);
    assertThat(out.context().costs().cap()).contains(Money.usd("1.00"));
  }

  @Test
  void requireOfAMissingValue_explainsWhatToDo() throws Exception {
    Workflow wf = Workflow.builder("missing")
        .step(Step.of("read", ctx -> ctx.require(Key.of("nowhere", String.class))))
        .build();
    RunOutcome out = await(engine().start(wf, null));
    assertThat(out.failure().orElseThrow().getCause()).hasMessageContaining("has no value 'nowhere'")
        .hasMessageContaining("depend on it");
  }

  @Test
  void unserialisableValue_failsTheStepClearly() throws Exception {
    Workflow wf = Workflow.builder("unserialisable")
        .step(Step.of("thread", ctx -> new Object() {
          public Object getSelf() {
            return this;
          }
        }))
        .build();
    RunOutcome out = await(engine().start(wf, null));
    assertThat(out.status()).isEqualTo(RunStatus.FAILED);
    assertThat(out.failure().orElseThrow()).hasMessageContaining("cannot be saved as JSON");
  }

  @Test
  void emptyWorkflowCompletesAtOnce() throws Exception {
    RunOutcome out = await(engine().start(Workflow.builder("empty").build(), null));
    assertThat(out.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(out.progress()).isEqualTo(1.0);
  }

  @Test
  void runIdsAreChecked_andCannotBeReused() throws Exception {
    WorkflowEngine engine = engine();
    Workflow wf = Workflow.builder("ids").step(Step.of("a", ctx -> 1)).build();
    await(engine.start(wf, null, RunOptions.builder().runId("run-1").build()));
    assertThatThrownBy(() -> engine.start(wf, null, RunOptions.builder().runId("run-1").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already in use");
    assertThatThrownBy(() -> RunOptions.builder().runId("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
  }
}
