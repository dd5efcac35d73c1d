package dev.vcg.examples.server;

import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event streams open now, so a stopping server can end each of them with a last
 * {@code closed} event instead of leaving clients hanging. Thread-safe.
 */
final class EventStreams {
  /** Put into a stream's queue to end it because the server stops. */
  static final Object STOP = new Object();

  private final Set<BlockingQueue<Object>> queues = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  /**
   * @param queue a stream's queue
   * @return false if the server is stopping (the stream must not start)
   */
  boolean open(BlockingQueue<Object> queue) {
    queues.add(queue);
    if (stopping) {
      queues.remove(queue);
      return false;
    }
    return true;
  }

  void close(BlockingQueue<Object> queue) {
    queues.remove(queue);
  }

  /** Ends every open stream. */
  void stopAll() {
    stopping = true;
    queues.forEach(q -> q.add(STOP));
  }

  int size() {
    return queues.size();
  }
}
