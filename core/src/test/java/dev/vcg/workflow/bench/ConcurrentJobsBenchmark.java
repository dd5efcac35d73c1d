package dev.vcg.workflow.bench;

import dev.vcg.cost.Money;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.VideoCapabilities;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import dev.vcg.provider.VideoResult;
import dev.vcg.workflow.Key;
import dev.vcg.workflow.RunOutcome;
import dev.vcg.workflow.RunStatus;
import dev.vcg.workflow.Step;
import dev.vcg.workflow.Workflow;
import dev.vcg.workflow.WorkflowEngine;
import dev.vcg.workflow.WorkflowEvent;
import dev.vcg.workflow.WorkflowListener;
import dev.vcg.workflow.WorkflowRun;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 10 000 concurrent runs, each waiting on a pending video job of a fake provider, on an engine
 * with all defaults (default executor, one timer thread, system clock, in-memory store). Reports
 * the platform threads the JVM used (peak, all of them, including the JVM's own) and the heap in
 * use while every run is waiting, then lets the jobs finish and checks every run completes.
 *
 * <p>Run it with {@code -Xmx1g}: passing proves the heap goal too.
 * Arguments: {@code [runs] [seconds to keep them waiting]}.
 */
public final class ConcurrentJobsBenchmark {
  private ConcurrentJobsBenchmark() {
  }

  /** Jobs stay pending until {@link #finish} is set; polls are cheap and answered at once. */
  static final class PendingVideoProvider implements VideoProvider {
    final AtomicInteger submits = new AtomicInteger();
    final AtomicLong polls = new AtomicLong();
    volatile boolean finish;

    @Override
    public String id() {
      return "bench";
    }

    @Override
    public String model() {
      return "bench-video";
    }

    @Override
    public VideoCapabilities capabilities() {
      return VideoCapabilities.builder().durations(5).aspectFollowsImage(true).build();
    }

    @Override
    public VideoJob doSubmit(VideoRequest request) {
      return new VideoJob(id(), "job-" + submits.incrementAndGet(), model(), Map.of());
    }

    @Override
    public JobStatus poll(VideoJob job) {
      polls.incrementAndGet();
      if (finish) {
        return JobStatus.succeeded("COMPLETED", new VideoResult(
            MediaRef.url(URI.create("https://cdn.example/" + job.id() + ".mp4")), 5, Money.usd("0.25")));
      }
      return JobStatus.running("IN_PROGRESS", 0.5);
    }

    @Override
    public void cancel(VideoJob job) {
    }
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int holdSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long heapBefore = memory.getHeapMemoryUsage().getUsed();
    int threadsBefore = threads.getThreadCount();

    PendingVideoProvider provider = new PendingVideoProvider();
    Key<VideoResult> clip = Key.of("clip", VideoResult.class);
    Workflow wf = Workflow.builder("clip")
        .step(Step.of(Key.of("prompt", String.class), ctx -> "waves at dawn"))
        .step(Step.video(clip, provider, ctx -> VideoRequest.builder()
            .startFrame(MediaRef.url(URI.create("https://cdn.example/frame.png")))
            .prompt(ctx.require(Key.of("prompt", String.class)))
            .durationSeconds(5)
            .build()).dependsOn("prompt"))
        .step(Step.of(Key.of("download", String.class), ctx -> ctx.require(clip).video().toString()).dependsOn("clip"))
        .build();
    CountDownLatch submitted = new CountDownLatch(runs);
    try (WorkflowEngine engine = WorkflowEngine.builder().listener(new WorkflowListener() {
      @Override
      public void onJobSubmitted(WorkflowEvent.JobSubmitted event) {
        submitted.countDown();
      }
    }).build()) {
      long t0 = System.nanoTime();
      List<WorkflowRun> handles = new ArrayList<>(runs);
      for (int i = 0; i < runs; i++) {
        handles.add(engine.start(wf, null));
      }
      if (!submitted.await(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("only " + (runs - submitted.getCount()) + " jobs submitted");
      }
      long startMillis = (System.nanoTime() - t0) / 1_000_000;
      // keep every run waiting on its job while polls come and go
      long holdUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(holdSeconds);
      int maxLive = 0;
      long maxHeap = 0;
      while (System.nanoTime() < holdUntil) {
        maxLive = Math.max(maxLive, threads.getThreadCount());
        maxHeap = Math.max(maxHeap, memory.getHeapMemoryUsage().getUsed());
        Thread.sleep(100);
      }
      System.gc();
      long heapWaiting = memory.getHeapMemoryUsage().getUsed() - heapBefore;
      long pollsWhileWaiting = provider.polls.get();
      int activeRuns = engine.metrics().activeRuns();

      long t1 = System.nanoTime();
      provider.finish = true;
      CompletableFuture.allOf(handles.stream().map(WorkflowRun::result).toArray(CompletableFuture[]::new))
          .get(120, TimeUnit.SECONDS);
      long finishMillis = (System.nanoTime() - t1) / 1_000_000;
      long completed = 0;
      for (WorkflowRun h : handles) {
        RunOutcome o = h.result().join();
        if (o.status() == RunStatus.COMPLETED) {
          completed++;
        }
      }
      System.out.printf("java %s, engine: %s%n", Runtime.version(), engine);
      System.out.printf("runs=%d, jobs submitted=%d, active while waiting=%d, polls while waiting=%d in %d s%n",
          runs, provider.submits.get(), activeRuns, pollsWhileWaiting, holdSeconds);
      System.out.printf("platform threads: before=%d, peak=%d (max live while waiting=%d)%n",
          threadsBefore, threads.getPeakThreadCount(), maxLive);
      System.out.printf("heap: max used while waiting=%.1f MB, retained after GC while waiting=%.1f MB (%.1f KB per run), "
          + "max heap=%d MB%n", maxHeap / 1e6, heapWaiting / 1e6, heapWaiting / 1e3 / runs,
          memory.getHeapMemoryUsage().getMax() / 1_000_000);
      System.out.printf("time to start all runs and submit their jobs=%d ms; to finish after the jobs completed=%d ms; "
          + "completed=%d%n", startMillis, finishMillis, completed);
      if (completed != runs) {
        throw new IllegalStateException("only " + completed + " of " + runs + " runs completed");
      }
    }
  }
}
