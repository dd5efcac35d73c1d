package dev.vcg.workflows.generation;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Bounds how many calls run at once against each provider instance, so a plan of forty frames
 * does not open forty connections to one image provider. Thread-safe.
 */
final class Limiter {
  private final int permits;
  private final Map<Object, Semaphore> semaphores = new ConcurrentHashMap<>();

  Limiter(int permits) {
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be at least 1: " + permits);
    }
    this.permits = permits;
  }

  int permits() {
    return permits;
  }

  /**
   * Runs {@code call} once a slot for {@code provider} is free.
   *
   * @throws InterruptedException if interrupted while waiting (the run was cancelled)
   */
  <T> T run(Object provider, Call<T> call) throws InterruptedException {
    Semaphore s = semaphores.computeIfAbsent(new Identity(provider), k -> new Semaphore(permits, true));
    s.acquire();
    try {
      return call.call();
    } finally {
      s.release();
    }
  }

  /** A call made under the limit. */
  @FunctionalInterface
  interface Call<T> {
    T call();
  }

  /** Keys providers by identity: two equal-looking instances may hold different keys. */
  private static final class Identity {
    private final Object o;

    Identity(Object o) {
      this.o = Objects.requireNonNull(o, "provider");
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Identity i && i.o == o;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(o);
    }
  }
}
