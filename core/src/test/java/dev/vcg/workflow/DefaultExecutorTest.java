package dev.vcg.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DefaultExecutorTest {
  @Test
  void virtualThreadsAreUsedExactlyWhenTheJvmHasThem() throws Exception {
    ExecutorService vt = WorkflowEngine.virtualThreadExecutor();
    if (Runtime.version().feature() >= 21) {
      assertThat(vt).isNotNull();
      CompletableFuture<Boolean> virtual = new CompletableFuture<>();
      vt.execute(() -> virtual.complete(isVirtual(Thread.currentThread())));
      assertThat(virtual.get(5, TimeUnit.SECONDS)).isTrue();
      vt.shutdown();
    } else {
      assertThat(vt).isNull();
    }
  }

  @Test
  void defaultEngineRunsStepsOnItsOwnThreads_andCloseStopsThem() throws Exception {
    CompletableFuture<Thread> ran = new CompletableFuture<>();
    try (WorkflowEngine engine = WorkflowEngine.builder().maxThreads(2).build()) {
      Workflow wf = Workflow.builder("where").step(Step.of("t", ctx -> ran.complete(Thread.currentThread()))).build();
      assertThat(engine.start(wf, null).result().get(10, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.COMPLETED);
      Thread t = ran.get();
      if (Runtime.version().feature() >= 21) {
        assertThat(isVirtual(t)).isTrue();
        assertThat(engine.toString()).contains("virtual threads");
      } else {
        assertThat(t.getName()).startsWith("vcg-workflow-");
        assertThat(t.isDaemon()).isTrue();
        assertThat(engine.toString()).contains("pool of 2 platform threads");
      }
    }
  }

  @Test
  void withDefaults_aBlockedListenerCannotTakeTheStepsThread() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    WorkflowListener blocked = new WorkflowListener() {
      @Override
      public void onEvent(WorkflowEvent event) {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    try (WorkflowEngine engine = WorkflowEngine.builder().maxThreads(1).listener(blocked).build()) {
      Workflow wf = Workflow.builder("busy")
          .step(Step.of("a", ctx -> 1))
          .step(Step.of("b", ctx -> 2).dependsOn("a"))
          .step(Step.of("c", ctx -> 3).dependsOn("b"))
          .build();
      RunOutcome first = engine.start(wf, null).result().get(10, TimeUnit.SECONDS);
      RunOutcome second = engine.start(wf, null).result().get(10, TimeUnit.SECONDS);
      assertThat(first.status()).isEqualTo(RunStatus.COMPLETED);
      assertThat(second.status()).isEqualTo(RunStatus.COMPLETED);
    } finally {
      release.countDown();
    }
  }

  private static boolean isVirtual(Thread t) {
    try {
      return (boolean) Thread.class.getMethod("isVirtual").invoke(t);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
