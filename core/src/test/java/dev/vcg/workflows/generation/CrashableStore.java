package dev.vcg.workflows.generation;

import dev.vcg.workflow.ContextStore;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

/**
 * A store that "dies" with its process: once crashed (by a trigger on a saved document, or by the
 * test), saves are dropped, so what is on disk is exactly what a crashed process left behind.
 */
final class CrashableStore implements ContextStore {
  private final ContextStore disk;
  private volatile boolean crashed;
  private volatile Predicate<String> trigger = d -> false;
  final CountDownLatch down = new CountDownLatch(1);

  CrashableStore(ContextStore disk) {
    this.disk = disk;
  }

  /** Crashes right after the first saved document that matches. */
  void crashAfterSaving(Predicate<String> documentMatches) {
    this.trigger = documentMatches;
  }

  void crash() {
    crashed = true;
    down.countDown();
  }

  @Override
  public synchronized void save(String runId, String document) {
    if (crashed) {
      return;
    }
    disk.save(runId, document);
    if (trigger.test(document)) {
      crash();
    }
  }

  @Override
  public Optional<String> load(String runId) {
    return disk.load(runId);
  }

  @Override
  public boolean delete(String runId) {
    return disk.delete(runId);
  }

  @Override
  public Set<String> runIds() {
    return disk.runIds();
  }
}
