package dev.vcg.services.web.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The deadline of one fetch. Socket reads are bounded by it (their timeout is set from the time
 * left), and a watchdog closes the socket when it passes, so that no phase — connect, TLS
 * handshake, headers or a trickling body — can outlive it. Not API.
 */
public final class Deadline implements Closeable {
  private static final class Holder {
    static final ScheduledExecutorService WATCHDOG = create();

    private static ScheduledExecutorService create() {
      ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "vcg-fetch-watchdog");
        t.setDaemon(true);
        return t;
      });
      e.setRemoveOnCancelPolicy(true);
      return e;
    }
  }

  private final long deadlineNanos;
  private final ScheduledExecutorService scheduler;
  private final AtomicBoolean expired = new AtomicBoolean();
  private volatile Socket socket;
  private ScheduledFuture<?> task;

  /**
   * @param timeoutNanos time from now
   * @param scheduler the watchdog's scheduler, or null for the library's daemon timer thread
   */
  public Deadline(long timeoutNanos, ScheduledExecutorService scheduler) {
    this.deadlineNanos = System.nanoTime() + timeoutNanos;
    this.scheduler = scheduler == null ? Holder.WATCHDOG : scheduler;
  }

  /** @return nanoseconds left, at most 0 once passed */
  public long remainingNanos() {
    return Math.max(0, deadlineNanos - System.nanoTime());
  }

  /**
   * @param capMillis an upper bound
   * @return milliseconds left, at least 1, at most {@code capMillis}
   * @throws DeadlineExceededException if the deadline has passed
   */
  public int timeoutMillis(long capMillis) throws DeadlineExceededException {
    long left = remainingNanos();
    if (left <= 0 || expired.get()) {
      throw new DeadlineExceededException();
    }
    return (int) Math.max(1, Math.min(capMillis, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left))));
  }

  /** @return whether the deadline has passed */
  public boolean expired() {
    // Socket timeouts are set in whole milliseconds: a timeout that ends within a few
    // milliseconds of the deadline is the deadline.
    return expired.get() || remainingNanos() < TimeUnit.MILLISECONDS.toNanos(5);
  }

  /**
   * Watches a socket: it is closed when the deadline passes.
   *
   * @param s the socket of the current hop
   */
  public synchronized void watch(Socket s) {
    this.socket = s;
    if (task == null) {
      task = scheduler.schedule(this::expire, Math.max(1, remainingNanos()), TimeUnit.NANOSECONDS);
    }
  }

  private void expire() {
    expired.set(true);
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing is all we can do
      }
    }
  }

  /** Stops watching. */
  @Override
  public synchronized void close() {
    if (task != null) {
      task.cancel(false);
    }
    socket = null;
  }
}
