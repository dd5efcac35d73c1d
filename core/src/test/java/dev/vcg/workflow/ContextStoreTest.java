package dev.vcg.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcg.internal.Json;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.ProviderError;
import dev.vcg.provider.ServerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContextStoreTest extends EngineTestSupport {
  @TempDir
  Path dir;

  @Test
  void fileStore_replacesDocumentsAtomically_andLeavesNoTemporaryFiles() throws IOException {
    ContextStore store = ContextStore.directory(dir.resolve("runs"));
    store.save("r1", "{\"v\":1}");
    store.save("r1", "{\"v\":2}");
    store.save("r2", "{\"v\":3}");
    assertThat(store.load("r1")).contains("{\"v\":2}");
    assertThat(store.runIds()).containsExactlyInAnyOrder("r1", "r2");
    try (Stream<Path> files = Files.list(dir.resolve("runs"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("r1.json", "r2.json");
    }
    assertThat(store.delete("r1")).isTrue();
    assertThat(store.delete("r1")).isFalse();
    assertThat(store.load("r1")).isEmpty();
    assertThatThrownBy(() -> store.save("../evil", "{}")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fileStore_failsToSaveWithATypedRecoverableError() throws IOException {
    Path runs = dir.resolve("runs");
    ContextStore store = ContextStore.directory(runs);
    // a directory where the file should be makes the rename fail
    Files.createDirectories(runs.resolve("blocked.json"));
    Files.writeString(runs.resolve("blocked.json").resolve("keep"), "x");
    assertThatThrownBy(() -> store.save("blocked", "{}"))
        .isInstanceOf(WorkflowException.class)
        .hasMessageContaining("cannot save run blocked")
        .satisfies(e -> assertThat(((WorkflowException) e).stage()).isEqualTo(WorkflowException.Stage.CHECKPOINT));
    try (Stream<Path> files = Files.list(runs)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("blocked.json");
    }
  }

  record Input(String prompt, ApiKey key) {
  }

  record Secretive(String label, ApiKey key) {
  }

  @Test
  void apiKeysPassingThroughARun_areNeverWrittenToTheStore() throws Exception {
    String canary = "sk-canary-" + "7f3a9c1e5b2d4f6a8c0e";
    ApiKey key = ApiKey.of(canary);
    ContextStore store = ContextStore.directory(dir);
    List<String> seenInSteps = new CopyOnWriteArrayList<>();
    Workflow wf = Workflow.builder("secret")
        .step(Step.of(Key.of("use", Secretive.class), ctx -> {
          ApiKey k = ctx.input(Input.class).key();
          seenInSteps.add(k.reveal());
          ctx.context().putMetadata("key", k.toString());
          ctx.decide("use key " + k, "the user brought it");
          return new Secretive("with key", k);
        }))
        .step(Step.of(Key.of("fail", String.class), ctx -> {
          throw new IllegalStateException("refused key " + ctx.require(Key.of("use", Secretive.class)).key());
        }).optional().dependsOn("use"))
        .build();
    Recorder rec = new Recorder();
    WorkflowEngine engine = engineBuilder().store(store).build();
    RunOutcome out = await(engine.start(wf, new Input("a prompt", key), RunOptions.builder().listener(rec).build()));
    assertThat(out.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(seenInSteps).containsExactly(canary);
    // in memory the run keeps the live value
    assertThat(out.get(Key.of("use", Secretive.class)).orElseThrow().key()).isEqualTo(key);
    String file = Files.readString(dir.resolve(out.runId() + ".json"));
    assertThat(file).contains("a prompt", "with key", key.fingerprint()).doesNotContain(canary);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1)).doesNotContain(canary);
      }
    }
    rec.awaitTerminal();
    assertThat(rec.events.toString()).doesNotContain(canary);
    // read back after a restart, the key is simply absent
    JsonNode doc = Json.mapper().readTree(file);
    assertThat(doc.at("/input/key").isNull()).isTrue();
    assertThat(doc.at("/data/use/key").isNull()).isTrue();
  }

  @Test
  void crashMidRun_resumeFromTheLastCheckpoint_skipsCompletedSteps() throws Exception {
    Path live = dir.resolve("live");
    Path copy = dir.resolve("after-crash");
    ContextStore liveStore = ContextStore.directory(live);
    AtomicInteger aRuns = new AtomicInteger();
    AtomicInteger bRuns = new AtomicInteger();
    AtomicInteger cRuns = new AtomicInteger();
    CountDownLatch cStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Key<String> a = Key.of("a", String.class);
    Key<String> b = Key.of("b", String.class);
    Key<String> c = Key.of("c", String.class);
    Workflow wf = Workflow.builder("three")
        .step(Step.of(a, ctx -> "A" + aRuns.incrementAndGet()))
        .step(Step.of(b, ctx -> ctx.require(a) + "B" + bRuns.incrementAndGet()).dependsOn("a"))
        .step(Step.of(c, ctx -> {
          cRuns.incrementAndGet();
          cStarted.countDown();
          release.await(10, TimeUnit.SECONDS);
          return ctx.require(b) + "C";
        }).dependsOn("b"))
        .build();
    WorkflowEngine first = engineBuilder().executor(pool).store(liveStore).build();
    WorkflowRun run = first.start(wf, null);
    assertThat(cStarted.await(5, TimeUnit.SECONDS)).isTrue();
    // The process "dies" here: what survives is the file as it is now.
    Files.createDirectories(copy);
    Files.copy(live.resolve(run.id() + ".json"), copy.resolve(run.id() + ".json"));
    release.countDown();
    await(run);

    WorkflowEngine second = engineBuilder().store(ContextStore.directory(copy)).register(wf).build();
    assertThat(second.status(run.id())).contains(RunStatus.RUNNING);
    RunOutcome out = await(second.resume(run.id()));
    assertThat(out.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(out.get(c)).contains("A1B1C");
    assertThat(aRuns).hasValue(1);
    assertThat(bRuns).hasValue(1);
    assertThat(cRuns).as("the step that was running is run again").hasValue(2);
  }

  @Test
  void failedRun_resumedLater_runsOnlyWhatFailed() throws Exception {
    ContextStore store = ContextStore.directory(dir);
    AtomicInteger scrapes = new AtomicInteger();
    AtomicInteger fails = new AtomicInteger(1);
    Workflow wf = Workflow.builder("web")
        .step(Step.of(Key.of("scrape", String.class), ctx -> "page " + scrapes.incrementAndGet()))
        .step(Step.of(Key.of("brand", String.class), ctx -> {
          if (fails.getAndDecrement() > 0) {
            throw new ServerException(ProviderError.of("llm", "502 bad gateway"), null);
          }
          return "brand from " + ctx.require(Key.of("scrape", String.class));
        }).dependsOn("scrape"))
        .build();
    WorkflowEngine engine = engineBuilder().store(store).build();
    RunOutcome failed = await(engine.start(wf, null));
    assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
    assertThat(failed.failure().orElseThrow().isRecoverable()).isTrue();
    RunOutcome done = await(engine.resume(failed.runId()));
    assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(done.get(Key.of("brand", String.class))).contains("brand from page 1");
    assertThat(scrapes).hasValue(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{not json", "[]", "{\"format\":99}", "{\"format\":1,\"runId\":\"other\"}",
      "{\"format\":1,\"runId\":\"bad\",\"workflow\":\"three\",\"status\":\"NOPE\",\"startedAt\":\"x\"}", ""})
  void corruptEntry_givesATypedErrorForThatRunOnly(String content) throws Exception {
    ContextStore store = ContextStore.directory(dir);
    Workflow wf = Workflow.builder("three").step(Step.of("a", ctx -> ctx.answers().isPresent() ? 1
        : ctx.suspend(Suspension.of("?")))).build();
    WorkflowEngine engine = engineBuilder().store(store).register(wf).build();
    RunOutcome good = await(engine.start(wf, null));
    assertThat(good.status()).isEqualTo(RunStatus.SUSPENDED);
    Files.writeString(dir.resolve("bad.json"), content);

    assertThatThrownBy(() -> engine.resume("bad"))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining("run bad")
        .hasMessageContaining("Only this run is affected")
        .satisfies(e -> assertThat(((CorruptCheckpointException) e).runId()).isEqualTo("bad"));
    // the other run still loads and resumes
    assertThat(engine.status(good.runId())).contains(RunStatus.SUSPENDED);
    assertThat(await(engine.resume(good.runId(), Answers.of(java.util.Map.of("x", "y")))).status())
        .isEqualTo(RunStatus.COMPLETED);
  }

  @Test
  void unreadableBytes_giveATypedError() throws Exception {
    ContextStore store = ContextStore.directory(dir);
    Files.write(dir.resolve("bin.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    assertThatThrownBy(() -> store.load("bin")).isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining("not UTF-8");
    // a directory in place of the file cannot be read either
    Files.createDirectories(dir.resolve("dir.json"));
    assertThatThrownBy(() -> store.load("dir")).isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining("cannot be read");
  }

  @Test
  void checkpointFailure_failsTheRunRecoverably() throws Exception {
    AtomicInteger saves = new AtomicInteger();
    ContextStore flaky = new ContextStore() {
      final ContextStore inner = ContextStore.inMemory();

      @Override
      public void save(String runId, String document) {
        if (saves.incrementAndGet() == 2) {
          throw new WorkflowException("disk full", null, WorkflowException.Stage.CHECKPOINT, true, null);
        }
        inner.save(runId, document);
      }

      @Override
      public java.util.Optional<String> load(String runId) {
        return inner.load(runId);
      }

      @Override
      public boolean delete(String runId) {
        return inner.delete(runId);
      }

      @Override
      public java.util.Set<String> runIds() {
        return inner.runIds();
      }
    };
    AtomicInteger second = new AtomicInteger();
    Workflow wf = Workflow.builder("cp")
        .step(Step.of("a", ctx -> 1))
        .step(Step.of("b", ctx -> second.incrementAndGet()).dependsOn("a"))
        .build();
    RunOutcome out = await(engineBuilder().store(flaky).build().start(wf, null));
    assertThat(out.status()).isEqualTo(RunStatus.FAILED);
    assertThat(out.failure().orElseThrow().stage()).isEqualTo(WorkflowException.Stage.CHECKPOINT);
    assertThat(out.failure().orElseThrow().isRecoverable()).isTrue();
    assertThat(second).as("no step starts after a checkpoint failed").hasValue(0);
  }
}
