package dev.vcg.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.media.MediaRef;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EventsTest extends EngineTestSupport {
  /** Five weighted steps, one of which reports progress and an asset. */
  static Workflow fiveSteps() {
    return Workflow.builder("five")
        .step(Step.of("a", ctx -> 1).weight(1))
        .step(Step.of("b", ctx -> {
          ctx.progress(0.25, "a quarter");
          ctx.progress(0.1, "reported lower: progress does not go back");
          ctx.progress(0.75);
          ctx.assetReady("segment-1", MediaRef.url(URI.create("https://cdn.example/s1.mp4")));
          return 2;
        }).dependsOn("a").weight(2))
        .step(Step.of("c", ctx -> 3).dependsOn("a").weight(3))
        .step(Step.of("skip", ctx -> 0).when(ctx -> false).dependsOn("c"))
        .step(Step.of("d", ctx -> 4).dependsOn("b", "c", "skip").weight(3))
        .build();
  }

  /** Requests one event at a time, like a slow consumer, and records everything it is sent. */
  static final class OneAtATime implements Flow.Subscriber<WorkflowEvent> {
    final List<Object> signals = new CopyOnWriteArrayList<>();
    final CountDownLatch done = new CountDownLatch(1);
    Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(1);
    }

    @Override
    public void onNext(WorkflowEvent item) {
      signals.add(item);
      subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
      signals.add(t);
      done.countDown();
    }

    @Override
    public void onComplete() {
      signals.add("complete");
      done.countDown();
    }

    List<WorkflowEvent> events() {
      List<WorkflowEvent> out = new ArrayList<>();
      signals.forEach(s -> {
        if (s instanceof WorkflowEvent e) {
          out.add(e);
        }
      });
      return out;
    }
  }

  @Test
  void publisher_deliversEveryEventInOrder_withBackPressure_thenCompletes() throws Exception {
    Recorder rec = new Recorder();
    WorkflowRun run = engine().start(fiveSteps(), null, RunOptions.builder().listener(rec).build());
    // subscribing after the run has ended still delivers all events from the first
    OneAtATime late = new OneAtATime();
    run.events().subscribe(late);
    assertThat(late.done.await(5, TimeUnit.SECONDS)).isTrue();
    rec.awaitTerminal();
    assertThat(late.signals.get(late.signals.size() - 1)).isEqualTo("complete");
    assertThat(late.events()).isEqualTo(rec.events);
    List<WorkflowEvent> events = late.events();
    assertThat(events.get(0)).isInstanceOf(WorkflowEvent.RunStarted.class);
    assertThat(events.get(events.size() - 1)).isInstanceOf(WorkflowEvent.RunCompleted.class);
    assertThat(events).allSatisfy(e -> {
      assertThat(e.runId()).isEqualTo(run.id());
      assertThat(e.at()).isEqualTo(time.now());
    });
    assertThat(events).filteredOn(WorkflowEvent::isTerminal).hasSize(1);
    assertThat(rec.of(WorkflowEvent.AssetReady.class)).singleElement()
        .satisfies(a -> assertThat(a.label()).isEqualTo("segment-1"))
        .satisfies(a -> assertThat(a.step()).isEqualTo("b"));
  }

  @Test
  void progress_neverGoesBackwards_followsWeights_andEndsAtExactlyOne() throws Exception {
    Recorder rec = new Recorder();
    engine().start(fiveSteps(), null, RunOptions.builder().listener(rec).build());
    rec.awaitTerminal();
    ChildWorkflowTest.assertProgressMonotonic(rec);
    // weights: a=1, b=2, c=3, skip=1, d=3 → total 10
    assertThat(rec.await(WorkflowEvent.StepCompleted.class, e -> e.step().equals("a")).progress()).isEqualTo(0.1);
    List<Double> bProgress = rec.of(WorkflowEvent.StepProgress.class).stream().map(WorkflowEvent::progress).toList();
    assertThat(bProgress).containsExactly(0.15, 0.15, 0.25);
    assertThat(rec.await(WorkflowEvent.StepCompleted.class, e -> e.step().equals("b")).progress()).isEqualTo(0.3);
    WorkflowEvent last = rec.events.get(rec.events.size() - 1);
    assertThat(last).isInstanceOf(WorkflowEvent.RunCompleted.class);
    assertThat(last.progress()).isEqualTo(1.0);
  }

  @Test
  void slowListener_doesNotStallTheRun_orOtherListeners() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch slowDone = new CountDownLatch(1);
    List<WorkflowEvent> slowGot = new CopyOnWriteArrayList<>();
    WorkflowListener slow = new WorkflowListener() {
      @Override
      public void onEvent(WorkflowEvent event) {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        slowGot.add(event);
        if (event.isTerminal()) {
          slowDone.countDown();
        }
      }
    };
    Recorder fast = new Recorder();
    WorkflowEngine engine = engineBuilder().listener(slow).build();
    RunOutcome out = await(engine.start(fiveSteps(), null, RunOptions.builder().listener(fast).build()));
    // the run finished and the fast listener has everything while the slow one is still on its first event
    assertThat(out.status()).isEqualTo(RunStatus.COMPLETED);
    fast.awaitTerminal();
    assertThat(slowGot).isEmpty();
    release.countDown();
    assertThat(slowDone.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(slowGot).isEqualTo(fast.events);
  }

  @Test
  void throwingListener_isIgnored_andStillGetsLaterEvents() throws Exception {
    List<String> got = new CopyOnWriteArrayList<>();
    CountDownLatch terminal = new CountDownLatch(1);
    WorkflowListener thrower = new WorkflowListener() {
      @Override
      public void onStepCompleted(WorkflowEvent.StepCompleted event) {
        got.add(event.step());
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void onRunCompleted(WorkflowEvent.RunCompleted event) {
        terminal.countDown();
      }
    };
    Recorder other = new Recorder();
    RunOutcome out = await(engineBuilder().listener(thrower).listener(other).build().start(fiveSteps(), null));
    assertThat(out.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(terminal.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(got).containsExactly("a", "b", "c", "d");
    other.awaitTerminal();
    assertThat(other.of(WorkflowEvent.StepCompleted.class)).hasSize(4);
  }

  @Test
  void listenerThatFallsBehind_losesEventsOnlyForItself_andTheDropsAreCounted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch stuckSawTheEnd = new CountDownLatch(1);
    WorkflowListener stuck = new WorkflowListener() {
      @Override
      public void onEvent(WorkflowEvent event) {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        if (event instanceof WorkflowEvent.RunCompleted) {
          stuckSawTheEnd.countDown();
        }
      }
    };
    Recorder healthy = new Recorder();
    WorkflowEngine engine = engineBuilder().eventBufferSize(16).listener(stuck).build();
    Workflow many = Workflow.builder("chatty").step(Step.of("talk", ctx -> {
      for (int i = 1; i <= 100; i++) {
        ctx.progress(i / 100.0);
      }
      return null;
    })).build();
    RunOutcome out = await(engine.start(many, null, RunOptions.builder().listener(healthy).build()));
    assertThat(out.status()).isEqualTo(RunStatus.COMPLETED);
    // progress events are the first to go; the others still reach every listener
    healthy.awaitTerminal();
    assertThat(healthy.of(WorkflowEvent.StepCompleted.class)).hasSize(1);
    assertThat(engine.metrics().droppedEvents()).isGreaterThanOrEqualTo(100 - 16 - 1);
    release.countDown();
    assertThat(stuckSawTheEnd.await(5, TimeUnit.SECONDS)).as("the end of the run is not dropped").isTrue();
  }

  @Test
  void subscriberThatFallsBehind_getsAnError_notSilentGaps() throws Exception {
    AtomicReference<Throwable> error = new AtomicReference<>();
    CountDownLatch errored = new CountDownLatch(1);
    CountDownLatch subscribed = new CountDownLatch(1);
    Workflow chatty = Workflow.builder("chatty").step(Step.of("talk", ctx -> {
      assertThat(subscribed.await(5, TimeUnit.SECONDS)).isTrue();
      for (int i = 1; i <= 100; i++) {
        ctx.progress(i / 100.0);
      }
      return null;
    })).build();
    WorkflowRun run = engineBuilder().executor(pool).eventBufferSize(16).build().start(chatty, null);
    run.events().subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        subscribed.countDown(); // and requests nothing
      }

      @Override
      public void onNext(WorkflowEvent item) {
        throw new AssertionError("nothing was requested");
      }

      @Override
      public void onError(Throwable t) {
        error.set(t);
        errored.countDown();
      }

      @Override
      public void onComplete() {
      }
    });
    assertThat(errored.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(error.get()).isInstanceOf(WorkflowException.class).hasMessageContaining("fell 16 events behind");
    assertThat(await(run).status()).as("the run is not affected").isEqualTo(RunStatus.COMPLETED);
  }

  @Test
  void invalidRequest_endsTheSubscriptionWithAnError() throws Exception {
    WorkflowRun run = engine().start(fiveSteps(), null);
    AtomicReference<Throwable> error = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    run.events().subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(0);
      }

      @Override
      public void onNext(WorkflowEvent item) {
      }

      @Override
      public void onError(Throwable t) {
        error.set(t);
        done.countDown();
      }

      @Override
      public void onComplete() {
        done.countDown();
      }
    });
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(error.get()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");
  }
}
