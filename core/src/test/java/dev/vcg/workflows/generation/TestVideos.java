package dev.vcg.workflows.generation;

import dev.vcg.cost.Money;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.VideoCapabilities;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import dev.vcg.provider.VideoResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A video provider for tests: every job finishes on its {@code pollsToFinish}-th poll (or never,
 * when 0) with a small file that looks like an MP4; records submissions, polls and cancels.
 */
final class TestVideos implements VideoProvider {
  final List<VideoRequest> requests = new CopyOnWriteArrayList<>();
  final List<String> cancelled = new CopyOnWriteArrayList<>();
  final AtomicInteger polls = new AtomicInteger();
  final Map<String, AtomicInteger> pollsByJob = new ConcurrentHashMap<>();
  final Map<String, VideoRequest> byJob = new ConcurrentHashMap<>();
  private final Path dir;
  private final VideoCapabilities caps;
  volatile int pollsToFinish = 1;
  volatile Money reportedCost;
  volatile RuntimeException submitFailure;
  volatile Runnable onSubmit = () -> { };
  /** Jobs whose request matches keep running, whatever {@code pollsToFinish} says. */
  volatile java.util.function.Predicate<VideoRequest> held = r -> false;

  TestVideos(Path dir) {
    this(dir, VideoCapabilities.builder().durations(1, 2, 3, 4, 5, 6, 8, 10).endFrame(true).seed(true)
        .aspectFollowsImage(true).build());
  }

  TestVideos(Path dir, VideoCapabilities caps) {
    this.dir = dir;
    this.caps = caps;
  }

  @Override
  public String id() {
    return "test-video";
  }

  @Override
  public String model() {
    return "mover-1";
  }

  @Override
  public VideoCapabilities capabilities() {
    return caps;
  }

  int submits() {
    return requests.size();
  }

  @Override
  public synchronized VideoJob doSubmit(VideoRequest request) {
    if (submitFailure != null) {
      throw submitFailure;
    }
    requests.add(request);
    String id = "job-" + requests.size();
    byJob.put(id, request);
    onSubmit.run();
    return new VideoJob(id(), id, model(), Map.of("seconds", String.valueOf(request.durationSeconds())));
  }

  @Override
  public JobStatus poll(VideoJob job) {
    polls.incrementAndGet();
    int n = pollsByJob.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
    int finish = pollsToFinish;
    if (finish == 0 || n < finish || held.test(byJob.get(job.id()))) {
      return JobStatus.running("IN_PROGRESS", Math.min(0.9, n * 0.1));
    }
    int seconds = Integer.parseInt(job.attributes().get("seconds"));
    return JobStatus.succeeded("COMPLETED", new VideoResult(MediaRef.file(clipFile(job.id(), seconds)), seconds,
        reportedCost));
  }

  @Override
  public void cancel(VideoJob job) {
    cancelled.add(job.id());
  }

  private Path clipFile(String id, int seconds) {
    Path f = dir.resolve("provider-" + id + "-" + seconds + "s.mp4");
    try {
      Files.createDirectories(dir);
      Files.write(f, fakeMp4(id + ":" + seconds));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return f;
  }

  /** Bytes that start like an MP4 (an {@code ftyp} box) followed by a marker. */
  static byte[] fakeMp4(String marker) {
    byte[] head = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'a', 'v', 'c', '1'};
    byte[] m = marker.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + m.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(m, 0, out, head.length, m.length);
    return out;
  }

  static AspectRatio any() {
    return AspectRatio.LANDSCAPE_16_9;
  }
}
