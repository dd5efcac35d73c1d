package dev.vcg.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.cost.Money;
import dev.vcg.provider.AuthenticationException;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.OutcomeUnknownException;
import dev.vcg.provider.ProviderError;
import dev.vcg.provider.ServerException;
import dev.vcg.provider.VideoResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobPollingTest extends EngineTestSupport {
  static final Key<VideoResult> CLIP = Key.of("clip", VideoResult.class);
  static final PollPolicy NO_JITTER = PollPolicy.builder().jitter(0).build();

  final FakeVideoProvider provider = new FakeVideoProvider();

  Workflow clip(PollPolicy policy) {
    return Workflow.builder("clip")
        .step(Step.video(CLIP, provider, ctx -> FakeVideoProvider.request("waves at dawn")).poll(policy))
        .step(Step.of(Key.of("download", String.class), ctx -> "saved " + ctx.require(CLIP).video()).dependsOn("clip"))
        .output("clip")
        .build();
  }

  static ServerException serverError() {
    return new ServerException(ProviderError.of("fake", "503 unavailable"), null);
  }

  @Test
  void jobIdIsCheckpointedBeforeTheFirstPoll_andPollingFollowsTheDefaults() throws Exception {
    WatchedStore store = new WatchedStore(ContextStore.inMemory());
    AtomicReference<String> storeAtFirstPoll = new AtomicReference<>();
    provider.onPoll = job -> storeAtFirstPoll.compareAndSet(null, store.saved().get(store.saved().size() - 1));
    provider.script(JobStatus.queued("IN_QUEUE", -1), JobStatus.running("IN_PROGRESS", 0.5), FakeVideoProvider.done("waves"));
    Recorder rec = new Recorder();
    WorkflowRun run = engineBuilder().store(store).build().start(clip(NO_JITTER), null,
        RunOptions.builder().listener(rec).build());

    assertThat(provider.submits).hasValue(1);
    assertThat(provider.polls).isEmpty();
    assertThat(time.nextDelay()).contains(Duration.ofSeconds(2));
    assertThat(store.saved().get(store.saved().size() - 1)).contains("\"job\":{\"providerId\":\"fake\",\"id\":\"job-1\"");
    time.advance(Duration.ofSeconds(2));
    assertThat(provider.polls).containsExactly("job-1");
    assertThat(storeAtFirstPoll.get()).contains("\"id\":\"job-1\"");
    // the poll's outcome is saved too (at most every 10 s), so a resumed run shows fresh progress
    assertThat(store.saved().get(store.saved().size() - 1)).contains("\"lastPolledAt\":\"2026-01-01T00:00:02Z\"");
    time.advance(Duration.ofSeconds(3));
    time.advance(Duration.ofMillis(4500));
    RunOutcome out = await(run);
    assertThat(out.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(out.output(VideoResult.class).orElseThrow().video().toString()).contains("cdn.example/waves.mp4");
    assertThat(out.get(Key.of("download", String.class))).isPresent();
    rec.awaitTerminal();
    assertThat(rec.of(WorkflowEvent.JobSubmitted.class)).extracting(WorkflowEvent.JobSubmitted::job).containsExactly("fake:job-1");
    assertThat(rec.of(WorkflowEvent.StepProgress.class)).extracting(WorkflowEvent.StepProgress::stepProgress).contains(0.5);
    assertThat(rec.of(WorkflowEvent.CostIncurred.class)).singleElement()
        .satisfies(c -> assertThat(c.entry().amount()).isEqualTo(Money.usd("0.35")))
        .satisfies(c -> assertThat(c.entry().label()).isEqualTo("clip"));
    assertThat(out.context().costs().total()).isEqualTo(Money.usd("0.35"));
  }

  @Test
  void intervalsGrowByHalfUpTo15Seconds() throws Exception {
    WorkflowRun run = engine().start(clip(NO_JITTER), null);
    for (int i = 0; i < 9; i++) {
      assertThat(time.runNext()).isTrue();
    }
    assertThat(time.scheduledDelays()).startsWith(
        Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofMillis(4500), Duration.ofMillis(6750),
        Duration.ofMillis(10125), Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(15));
    provider.scriptJob("job-1", FakeVideoProvider.done("x"));
    time.runNext();
    assertThat(await(run).status()).isEqualTo(RunStatus.COMPLETED);
  }

  @Test
  void defaultJitterKeepsEachIntervalWithin20Percent() throws Exception {
    engine().start(clip(PollPolicy.video()), null);
    for (int i = 0; i < 40; i++) {
      time.runNext();
    }
    List<Duration> d = time.scheduledDelays();
    double[] nominal = {2, 3, 4.5, 6.75, 10.125};
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < d.size(); i++) {
      double expected = i < nominal.length ? nominal[i] : 15;
      double ratio = d.get(i).toNanos() / 1e9 / expected;
      ratios.add(ratio);
      assertThat(ratio).as("interval %d", i).isBetween(0.8, 1.2);
    }
    assertThat(ratios.stream().distinct().count()).as("the intervals vary").isGreaterThan(10);
  }

  @Test
  void providerHintOverridesTheInterval_clampedToOneAndSixtySeconds() throws Exception {
    provider.script(
        JobStatus.running("R", -1).withPollAfter(Duration.ofMillis(200)),
        JobStatus.running("R", -1).withPollAfter(Duration.ofMinutes(5)),
        JobStatus.running("R", -1).withPollAfter(Duration.ofSeconds(7)),
        FakeVideoProvider.done("x"));
    WorkflowRun run = engine().start(clip(NO_JITTER), null);
    for (int i = 0; i < 4; i++) {
      time.runNext();
    }
    assertThat(time.scheduledDelays()).containsExactly(
        Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(7));
    assertThat(await(run).status()).isEqualTo(RunStatus.COMPLETED);
  }

  @Test
  void deadline_endsTheRunResumable_withoutCancellingTheJob_andResumePollsTheSameJob(@TempDir Path dir)
      throws Exception {
    ContextStore store = ContextStore.directory(dir);
    Recorder rec = new Recorder();
    WorkflowRun run = engineBuilder().store(store).build().start(clip(PollPolicy.video()), null,
        RunOptions.builder().listener(rec).build());
    time.advance(Duration.ofMinutes(29));
    assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
    time.advance(Duration.ofMinutes(1));
    RunOutcome out = await(run);
    assertThat(out.status()).isEqualTo(RunStatus.TIMED_OUT_RESUMABLE);
    assertThat(out.status().isResumable()).isTrue();
    assertThat(provider.cancelled).isEmpty();
    assertThat(time.pending()).as("no poll is left scheduled").isZero();
    int pollsBefore = provider.polls.size();
    assertThat(pollsBefore).isBetween(120, 140);
    rec.awaitTerminal();
    WorkflowEvent.RunTimedOut timedOut = rec.of(WorkflowEvent.RunTimedOut.class).get(0);
    assertThat(timedOut.step()).isEqualTo("clip");
    assertThat(timedOut.job()).isEqualTo("fake:job-1");
    assertThat(Files.readString(dir.resolve(run.id() + ".json"))).contains("TIMED_OUT_RESUMABLE", "\"id\":\"job-1\"");

    provider.scriptJob("job-1", JobStatus.running("R", 0.9), FakeVideoProvider.done("late"));
    WorkflowEngine restarted = engineBuilder().store(store).register(clip(PollPolicy.video())).build();
    WorkflowRun resumed = restarted.resume(run.id());
    time.advance(Duration.ofSeconds(5));
    RunOutcome done = await(resumed);
    assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(provider.submits).as("the paid job is not submitted again").hasValue(1);
    assertThat(provider.polls.subList(pollsBefore, provider.polls.size())).containsOnly("job-1");
    assertThat(done.output(VideoResult.class).orElseThrow().video().toString()).contains("late.mp4");
  }

  @Test
  void transientPollFailures_areToleratedUpToNineInARow() throws Exception {
    List<Object> script = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      script.add(serverError());
    }
    script.add(FakeVideoProvider.done("x"));
    provider.script(script.toArray());
    WorkflowEngine engine = engine();
    WorkflowRun run = engine.start(clip(NO_JITTER), null);
    for (int i = 0; i < 10; i++) {
      time.runNext();
    }
    assertThat(await(run).status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(engine.metrics().errorsByKind()).containsEntry("ServerException", 9L);
  }

  @Test
  void tenTransientFailuresInARow_failTheRunRecoverably_andResumePollsAgain() throws Exception {
    List<Object> script = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      script.add(serverError());
    }
    script.add(FakeVideoProvider.done("x"));
    provider.script(script.toArray());
    ContextStore store = ContextStore.inMemory();
    WorkflowEngine engine = engineBuilder().store(store).build();
    WorkflowRun run = engine.start(clip(NO_JITTER), null);
    for (int i = 0; i < 10; i++) {
      time.runNext();
    }
    RunOutcome out = await(run);
    assertThat(out.status()).isEqualTo(RunStatus.FAILED);
    WorkflowException f = out.failure().orElseThrow();
    assertThat(f.stage()).isEqualTo(WorkflowException.Stage.JOB_POLL);
    assertThat(f.isRecoverable()).isTrue();
    assertThat(f).hasMessageContaining("10 times in a row").hasMessageContaining("resume the run");
    WorkflowRun again = engine.resume(run.id());
    assertThat(time.nextDelay()).as("a resumed job is polled at once").contains(Duration.ZERO);
    time.runNext();
    RunOutcome resumed = await(again);
    assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(provider.submits).hasValue(1);
  }

  @Test
  void nonRetryablePollFailure_failsAtOnce() throws Exception {
    provider.script(new AuthenticationException(ProviderError.of("fake", "key revoked"), null));
    WorkflowRun run = engine().start(clip(NO_JITTER), null);
    time.runNext();
    RunOutcome out = await(run);
    assertThat(out.status()).isEqualTo(RunStatus.FAILED);
    assertThat(provider.polls).hasSize(1);
    assertThat(out.failure().orElseThrow().getCause()).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void failedJob_failsTheStep_andAResumeSubmitsANewJob() throws Exception {
    provider.script(JobStatus.failed("FAILED", "content policy"));
    WorkflowEngine engine = engine();
    WorkflowRun run = engine.start(clip(NO_JITTER), null);
    time.runNext();
    RunOutcome out = await(run);
    assertThat(out.status()).isEqualTo(RunStatus.FAILED);
    assertThat(out.failure().orElseThrow()).hasMessageContaining("job fake:job-1 of step clip failed")
        .hasMessageContaining("content policy");
    assertThat(out.failure().orElseThrow().isRecoverable()).isFalse();
    provider.script(FakeVideoProvider.done("retry"));
    WorkflowRun again = engine.resume(run.id());
    time.runNext();
    assertThat(await(again).status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(provider.submits).hasValue(2);
  }

  @Test
  void cancel_reachesThePendingJobAtTheProvider() throws Exception {
    Recorder rec = new Recorder();
    WorkflowRun run = engine().start(clip(NO_JITTER), null, RunOptions.builder().listener(rec).build());
    time.runNext();
    assertThat(provider.polls).containsExactly("job-1");
    assertThat(run.cancel()).isTrue();
    RunOutcome out = await(run);
    assertThat(out.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(provider.cancelled).extracting(j -> j.id()).containsExactly("job-1");
    assertThat(time.pending()).isZero();
    rec.awaitTerminal();
    assertThat(rec.events.get(rec.events.size() - 1)).isInstanceOf(WorkflowEvent.RunCancelled.class);
  }

  @Test
  void noThreadIsHeldWhileJobsArePending() throws Exception {
    ThreadPoolExecutor one = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    try {
      int runs = 200;
      CountDownLatch submitted = new CountDownLatch(runs);
      WorkflowEngine engine = engineBuilder().executor(one).listener(new WorkflowListener() {
        @Override
        public void onJobSubmitted(WorkflowEvent.JobSubmitted event) {
          submitted.countDown();
        }
      }).build();
      for (int i = 0; i < runs; i++) {
        engine.start(clip(NO_JITTER), null);
      }
      assertThat(submitted.await(10, TimeUnit.SECONDS)).isTrue();
      // every run is waiting for its job, yet the only thread is free for other work
      CountDownLatch probe = new CountDownLatch(1);
      one.execute(probe::countDown);
      assertThat(probe.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(engine.metrics().activeRuns()).isEqualTo(runs);
      assertThat(time.pending()).isEqualTo(runs);
    } finally {
      one.shutdownNow();
    }
  }

  @Test
  void crashDuringSubmission_asksBeforeSubmittingAgain(@TempDir Path dir) throws Exception {
    Path live = dir.resolve("live");
    Path crashed = dir.resolve("crashed");
    CountDownLatch inSubmit = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Workflow blocking = Workflow.builder("clip")
        .step(Step.video(CLIP, provider, ctx -> {
          inSubmit.countDown();
          release.await(10, TimeUnit.SECONDS);
          return FakeVideoProvider.request("waves");
        }).poll(NO_JITTER))
        .build();
    WorkflowEngine liveEngine = engineBuilder().executor(pool).store(ContextStore.directory(live)).build();
    WorkflowRun run = liveEngine.start(blocking, null);
    assertThat(inSubmit.await(5, TimeUnit.SECONDS)).isTrue();
    Files.createDirectories(crashed);
    Files.copy(live.resolve(run.id() + ".json"), crashed.resolve(run.id() + ".json"));
    assertThat(Files.readString(crashed.resolve(run.id() + ".json"))).contains("\"submitting\":true");

    ContextStore store = ContextStore.directory(crashed);
    WorkflowEngine restarted = engineBuilder().store(store).register(clip(NO_JITTER)).build();
    int submitsBefore = provider.submits.get();
    RunOutcome asked = await(restarted.resume(run.id()));
    assertThat(asked.status()).isEqualTo(RunStatus.SUSPENDED);
    assertThat(asked.suspension().orElseThrow().questions()).extracting(Suspension.Question::id).containsExactly("resubmit");
    assertThat(asked.suspension().orElseThrow().message()).contains("may exist and be billed");
    assertThat(provider.submits).as("nothing submitted blindly").hasValue(submitsBefore);

    provider.script(FakeVideoProvider.done("confirmed"));
    WorkflowRun confirmed = restarted.resume(run.id(), Answers.of(Map.of("resubmit", "yes")));
    time.runNext();
    RunOutcome out = await(confirmed);
    assertThat(out.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(provider.submits).hasValue(submitsBefore + 1);
    // The "crashed" process must not go on writing into the temp directory after the test.
    run.cancel();
    release.countDown();
    assertThat(run.result().handle((o, t) -> o == null ? RunStatus.CANCELLED : o.status()).get(10, TimeUnit.SECONDS))
        .isIn(RunStatus.CANCELLED, RunStatus.FAILED);
    liveEngine.close();
  }

  @Test
  void submissionWithUnknownOutcome_isNotRetried_andAResumeAsksFirst() throws Exception {
    provider.submitFailure = new OutcomeUnknownException(ProviderError.of("fake", "read timed out after sending"), null);
    WorkflowEngine engine = engine();
    Workflow wf = Workflow.builder("clip")
        .step(Step.video(CLIP, provider, ctx -> FakeVideoProvider.request("waves"))
            .retry(RetryPolicy.builder().maxAttempts(3).retryOn(t -> true).build()))
        .build();
    RunOutcome out = await(engine.start(wf, null));
    assertThat(out.status()).isEqualTo(RunStatus.FAILED);
    assertThat(out.failure().orElseThrow().stage()).isEqualTo(WorkflowException.Stage.JOB_SUBMIT);
    provider.submitFailure = null;
    RunOutcome asked = await(engine.resume(out.runId()));
    assertThat(asked.status()).isEqualTo(RunStatus.SUSPENDED);
    RunOutcome declined = await(engine.resume(out.runId(), Answers.of(Map.of("resubmit", "no"))));
    assertThat(declined.status()).isEqualTo(RunStatus.FAILED);
    assertThat(declined.failure().orElseThrow()).hasMessageContaining("was not submitted again");
    assertThat(provider.submits).hasValue(0);
    // still unknown: the next resume asks again, and "yes" submits
    assertThat(await(engine.resume(out.runId())).status()).isEqualTo(RunStatus.SUSPENDED);
    provider.script(FakeVideoProvider.done("x"));
    WorkflowRun yes = engine.resume(out.runId(), Answers.of(Map.of("resubmit", "yes")));
    time.runNext();
    assertThat(await(yes).status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(provider.submits).hasValue(1);
  }

  record RenderJob(String queue, String ticket) {
  }

  @Test
  void anyKindOfJob_canBeAwaited_withItsHandleSavedAsJson() throws Exception {
    List<String> polled = new ArrayList<>();
    JobPoller<RenderJob, String> renderer = new JobPoller<>() {
      @Override
      public java.lang.reflect.Type jobType() {
        return RenderJob.class;
      }

      @Override
      public JobCheck<String> poll(RenderJob job) {
        polled.add(job.ticket());
        return polled.size() < 3 ? JobCheck.pending(polled.size() / 3.0, null) : JobCheck.done("image for " + job.ticket());
      }
    };
    Key<String> image = Key.of("image", String.class);
    Workflow wf = Workflow.builder("render")
        .step(Step.job(image, renderer, ctx -> new RenderJob("fast", "t-42")).poll(PollPolicy.image().toBuilder().jitter(0).build()))
        .build();
    WatchedStore store = new WatchedStore(ContextStore.inMemory());
    WorkflowRun run = engineBuilder().store(store).build().start(wf, null);
    assertThat(store.saved().get(store.saved().size() - 1)).contains("\"job\":{\"queue\":\"fast\",\"ticket\":\"t-42\"}");
    time.runNext();
    // restart while pending: the saved handle is read back as a RenderJob
    WorkflowRun resumed = engineBuilder().store(store).register(wf).build().resume(copyOf(store, run));
    time.runNext();
    time.runNext();
    RunOutcome out = await(resumed);
    assertThat(out.get(image)).contains("image for t-42");
    assertThat(polled).containsOnly("t-42");
  }

  /** Copies a run's latest checkpoint to a new id, as if the process had stopped there. */
  private static String copyOf(WatchedStore store, WorkflowRun run) {
    String doc = store.saved().get(store.saved().size() - 1).replace(run.id(), "copy-" + run.id());
    store.save("copy-" + run.id(), doc);
    return "copy-" + run.id();
  }
}
