package dev.vcg.stitch.jcodec.internal.stitch;

import dev.vcg.direction.TransitionType;
import dev.vcg.stitch.jcodec.internal.clip.ClipDecoder;
import dev.vcg.stitch.jcodec.internal.clip.Scaler;
import dev.vcg.stitch.jcodec.internal.clip.Yuv;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.function.IntConsumer;

/** Runs one {@link RenderTask}: decode, scale, fade or blend, encode. */
final class RenderRunner {
  private final int width;
  private final int height;
  private final EncoderSettings settings;
  private final double fps;

  RenderRunner(int width, int height, EncoderSettings settings, double fps) {
    this.width = width;
    this.height = height;
    this.settings = settings;
    this.fps = fps;
  }

  /**
   * Renders a task. Decoding, fading and blending run on a thread of their own, a few frames
   * ahead of the encoder on the calling thread, so one task keeps two cores busy.
   *
   * @param task what to render
   * @param a the clip's output frames
   * @param b the next clip's output frames, when the task blends into it
   * @param file the temporary file for the samples
   * @param done called with the number of frames finished, after each frame
   * @return the encoded piece
   * @throws IOException if writing fails, {@link InterruptedIOException} when interrupted
   */
  EncodedPiece run(RenderTask task, Slots a, Slots b, Path file, IntConsumer done) throws IOException {
    int keyInterval = (int) Math.max(1, Math.round(settings.keyIntervalSeconds() * fps));
    try (FrameEncoder enc = new FrameEncoder(width, height, settings.qp(), keyInterval, a.timescale, file)) {
      FramePipe pipe = new FramePipe(width, height, PIPE_DEPTH);
      Thread producer = new Thread(() -> pipe.produce(() -> frames(task, a, b, pipe)), "vcg-stitch-decode");
      producer.setDaemon(true);
      producer.start();
      try {
        for (FramePipe.Item item = pipe.take(); item != null; item = pipe.take()) {
          enc.encode(item.frame(), item.duration());
          pipe.recycle(item.frame());
          done.accept(1);
        }
      } finally {
        producer.interrupt();
        joinUninterruptibly(producer);
      }
      return enc.finish();
    }
  }

  /** Frames decoded ahead of the encoder; each is a picture of the output size. */
  private static final int PIPE_DEPTH = 3;

  /** Decodes, fades and blends the task's frames into the pipe, in output order. */
  private void frames(RenderTask task, Slots a, Slots b, FramePipe pipe) throws InterruptedException {
    int n = a.count();
    try (ClipDecoder da = new ClipDecoder(a.clip)) {
      Source sa = new Source(da, a, width, height);
      int first = task.to() > task.from() ? task.from() : n - task.overlap();
      sa.start(first);
      for (int k = task.from(); k < task.to(); k++) {
        Yuv f = sa.frame(k);
        Yuv out = pipe.acquire();
        if (k < task.fadeIn()) {
          out.fade(f, task.fadeInColor(), 128, 128, 1 - (double) k / task.fadeIn());
        } else if (k >= n - task.fadeOut()) {
          out.fade(f, task.fadeOutColor(), 128, 128, (double) (k - (n - task.fadeOut()) + 1) / task.fadeOut());
        } else {
          out.copyFrom(f);
          out.padEdges();
        }
        pipe.put(out, a.duration(k));
      }
      if (task.overlap() > 0) {
        try (ClipDecoder db = new ClipDecoder(b.clip)) {
          Source sb = new Source(db, b, width, height);
          sb.start(0);
          int m = task.overlap();
          for (int j = 0; j < m; j++) {
            int k = n - m + j;
            Yuv fa = sa.frame(k);
            Yuv fb = sb.frame(j);
            double t = (double) (j + 1) / (m + 1);
            Yuv out = pipe.acquire();
            if (task.blend() == TransitionType.CROSSFADE) {
              out.blend(fa, fb, t);
            } else {
              out.wipe(fa, fb, t, task.blend() == TransitionType.WIPE_LEFT);
            }
            pipe.put(out, a.duration(k));
          }
          sb.close();
        }
      }
      sa.close();
    }
  }

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** A clip's output frames at the output size, decoded in order; repeated frames are reused. */
  private static final class Source {
    private final ClipDecoder decoder;
    private final Slots slots;
    private final Scaler scaler;
    private Yuv current;
    private Yuv scaled;
    private int currentDisplay = -1;

    Source(ClipDecoder decoder, Slots slots, int width, int height) {
      this.decoder = decoder;
      this.slots = slots;
      int w = slots.clip.width();
      int h = slots.clip.height();
      this.scaler = w == width && h == height ? null : new Scaler(w, h, width, height);
    }

    void start(int slot) {
      int display = slots.display(Math.min(slot, slots.count() - 1));
      decoder.seek(display);
      currentDisplay = display - 1;
    }

    Yuv frame(int slot) {
      int display = slots.display(slot);
      while (currentDisplay < display) {
        decoder.release(current);
        current = decoder.next();
        if (current == null) {
          throw new IllegalStateException("frame " + display + " is past the end of " + slots.clip.file);
        }
        currentDisplay++;
        scaled = null;
      }
      if (scaler == null) {
        return current;
      }
      if (scaled == null) {
        scaled = scaler.scale(current);
        scaled.padEdges();
      }
      return scaled;
    }

    void close() {
      decoder.release(current);
      current = null;
    }
  }
}
