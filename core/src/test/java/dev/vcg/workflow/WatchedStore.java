package dev.vcg.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A store that keeps every saved document, so tests can wait for (and inspect) checkpoints. */
final class WatchedStore implements ContextStore {
  final ContextStore delegate;
  private final List<String> saved = new ArrayList<>();

  WatchedStore(ContextStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public void save(String runId, String document) {
    delegate.save(runId, document);
    synchronized (this) {
      saved.add(document);
      notifyAll();
    }
  }

  @Override
  public Optional<String> load(String runId) {
    return delegate.load(runId);
  }

  @Override
  public boolean delete(String runId) {
    return delegate.delete(runId);
  }

  @Override
  public Set<String> runIds() {
    return delegate.runIds();
  }

  synchronized List<String> saved() {
    return List.copyOf(saved);
  }

  /** Waits (up to 10 s) for a saved document that matches. */
  synchronized String await(Predicate<String> match) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      for (String s : saved) {
        if (match.test(s)) {
          return s;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no matching checkpoint among " + saved.size());
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }
}
