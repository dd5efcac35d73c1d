package dev.vcg.workflow;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/** Engines with manual time and a caller-runs step executor, so tests never wait for timing. */
abstract class EngineTestSupport {
  static final Executor DIRECT = Runnable::run;
  final ManualTime time = new ManualTime();
  final ExecutorService events = Executors.newCachedThreadPool();
  final ExecutorService pool = Executors.newFixedThreadPool(4);

  WorkflowEngine.Builder engineBuilder() {
    return WorkflowEngine.builder().executor(DIRECT).eventExecutor(events).scheduler(time).clock(time.clock());
  }

  WorkflowEngine engine() {
    return engineBuilder().build();
  }

  @AfterEach
  void stopThreads() throws InterruptedException {
    pool.shutdownNow();
    events.shutdown();
    events.awaitTermination(5, TimeUnit.SECONDS);
  }

  static RunOutcome await(WorkflowRun run) throws Exception {
    return run.result().get(10, TimeUnit.SECONDS);
  }
}
