package dev.vcg.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vcg.internal.Json;
import dev.vcg.workflow.ContextStore;
import dev.vcg.workflow.RunOutcome;
import dev.vcg.workflow.RunOptions;
import dev.vcg.workflow.Scheduler;
import dev.vcg.workflow.Workflow;
import dev.vcg.workflow.WorkflowEngine;
import dev.vcg.workflow.WorkflowEvent;
import dev.vcg.workflow.WorkflowListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs provider calls inside real workflows, so a canary key can be searched for where a workflow
 * puts what a provider returned or threw: its {@link WorkflowEvent}s (as text and as JSON), its
 * {@link RunOutcome} and failure, and the checkpoint files of a file-backed {@link ContextStore}.
 * Job steps are polled at once, whatever delay they ask for, so tests do not wait.
 *
 * <pre>{@code
 * try (WorkflowCanary runs = new WorkflowCanary(tempDir)) {
 *   runs.run(Workflow.builder("ok").step(Step.video(CLIP, provider, ctx -> request)).build());
 *   runs.run(Workflow.builder("fails").step(Step.of("image", ctx -> failing.generate(request))).build());
 *   runs.assertAbsent(canary);
 * }
 * }</pre>
 *
 * <p>Not thread-safe; one per test.
 */
public final class WorkflowCanary implements AutoCloseable {
  private final Path storeDirectory;
  private final ExecutorService pool = Executors.newFixedThreadPool(2, daemon("canary-step"));
  private final ExecutorService events = Executors.newSingleThreadExecutor(daemon("canary-events"));
  private final WorkflowEngine engine;
  private final List<WorkflowEvent> seen = new CopyOnWriteArrayList<>();
  private final List<RunOutcome> outcomes = new ArrayList<>();

  /**
   * @param storeDirectory an empty directory for the runs' checkpoint files
   */
  public WorkflowCanary(Path storeDirectory) {
    this.storeDirectory = Objects.requireNonNull(storeDirectory, "storeDirectory");
    Scheduler immediate = (task, delay) -> {
      CompletableFuture<Void> f = CompletableFuture.runAsync(task, pool);
      return () -> f.cancel(false);
    };
    this.engine = WorkflowEngine.builder().executor(pool).eventExecutor(events).scheduler(immediate)
        .store(ContextStore.directory(storeDirectory)).build();
  }

  /**
   * Runs a workflow to its end and keeps its events and outcome.
   *
   * @param workflow the workflow; its steps call the provider under test
   * @return the outcome, completed or failed
   */
  public RunOutcome run(Workflow workflow) {
    CountDownLatch terminal = new CountDownLatch(1);
    WorkflowListener listener = new WorkflowListener() {
      @Override
      public void onEvent(WorkflowEvent event) {
        seen.add(event);
        if (event.isTerminal()) {
          terminal.countDown();
        }
      }
    };
    try {
      RunOutcome outcome = engine.start(workflow, null, RunOptions.builder().listener(listener).build())
          .result().get(60, TimeUnit.SECONDS);
      assertThat(terminal.await(30, TimeUnit.SECONDS)).as("the run's terminal event arrived").isTrue();
      outcomes.add(outcome);
      return outcome;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + workflow.name(), e);
    } catch (Exception e) {
      throw new AssertionError("workflow " + workflow.name() + " did not end", e);
    }
  }

  /** @return the events of all runs so far, in the order received */
  public List<WorkflowEvent> events() {
    return List.copyOf(seen);
  }

  /** @return the outcomes of all runs so far */
  public List<RunOutcome> outcomes() {
    return List.copyOf(outcomes);
  }

  /** @return the text of every checkpoint file written so far */
  public List<String> storedDocuments() {
    try (Stream<Path> files = Files.walk(storeDirectory)) {
      List<String> docs = new ArrayList<>();
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        docs.add(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
      }
      return docs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asserts the canary shows in none of the events (text and JSON), outcomes, failures (with stack
   * traces) and checkpoint files, and that there was something to search.
   *
   * @param canary the key the providers were configured with
   */
  public void assertAbsent(Canary canary) {
    assertThat(seen).as("events of the runs").isNotEmpty();
    List<String> docs = storedDocuments();
    assertThat(docs).as("checkpoint files of the runs").isNotEmpty();
    for (WorkflowEvent e : seen) {
      canary.assertAbsent(e, json(e));
    }
    for (RunOutcome o : outcomes) {
      canary.assertAbsent(o, o.failure().orElse(null));
    }
    for (String doc : docs) {
      canary.assertAbsent(doc);
    }
  }

  private static String json(Object o) {
    try {
      return Json.mapper().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new AssertionError("event not serialisable: " + o.getClass().getName(), e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    engine.close();
    pool.shutdownNow();
    events.shutdownNow();
  }
}
