package dev.vcg.stitch.jcodec.internal.stitch;

import dev.vcg.media.MediaException;
import dev.vcg.stitch.jcodec.internal.clip.Yuv;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands frames from a producing thread to a consuming one through a fixed set of pictures: the
 * producer fills a free picture and puts it, the consumer takes it and recycles it when done, so
 * memory is {@code depth} pictures whatever the length. The producer's failure, or the end of the
 * frames, reaches the consumer in order.
 */
final class FramePipe {
  /** A frame and how long it is shown, in media units. */
  record Item(Yuv frame, long duration) {
  }

  /** Work that produces frames into this pipe. */
  interface Producer {
    void run() throws InterruptedException, IOException;
  }

  private static final Object END = new Object();

  private final BlockingQueue<Yuv> free;
  private final BlockingQueue<Object> ready;

  /**
   * @param width picture width
   * @param height picture height
   * @param depth pictures in flight at most
   */
  FramePipe(int width, int height, int depth) {
    this.free = new ArrayBlockingQueue<>(depth);
    this.ready = new ArrayBlockingQueue<>(depth + 1);
    for (int i = 0; i < depth; i++) {
      free.add(Yuv.allocate(width, height));
    }
  }

  /**
   * Runs the producer on the calling thread and then signals the end, or its failure.
   *
   * @param producer fills the pipe with {@link #acquire()} and {@link #put}
   */
  void produce(Producer producer) {
    Object last = END;
    try {
      producer.run();
    } catch (InterruptedException e) {
      // The consumer stopped; it no longer reads.
      return;
    } catch (Throwable e) {
      last = e;
    }
    // Never blocks: at most depth frames are queued, and the queue holds depth + 1.
    ready.offer(last);
  }

  /**
   * @return a free picture to fill
   * @throws InterruptedException if interrupted while all pictures are in use
   */
  Yuv acquire() throws InterruptedException {
    return free.take();
  }

  /**
   * Queues a filled picture.
   *
   * @param frame a picture from {@link #acquire()}
   * @param duration how long it is shown
   * @throws InterruptedException if interrupted
   */
  void put(Yuv frame, long duration) throws InterruptedException {
    ready.put(new Item(frame, duration));
  }

  /**
   * The next frame, in the order put.
   *
   * @return the frame, or null after the last
   * @throws IOException the producer's I/O failure, or {@link InterruptedIOException} when interrupted
   */
  Item take() throws IOException {
    Object o;
    try {
      o = ready.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
    if (o == END) {
      return null;
    }
    if (o instanceof Item item) {
      return item;
    }
    Throwable t = (Throwable) o;
    rethrowIo(t);
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error err) {
      throw err;
    }
    throw new IOException(t);
  }

  /**
   * Rethrows a failure that is a media or I/O error as itself (an unchecked I/O error as its
   * cause); returns for anything else.
   *
   * @param t the failure
   * @throws IOException when it is an I/O error
   */
  static void rethrowIo(Throwable t) throws IOException {
    if (t instanceof MediaException m) {
      throw m;
    }
    if (t instanceof IOException io) {
      throw io;
    }
    if (t instanceof UncheckedIOException u) {
      throw u.getCause();
    }
  }

  /**
   * Gives a picture back once the consumer is done with it.
   *
   * @param frame a picture from {@link #take()}
   */
  void recycle(Yuv frame) {
    free.offer(frame);
  }
}
