package dev.vcg.provider.runway;

import dev.vcg.provider.ProviderOptions;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.VideoCapabilities;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import dev.vcg.provider.VideoResult;
import dev.vcg.provider.http.HttpProviderBuilder;
import dev.vcg.provider.runway.internal.RunwayHttp;
import dev.vcg.provider.runway.internal.RunwayInputs;
import dev.vcg.provider.runway.internal.RunwayModels;
import dev.vcg.provider.runway.internal.RunwaySettings;
import dev.vcg.provider.runway.internal.RunwayTasks;
import dev.vcg.provider.runway.internal.Task;
import dev.vcg.provider.runway.internal.VideoModel;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runway image-to-video: {@link #submit} creates a task with {@code POST /v1/image_to_video} (the
 * one paid call, never retried after an ambiguous failure); {@link #poll} reads
 * {@code GET /v1/tasks/{id}} once; {@link #cancel} sends {@code DELETE /v1/tasks/{id}}.
 *
 * <p>The request body per model: {@code promptImage} is the start frame's URI, or
 * {@code [{uri, position: "first"}, {uri, position: "last"}]} when the model takes a last frame
 * (Veo 3.1, Veo 3.1 fast, the legacy Gen-3 Alpha Turbo); {@code promptText} with the camera move
 * described at its end; {@code ratio} is the model's pixel ratio for the request's aspect ratio
 * (equal, or within 3 %: {@code 16:9} → {@code 1280:720}, {@code 4:3} → {@code 1104:832}), or the
 * model's first ratio when the request gives none (the option {@code video.default-ratio} sets
 * another, and is preferred among equal ratios);
 * {@code duration} in whole seconds; {@code seed} only where the model takes one;
 * {@code negativePrompt} and {@code audio} (false unless {@code video.audio=true}) on Veo.
 * Frames: https URLs pass as they are; local files and bytes (JPEG, PNG, WebP) go as data URIs up to
 * Runway's 5 MB encoded limit, and larger ones are uploaded as ephemeral {@code runway://} URIs
 * (option {@code uploads=false} refuses them instead, before any call).
 *
 * <p>Status mapping: {@code PENDING} and {@code THROTTLED} (waiting for a concurrency slot, not a
 * failure) → {@code QUEUED}; {@code RUNNING} → {@code RUNNING} with Runway's progress;
 * {@code SUCCEEDED} → the first {@code output} URL; {@code FAILED} → {@code FAILED} with Runway's
 * failure text and code ({@code SAFETY.*} codes are named content-policy refusals);
 * {@code CANCELLED} → {@code CANCELLED}. Waiting and running tasks carry
 * {@link JobStatus#pollAfter()} of at least 5 s, as Runway asks. The result's URL is signed and
 * expires within 24–48 hours: download it promptly (polling the task again returns fresh URLs).
 *
 * <p>Immutable and thread-safe. Any instance can poll or cancel any Runway task by id.
 */
public final class RunwayVideoProvider implements VideoProvider {
  /** {@link VideoJob#attributes()} key of the requested duration in seconds. */
  public static final String ATTR_DURATION = "durationSeconds";

  private static final Logger LOG = LoggerFactory.getLogger(RunwayVideoProvider.class);

  private final String model;
  private final VideoModel profile;
  private final ProviderOptions options;
  private final RunwaySettings settings;
  private final RunwayTasks tasks;
  /** Only to remove the key from provider text that echoes it; never printed. */
  private final String secret;

  private RunwayVideoProvider(HttpProviderBuilder.Settings built) {
    ProviderConfig config = built.config();
    this.secret = config.apiKey().map(k -> k.reveal()).orElse(null);
    this.options = new ProviderOptions(config.options());
    this.settings = RunwaySettings.of(config.options());
    this.model = config.model().orElse(RunwayModels.DEFAULT_VIDEO_MODEL);
    this.profile = RunwayModels.video(model, options);
    this.tasks = new RunwayTasks(RunwayHttp.client(config, settings.apiVersion(), built.clock(), built.sleeper(),
        built.httpClient()));
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return RunwayProviderFactory.ID;
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public VideoCapabilities capabilities() {
    return profile.capabilities();
  }

  /**
   * Checks the request against the capabilities of the model it will run on (the request's own
   * model when it names one, else this provider's), then submits it.
   *
   * @param request the clip
   * @return the accepted job
   * @throws dev.vcg.provider.UnsupportedCapabilityException before any call if that model cannot serve the request
   * @throws ProviderException if the provider refuses; {@link dev.vcg.provider.OutcomeUnknownException} when it
   *     is unknown whether the job was created
   */
  @Override
  public VideoJob submit(VideoRequest request) {
    Objects.requireNonNull(request, "request");
    String m = request.model().orElse(model);
    VideoCapabilities caps = m.equals(model) ? capabilities() : RunwayModels.video(m, options).capabilities();
    caps.check(id(), m, request);
    return doSubmit(request);
  }

  /**
   * Creates the task. A model named in the request is checked against its own capabilities first.
   *
   * @param request the clip
   * @return the job (the task id; the requested duration in its attributes)
   * @throws dev.vcg.provider.UnsupportedCapabilityException before any call if the request's own model
   *     cannot serve it, or a frame is over the data URI limit and uploads are off
   * @throws dev.vcg.InvalidInputException if a frame is unreadable, not https, or not JPEG/PNG/WebP
   * @throws dev.vcg.provider.OutcomeUnknownException if the creation failed ambiguously
   * @throws ProviderException if Runway refused it, typed by cause
   */
  @Override
  public VideoJob doSubmit(VideoRequest request) {
    Objects.requireNonNull(request, "request");
    String m = request.model().orElse(model);
    VideoModel p = profile;
    if (!m.equals(model)) {
      p = RunwayModels.video(m, options);
      p.capabilities().check(id(), m, request);
    }
    if (request.seed().isPresent() && !p.seed()) {
      LOG.debug("[runway] model {} takes no seed; the request's seed is not sent", m);
    }
    ObjectNode body = RunwayInputs.video(p, request, settings.video(), tasks);
    String taskId = tasks.create("/v1/image_to_video", body);
    return new VideoJob(id(), taskId, m, Map.of(ATTR_DURATION, Integer.toString(request.durationSeconds())));
  }

  /**
   * Reads the task once.
   *
   * @param job a Runway job (from this or another instance)
   * @return its status (see the class documentation)
   * @throws IllegalArgumentException if the job is not Runway's
   * @throws ProviderException if the task cannot be read, typed by cause (404 when it was deleted)
   */
  @Override
  public JobStatus poll(VideoJob job) {
    Task task = tasks.get(taskId(job));
    Duration after = settings.videoPollInterval();
    switch (task.status()) {
      case Task.PENDING:
      case Task.THROTTLED:
        return JobStatus.queued(task.status(), -1).withPollAfter(after);
      case Task.RUNNING:
        return JobStatus.running(Task.RUNNING, progress(task)).withPollAfter(after);
      case Task.SUCCEEDED:
        return succeeded(job, task);
      case Task.FAILED:
        return JobStatus.failed(Task.FAILED, failure(task, secret));
      case Task.CANCELLED:
        return JobStatus.cancelled(Task.CANCELLED);
      default:
        LOG.debug("[runway] task {} has an unknown status; treating it as running", job.id());
        return JobStatus.running(task.status().replaceAll("[^A-Za-z0-9_]", "?"), progress(task))
            .withPollAfter(after);
    }
  }

  private static double progress(Task task) {
    Double p = task.progress();
    return p == null || p.isNaN() || p < 0 ? -1 : Math.min(1, p);
  }

  private JobStatus succeeded(VideoJob job, Task task) {
    String url = task.output() == null ? null : task.output().stream().filter(Objects::nonNull).findFirst()
        .orElse(null);
    if (url == null || url.isBlank()) {
      return JobStatus.failed(Task.SUCCEEDED, "Runway task " + job.id() + " succeeded without an output URL");
    }
    MediaRef video;
    try {
      video = new MediaRef.Url(new URI(url.strip()), "video/mp4");
    } catch (URISyntaxException | IllegalArgumentException e) {
      return JobStatus.failed(Task.SUCCEEDED, "Runway task " + job.id() + " returned an output URL that is not"
          + " http(s)");
    }
    double seconds;
    try {
      seconds = Double.parseDouble(job.attributes().getOrDefault(ATTR_DURATION, "0"));
    } catch (NumberFormatException e) {
      seconds = 0;
    }
    return JobStatus.succeeded(Task.SUCCEEDED, new VideoResult(video, seconds, null));
  }

  static String failure(Task task, String secret) {
    String code = task.failureCode() == null ? "no failure code" : clean(task.failureCode(), 100, secret);
    String text = task.failure() == null ? "no reason given" : clean(task.failure(), 500, secret);
    if (task.safetyFailure()) {
      return "content policy: Runway's moderation refused the input (" + code + "): " + text
          + "; change the prompt or frames";
    }
    if (task.transientFailure()) {
      return "Runway failed internally (" + code + "): " + text + "; a new attempt may succeed";
    }
    return "Runway task failed (" + code + "): " + text;
  }

  static String clean(String s, int max, String secret) {
    String one = s.replace("\r", "\\r").replace("\n", "\\n");
    if (secret != null && !secret.isEmpty()) {
      one = one.replace(secret, "[redacted]");
    }
    return one.length() <= max ? one : one.substring(0, max) + "…";
  }

  /**
   * Cancels a waiting or running task (a finished one is deleted, its output purged). A task Runway
   * no longer knows (404) counts as done.
   *
   * @param job a Runway job
   * @throws IllegalArgumentException if the job is not Runway's
   * @throws ProviderException if Runway could not be asked, typed by cause
   */
  @Override
  public void cancel(VideoJob job) {
    boolean known = tasks.delete(taskId(job));
    LOG.debug("[runway] cancel of task {}: {}", job.id(), known ? "requested" : "already gone");
  }

  private String taskId(VideoJob job) {
    Objects.requireNonNull(job, "job");
    if (!job.providerId().equals(id())) {
      throw new IllegalArgumentException("job " + job.id() + " belongs to provider '" + job.providerId()
          + "', not 'runway'");
    }
    return RunwayTasks.checkId(job.id());
  }

  @Override
  public String toString() {
    return "RunwayVideoProvider[model=" + model + ", " + tasks + "]";
  }

  /**
   * Builds a {@link RunwayVideoProvider}. The config is required; clock and sleeper default to the
   * system's. Not thread-safe.
   */
  public static final class Builder extends HttpProviderBuilder<Builder, RunwayVideoProvider> {
    private Builder() {
      super(RunwayProviderFactory.ID);
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected RunwayVideoProvider create(Settings settings) {
      return new RunwayVideoProvider(settings);
    }
  }
}
