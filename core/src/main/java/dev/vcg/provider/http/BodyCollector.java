package dev.vcg.provider.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a response body into memory or a file, enforcing a size limit, and records when the
 * last bytes arrived so the waiting side can enforce a stall deadline. {@link #abort} cancels
 * the subscription, which closes the connection, so a stalled or oversized body never keeps a
 * thread or a socket. Every collector is finished exactly once (complete, failed or aborted).
 */
final class BodyCollector implements HttpResponse.BodySubscriber<Void> {
  /** Bodies being read right now, across all clients (a leak counter for tests). */
  static final AtomicInteger OPEN = new AtomicInteger();

  /** The body was larger than allowed. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
    final long limit;

    TooLargeException(long limit) {
      super("response body exceeds " + limit + " bytes");
      this.limit = limit;
    }
  }

  private interface Sink {
    void write(ByteBuffer buffer) throws IOException;

    void close() throws IOException;
  }

  private final Sink sink;
  private final long limit;
  private final boolean truncate;
  private final ByteArrayOutputStream memory;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile Flow.Subscription subscription;
  private volatile long lastActivityNanos = System.nanoTime();
  private long received;
  private boolean truncated;

  private BodyCollector(Sink sink, ByteArrayOutputStream memory, long limit, boolean truncate) {
    this.sink = sink;
    this.memory = memory;
    this.limit = limit;
    this.truncate = truncate;
    OPEN.incrementAndGet();
  }

  /**
   * @param limit the most bytes kept
   * @param truncate true to keep the first {@code limit} bytes and stop reading, false to fail
   */
  static BodyCollector inMemory(long limit, boolean truncate) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Sink sink = new Sink() {
      @Override
      public void write(ByteBuffer buffer) {
        if (buffer.hasArray()) {
          out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
          buffer.position(buffer.limit());
        } else {
          byte[] bytes = new byte[buffer.remaining()];
          buffer.get(bytes);
          out.write(bytes, 0, bytes.length);
        }
      }

      @Override
      public void close() {
      }
    };
    return new BodyCollector(sink, out, limit, truncate);
  }

  static BodyCollector toFile(Path file, long limit) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
    Sink sink = new Sink() {
      @Override
      public void write(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
    return new BodyCollector(sink, null, limit, false);
  }

  /** Fails at once if the announced length is already over a failing limit. */
  void checkAnnouncedLength(long contentLength) {
    if (!truncate && contentLength > limit) {
      abort(new TooLargeException(limit));
    }
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    this.subscription = s;
    lastActivityNanos = System.nanoTime();
    if (finished.get()) {
      s.cancel();
      return;
    }
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    lastActivityNanos = System.nanoTime();
    if (finished.get()) {
      return;
    }
    try {
      for (ByteBuffer b : buffers) {
        long n = b.remaining();
        if (received + n > limit) {
          if (!truncate) {
            abort(new TooLargeException(limit));
            return;
          }
          int keep = (int) (limit - received);
          ByteBuffer head = b.duplicate();
          head.limit(head.position() + keep);
          sink.write(head);
          received = limit;
          truncated = true;
          subscription.cancel();
          finish(null);
          return;
        }
        received += n;
        sink.write(b);
      }
    } catch (IOException | RuntimeException e) {
      abort(e);
      return;
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable t) {
    finish(t);
  }

  @Override
  public void onComplete() {
    finish(null);
  }

  @Override
  public CompletionStage<Void> getBody() {
    return done;
  }

  /** Stops reading: cancels the subscription (closing the connection) and fails the body. */
  void abort(Throwable reason) {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    finish(reason);
  }

  long lastActivityNanos() {
    return lastActivityNanos;
  }

  long received() {
    return received;
  }

  boolean truncated() {
    return truncated;
  }

  /** @return the bytes read into memory (only for in-memory collectors) */
  byte[] bytes() {
    return memory == null ? null : memory.toByteArray();
  }

  private void finish(Throwable failure) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    OPEN.decrementAndGet();
    try {
      sink.close();
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      }
    }
    if (failure == null) {
      done.complete(null);
    } else {
      done.completeExceptionally(failure);
    }
  }
}
