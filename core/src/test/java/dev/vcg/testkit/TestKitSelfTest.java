package dev.vcg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.workflow.Key;
import dev.vcg.workflow.RunStatus;
import dev.vcg.workflow.Step;
import dev.vcg.workflow.Workflow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The kit's helpers do what the contracts rely on. */
class TestKitSelfTest {
  @Test
  void capturedLogsRecordEveryLevelWithStackTraces() {
    CapturedLogs.clear();
    LoggerFactory.getLogger("kit.test").trace("value {} and {}", 1, "two");
    LoggerFactory.getLogger("kit.test").warn("failed", new IllegalStateException("inner secret-ish"));

    assertThat(CapturedLogs.active()).isTrue();
    assertThat(CapturedLogs.events("kit.test")).hasSize(2);
    assertThat(CapturedLogs.text()).contains("value 1 and two").contains("IllegalStateException: inner secret-ish")
        .contains("at dev.vcg.testkit.TestKitSelfTest");
    CapturedLogs.clear();
    assertThat(CapturedLogs.events()).isEmpty();
  }

  @Test
  void canaryFindsTheKeyInMessagesCausesAndSuppressed() {
    Canary canary = Canary.create();
    RuntimeException cause = new RuntimeException("key " + canary.value());
    RuntimeException outer = new RuntimeException("outer", cause);
    RuntimeException suppressing = new RuntimeException("clean");
    suppressing.addSuppressed(new RuntimeException("…" + canary.value().substring(canary.value().length() - 12)));

    assertThat(canary.value()).startsWith("sk-CANARY-").hasSize(42);
    assertThatThrownBy(() -> canary.assertAbsent(outer)).isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> canary.assertAbsent(suppressing)).isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> canary.assertAbsent("x", canary.key().reveal())).isInstanceOf(AssertionError.class);
    canary.assertAbsent("clean", new RuntimeException("fine"), canary.key(), canary);
  }

  @Test
  void loopbackTrapCountsConnections() throws Exception {
    try (LoopbackTrap trap = LoopbackTrap.open()) {
      assertThat(trap.connections()).isZero();
      try (Socket s = new Socket(trap.url().getHost(), trap.url().getPort())) {
        assertThat(trap.connections()).isEqualTo(1);
      }
    }
  }

  @Test
  void recordingSleeperAndClock() {
    MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    RecordingSleeper sleeper = new RecordingSleeper(clock);
    sleeper.sleep(Duration.ofMillis(250));
    sleeper.sleep(Duration.ofSeconds(2));

    assertThat(sleeper.delaysMillis()).containsExactly(250L, 2000L);
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:02.250Z"));
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fixturesComeFromTheTestClassPath() {
    assertThat(Fixtures.text("META-INF/services/org.slf4j.spi.SLF4JServiceProvider"))
        .contains(CapturingSlf4jProvider.class.getName());
    assertThatThrownBy(() -> Fixtures.text("fixtures/none.json")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("src/test/resources/fixtures/none.json");
    assertThat(TestImages.png1x1()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
  }

  @Test
  void workflowCanaryFindsTheKeyInEventsAndCheckpoints(@TempDir Path events, @TempDir Path stored) {
    Canary canary = Canary.create();
    try (WorkflowCanary runs = new WorkflowCanary(events)) {
      assertThat(runs.run(Workflow.builder("leaks-in-failure").step(Step.of("call", ctx -> {
        throw new IllegalStateException("refused " + canary.value());
      })).build()).status()).isEqualTo(RunStatus.FAILED);
      assertThatThrownBy(() -> runs.assertAbsent(canary)).isInstanceOf(AssertionError.class);
    }
    try (WorkflowCanary runs = new WorkflowCanary(stored)) {
      Key<String> echo = Key.of("echo", String.class);
      assertThat(runs.run(Workflow.builder("leaks-in-result").step(Step.of(echo, ctx -> "key " + canary.value()))
          .build()).status()).isEqualTo(RunStatus.COMPLETED);
      assertThat(runs.storedDocuments()).anySatisfy(d -> assertThat(d).contains(canary.value()));
      assertThatThrownBy(() -> runs.assertAbsent(canary)).isInstanceOf(AssertionError.class);
    }
  }
}
