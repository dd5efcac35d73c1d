package dev.vcg.workflow;

import dev.vcg.cost.Money;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.VideoCapabilities;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import dev.vcg.provider.VideoResult;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A video provider for tests: each submission creates a job whose polls return the scripted
 * answers one by one (then keep returning the last), or "running" when nothing is scripted.
 */
final class FakeVideoProvider implements VideoProvider {
  final AtomicInteger submits = new AtomicInteger();
  final List<String> polls = new CopyOnWriteArrayList<>();
  final List<VideoJob> cancelled = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Object>> scripts = new ConcurrentHashMap<>();
  private final Deque<Object> nextScript = new ArrayDeque<>();
  volatile Consumer<VideoJob> onPoll = j -> { };
  volatile RuntimeException submitFailure;

  @Override
  public String id() {
    return "fake";
  }

  @Override
  public String model() {
    return "fake-video-1";
  }

  @Override
  public VideoCapabilities capabilities() {
    return VideoCapabilities.builder().durations(5, 10).endFrame(true).aspectFollowsImage(true).build();
  }

  /** Scripts the polls of the next submitted job: JobStatus values or RuntimeExceptions. */
  synchronized FakeVideoProvider script(Object... answers) {
    nextScript.clear();
    nextScript.addAll(List.of(answers));
    return this;
  }

  /** Scripts the polls of an existing job. */
  void scriptJob(String jobId, Object... answers) {
    scripts.put(jobId, new ArrayDeque<>(List.of(answers)));
  }

  @Override
  public synchronized VideoJob doSubmit(VideoRequest request) {
    if (submitFailure != null) {
      throw submitFailure;
    }
    VideoJob job = new VideoJob(id(), "job-" + submits.incrementAndGet(), model(), Map.of("prompt", request.prompt()));
    scripts.put(job.id(), new ArrayDeque<>(nextScript));
    return job;
  }

  @Override
  public JobStatus poll(VideoJob job) {
    polls.add(job.id());
    onPoll.accept(job);
    Deque<Object> script = scripts.computeIfAbsent(job.id(), k -> new ArrayDeque<>());
    Object next;
    synchronized (script) {
      next = script.size() > 1 ? script.pollFirst() : script.peekFirst();
    }
    if (next == null) {
      return JobStatus.running("IN_PROGRESS", -1);
    }
    if (next instanceof RuntimeException e) {
      throw e;
    }
    return (JobStatus) next;
  }

  @Override
  public void cancel(VideoJob job) {
    cancelled.add(job);
  }

  static JobStatus done(String name) {
    return JobStatus.succeeded("COMPLETED", new VideoResult(MediaRef.url(URI.create("https://cdn.example/" + name + ".mp4")),
        5, Money.usd("0.35")));
  }

  static VideoRequest request(String prompt) {
    return VideoRequest.builder()
        .startFrame(MediaRef.url(URI.create("https://cdn.example/frame.png")))
        .prompt(prompt)
        .durationSeconds(5)
        .build();
  }
}
