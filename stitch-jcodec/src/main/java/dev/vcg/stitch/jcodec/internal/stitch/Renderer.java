package dev.vcg.stitch.jcodec.internal.stitch;

import dev.vcg.media.MediaException;
import dev.vcg.media.MediaException.Reason;
import dev.vcg.stitch.jcodec.internal.clip.Clip;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleConsumer;

/**
 * Produces the pieces of a plan: copies as they are; rendered pieces through the encoder, in
 * parallel (each decodes its own clips, so they are independent).
 */
final class Renderer {
  private Renderer() {
  }

  static List<VideoPiece> render(Plan plan, List<Clip> clips, EncoderSettings settings, Executor executor,
                                 Path output, List<Path> tempFiles, DoubleConsumer progress)
      throws IOException {
    List<VideoPiece> pieces = new ArrayList<>();
    List<Integer> renderAt = new ArrayList<>();
    List<RenderTask> tasks = new ArrayList<>();
    for (Plan.PieceSpec spec : plan.pieces()) {
      if (spec instanceof Plan.Copy c) {
        pieces.add(new CopyPiece(clips.get(c.clip()), c.from(), c.to()));
      } else if (spec instanceof Plan.Render r) {
        renderAt.add(pieces.size());
        pieces.add(null);
        tasks.add(r.task());
      }
    }
    if (tasks.isEmpty()) {
      progress.accept(1.0);
      return pieces;
    }
    int total = Math.max(1, plan.framesToEncode());
    AtomicInteger done = new AtomicInteger();
    RenderRunner runner = new RenderRunner(plan.width(), plan.height(), settings, plan.fps());
    ExecutorService own = null;
    Executor exec = executor;
    if (exec == null) {
      int threads = Math.max(1, Math.min(tasks.size(), Runtime.getRuntime().availableProcessors()));
      own = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "vcg-stitch-render");
        t.setDaemon(true);
        return t;
      });
      exec = own;
    }
    CountDownLatch finished = new CountDownLatch(tasks.size());
    int[] submitted = {0};
    List<CompletableFuture<EncodedPiece>> futures = new ArrayList<>();
    List<Thread> workers = java.util.Collections.synchronizedList(new ArrayList<>());
    Path dir = output.toAbsolutePath().getParent();
    String prefix = "." + output.getFileName() + ".";
    try {
      List<Path> files = new ArrayList<>();
      for (int i = 0; i < tasks.size(); i++) {
        Path file = Files.createTempFile(dir, prefix, ".piece");
        synchronized (tempFiles) {
          tempFiles.add(file);
        }
        files.add(file);
      }
      for (int i = 0; i < tasks.size(); i++) {
        RenderTask task = tasks.get(i);
        Path file = files.get(i);
        CompletableFuture<EncodedPiece> f = new CompletableFuture<>();
        futures.add(f);
        submitted[0]++;
        exec.execute(() -> {
          workers.add(Thread.currentThread());
          try {
            if (f.isDone()) {
              return;
            }
            Slots a = plan.slots().get(task.clip());
            Slots b = task.next() >= 0 ? plan.slots().get(task.next()) : null;
            f.complete(runner.run(task, a, b, file, k -> progress.accept((double) done.addAndGet(k) / total)));
          } catch (Throwable e) {
            f.completeExceptionally(e);
          } finally {
            workers.remove(Thread.currentThread());
            Thread.interrupted();
            finished.countDown();
          }
        });
      }
      for (int i = 0; i < futures.size(); i++) {
        pieces.set(renderAt.get(i), futures.get(i).get());
      }
      return pieces;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      release(finished, tasks.size() - submitted[0]);
      stop(futures, workers, finished);
      throw new InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      release(finished, tasks.size() - submitted[0]);
      stop(futures, workers, finished);
      Throwable cause = e.getCause();
      FramePipe.rethrowIo(cause);
      throw new MediaException(null, Reason.OUTPUT_FAILED, "re-encoding failed: " + cause, cause);
    } finally {
      if (own != null) {
        own.shutdownNow();
      }
    }
  }

  private static void release(CountDownLatch latch, int n) {
    for (int i = 0; i < n; i++) {
      latch.countDown();
    }
  }

  /** Stops the other pieces and waits until they no longer write, so their files can go. */
  private static void stop(List<CompletableFuture<EncodedPiece>> futures, List<Thread> workers, CountDownLatch done) {
    futures.forEach(f -> f.cancel(true));
    synchronized (workers) {
      workers.forEach(Thread::interrupt);
    }
    boolean interrupted = Thread.interrupted();
    try {
      done.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
