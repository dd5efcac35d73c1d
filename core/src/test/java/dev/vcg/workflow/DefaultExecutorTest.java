package dev.vcg.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
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

  private static boolean isVirtual(Thread t) {
    try {
      return (boolean) Thread.class.getMethod("isVirtual").invoke(t);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
