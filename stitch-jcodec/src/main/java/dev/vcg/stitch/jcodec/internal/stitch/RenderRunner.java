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
    int n = a.count();
    try (ClipDecoder da = new ClipDecoder(a.clip);
         FrameEncoder enc = new FrameEncoder(width, height, settings.qp(), keyInterval, a.timescale, file)) {
      Source sa = new Source(da, a, width, height);
      Yuv work = Yuv.allocate(width, height);
      int first = task.to() > task.from() ? task.from() : n - task.overlap();
      sa.start(first);
      for (int k = task.from(); k < task.to(); k++) {
        checkInterrupt();
        Yuv f = sa.frame(k);
        Yuv out = f;
        if (k < task.fadeIn()) {
          work.fade(f, task.fadeInColor(), 128, 128, 1 - (double) k / task.fadeIn());
          out = work;
        } else if (k >= n - task.fadeOut()) {
          work.fade(f, task.fadeOutColor(), 128, 128, (double) (k - (n - task.fadeOut()) + 1) / task.fadeOut());
          out = work;
        }
        enc.encode(out, a.duration(k));
        done.accept(1);
      }
      if (task.overlap() > 0) {
        try (ClipDecoder db = new ClipDecoder(b.clip)) {
          Source sb = new Source(db, b, width, height);
          sb.start(0);
          int m = task.overlap();
          for (int j = 0; j < m; j++) {
            checkInterrupt();
            int k = n - m + j;
            Yuv fa = sa.frame(k);
            Yuv fb = sb.frame(j);
            double t = (double) (j + 1) / (m + 1);
            if (task.blend() == TransitionType.CROSSFADE) {
              work.blend(fa, fb, t);
            } else {
              work.wipe(fa, fb, t, task.blend() == TransitionType.WIPE_LEFT);
            }
            enc.encode(work, a.duration(k));
            done.accept(1);
          }
          sb.close();
        }
      }
      sa.close();
      return enc.finish();
    }
  }

  private static void checkInterrupt() throws InterruptedIOException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("interrupted");
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
