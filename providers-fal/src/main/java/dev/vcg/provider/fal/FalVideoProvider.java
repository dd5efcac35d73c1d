package dev.vcg.provider.fal;

import dev.vcg.provider.ProviderOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.InvalidRequestException;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.VideoCapabilities;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import dev.vcg.provider.VideoResult;
import dev.vcg.provider.fal.internal.FalErrors;
import dev.vcg.provider.fal.internal.FalInputs;
import dev.vcg.provider.fal.internal.FalModels;
import dev.vcg.provider.fal.internal.FalPaths;
import dev.vcg.provider.fal.internal.FalQueue;
import dev.vcg.provider.fal.internal.FalSetup;
import dev.vcg.provider.fal.internal.QueueStatus;
import dev.vcg.provider.fal.internal.QueueUrls;
import dev.vcg.provider.fal.internal.VideoProfile;
import dev.vcg.provider.http.HttpProviderBuilder;
import dev.vcg.provider.http.JsonResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fal image-to-video through the queue: Kling with start and end frame, or any fal video model id.
 * {@link #submit} posts the model input (the one paid call, never retried after an ambiguous
 * failure); {@link #poll} reads the status once (cheap, idempotent) and, when the request is
 * {@code COMPLETED}, fetches the result; {@link #cancel} asks fal to cancel.
 *
 * <p>Field names per Kling version: {@code image_url} / {@code tail_image_url} up to 2.5
 * (the end frame only on the pro tiers), {@code start_image_url} / {@code end_image_url} from 2.6;
 * {@code aspect_ratio} only on 1.6 pro (elsewhere the clip follows the start frame); the duration
 * as a string ({@code "5"}, {@code "10"}; Kling 3 {@code "3"}…{@code "15"}); {@code generate_audio}
 * is sent as {@code false} on 2.6 and 3 unless the option {@code video.generate-audio} is set,
 * because audio doubles their price. Kling takes no seed: a requested seed is not sent. The camera
 * move is described at the end of the prompt. Frames given as local files or bytes are sent as
 * data URIs (up to {@code inline-image-max-bytes}); https URLs are passed as they are.
 *
 * <p>Status mapping: {@code IN_QUEUE} → {@code QUEUED}, {@code IN_PROGRESS} → {@code RUNNING} (fal
 * reports no progress), {@code COMPLETED} → {@code SUCCEEDED} after the result was fetched, or
 * {@code FAILED} when fal reports an {@code error} or the result fetch answers 400/422 (the failure
 * text carries fal's message and type, e.g. {@code content_policy_violation}); a request fal cancelled
 * is {@code CANCELLED}. Running jobs carry {@link JobStatus#pollAfter()} of {@code video.poll-interval}
 * (5 s). Other failures of a poll (network, 5xx, 401, 404) are thrown, typed.
 *
 * <p>{@link VideoJob#attributes()} keep the status, result and cancel URLs (and the requested
 * duration), so another instance can poll or cancel the job after a restart; without them the URLs
 * are built from {@code owner/app} of the model id.
 *
 * <p>Immutable and thread-safe.
 */
public final class FalVideoProvider implements VideoProvider {
  /** {@link VideoJob#attributes()} key of the status URL. */
  public static final String ATTR_STATUS_URL = "statusUrl";
  /** {@link VideoJob#attributes()} key of the result URL. */
  public static final String ATTR_RESPONSE_URL = "responseUrl";
  /** {@link VideoJob#attributes()} key of the cancel URL. */
  public static final String ATTR_CANCEL_URL = "cancelUrl";
  /** {@link VideoJob#attributes()} key of the requested duration in seconds. */
  public static final String ATTR_DURATION = "durationSeconds";

  private static final Logger LOG = LoggerFactory.getLogger(FalVideoProvider.class);

  private final String model;
  private final VideoProfile profile;
  private final ProviderOptions options;
  /** Only to remove the key from provider text that echoes it; never printed. */
  private final String secret;
  private final FalQueue queue;
  private final Duration pollInterval;
  private final boolean generateAudio;
  private final boolean cameraInPrompt;
  private final long inlineMaxBytes;

  private FalVideoProvider(HttpProviderBuilder.Settings settings) {
    ProviderConfig config = settings.config();
    FalSetup setup = new FalSetup(config, settings.clock(), settings.sleeper(), settings.httpClient());
    this.secret = setup.secret();
    this.options = setup.options();
    this.model = config.model().orElse(FalModels.DEFAULT_VIDEO_MODEL);
    this.profile = FalModels.video(model, options);
    this.pollInterval = options.duration(FalProviderFactory.OPTION_VIDEO_POLL_INTERVAL, Duration.ofSeconds(5),
        Duration.ofSeconds(1), Duration.ofMinutes(5));
    this.generateAudio = options.bool(FalProviderFactory.OPTION_VIDEO_GENERATE_AUDIO, false);
    this.cameraInPrompt = options.bool(FalProviderFactory.OPTION_VIDEO_CAMERA_IN_PROMPT, true);
    this.inlineMaxBytes = setup.inlineMaxBytes();
    this.queue = setup.queue();
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return FalProviderFactory.ID;
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
    VideoCapabilities caps = m.equals(model) ? capabilities() : FalModels.video(m, options).capabilities();
    caps.check(id(), m, request);
    return doSubmit(request);
  }

  /**
   * Submits the clip to fal's queue. A model named in the request is checked against its own
   * capabilities first.
   *
   * @param request the clip
   * @return the job, with the URLs to follow it in its attributes
   * @throws dev.vcg.provider.UnsupportedCapabilityException before any call if the request's own model cannot serve it
   * @throws dev.vcg.InvalidInputException if a local frame cannot be sent
   * @throws dev.vcg.provider.OutcomeUnknownException if the submission failed ambiguously
   * @throws ProviderException if fal refused it, typed by cause
   */
  @Override
  public VideoJob doSubmit(VideoRequest request) {
    Objects.requireNonNull(request, "request");
    String m = request.model().orElse(model);
    VideoProfile p = profile;
    if (!m.equals(model)) {
      p = FalModels.video(m, options);
      p.capabilities().check(id(), m, request);
    }
    if (request.seed().isPresent() && !p.capabilities().supportsSeed()) {
      LOG.debug("[fal] model {} takes no seed; the request's seed is not sent", m);
    }
    ObjectNode input = FalInputs.video(p, request, generateAudio, cameraInPrompt, inlineMaxBytes);
    FalQueue.Submission s = queue.submit(m, input);
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put(ATTR_STATUS_URL, s.urls().statusUrl());
    attributes.put(ATTR_RESPONSE_URL, s.urls().responseUrl());
    attributes.put(ATTR_CANCEL_URL, s.urls().cancelUrl());
    attributes.put(ATTR_DURATION, Integer.toString(request.durationSeconds()));
    return new VideoJob(id(), s.requestId(), m, attributes);
  }

  /**
   * Reads the job's status once; when completed, fetches the result.
   *
   * @param job a fal job (from this or another instance)
   * @return the status (see the class documentation for the mapping)
   * @throws IllegalArgumentException if the job is not fal's
   * @throws ProviderException if the status or result cannot be read, typed by cause (network and
   *     5xx failures are retryable)
   */
  @Override
  public JobStatus poll(VideoJob job) {
    QueueUrls urls = urlsOf(job);
    QueueStatus status = queue.status(urls);
    switch (status.status()) {
      case QueueStatus.IN_QUEUE:
        LOG.debug("[fal] request {} is queued at position {}", job.id(), status.queuePosition());
        return JobStatus.queued(QueueStatus.IN_QUEUE, -1).withPollAfter(pollInterval);
      case QueueStatus.IN_PROGRESS:
        return JobStatus.running(QueueStatus.IN_PROGRESS, -1).withPollAfter(pollInterval);
      case QueueStatus.COMPLETED:
        return completed(job, urls, status);
      default:
        LOG.debug("[fal] request {} has an unknown status; treating it as running", job.id());
        return JobStatus.running(FalErrors.scrub(FalErrors.clean(status.status(), 64), secret), -1)
            .withPollAfter(pollInterval);
    }
  }

  private JobStatus completed(VideoJob job, QueueUrls urls, QueueStatus status) {
    if (status.failed()) {
      String type = status.errorType() == null ? "" : status.errorType();
      if (type.equals("client_cancelled")) {
        return JobStatus.cancelled(QueueStatus.COMPLETED);
      }
      return JobStatus.failed(QueueStatus.COMPLETED, FalErrors.completedError(id(), status, secret).getMessage());
    }
    JsonResponse<JsonNode> result;
    try {
      result = queue.result(urls);
    } catch (InvalidRequestException e) {
      // 400/422 on the result: the request itself failed (e.g. content_policy_violation)
      return JobStatus.failed(QueueStatus.COMPLETED, e.getMessage());
    }
    JsonNode video = result.body() == null ? null : result.body().get("video");
    String url = null;
    String type = null;
    if (video != null && video.isObject()) {
      url = video.path("url").asText(null);
      type = video.path("content_type").asText(null);
    } else if (video != null && video.isTextual()) {
      url = video.asText();
    }
    if (url == null || url.isBlank()) {
      return JobStatus.failed(QueueStatus.COMPLETED, "fal request " + job.id() + " completed without a video"
          + " in its result");
    }
    MediaRef ref;
    try {
      ref = new MediaRef.Url(new URI(url.strip()), type == null || type.isBlank() ? "video/mp4" : type);
    } catch (URISyntaxException | IllegalArgumentException e) {
      return JobStatus.failed(QueueStatus.COMPLETED, "fal request " + job.id() + " returned a video URL that is"
          + " not http(s)");
    }
    double seconds = 0;
    try {
      seconds = Double.parseDouble(job.attributes().getOrDefault(ATTR_DURATION, "0"));
    } catch (NumberFormatException e) {
      seconds = 0;
    }
    return JobStatus.succeeded(QueueStatus.COMPLETED, new VideoResult(ref, seconds, null));
  }

  /**
   * Asks fal to cancel the job: queued requests are removed, running ones get a cancel signal that
   * the model may ignore. A job that already completed, or that fal does not know, is left alone.
   *
   * @param job a fal job
   * @throws IllegalArgumentException if the job is not fal's
   * @throws ProviderException if fal could not be asked, typed by cause
   */
  @Override
  public void cancel(VideoJob job) {
    String outcome = queue.cancel(urlsOf(job));
    LOG.debug("[fal] cancel of request {}: {}", job.id(), outcome);
  }

  private QueueUrls urlsOf(VideoJob job) {
    Objects.requireNonNull(job, "job");
    if (!job.providerId().equals(id())) {
      throw new IllegalArgumentException("job " + job.id() + " belongs to provider '" + job.providerId()
          + "', not 'fal'");
    }
    FalPaths.checkRequestId(job.id());
    Map<String, String> a = job.attributes();
    QueueStatus known = new QueueStatus(null, job.id(), null, a.get(ATTR_RESPONSE_URL), a.get(ATTR_STATUS_URL),
        a.get(ATTR_CANCEL_URL), null, null);
    return queue.urls(job.model(), job.id(), known);
  }

  @Override
  public String toString() {
    return "FalVideoProvider[model=" + model + ", " + queue + "]";
  }

  /**
   * Builds a {@link FalVideoProvider}. The config is required; clock and sleeper default to the system's. Not
   * thread-safe.
   */
  public static final class Builder extends HttpProviderBuilder<Builder, FalVideoProvider> {
    private Builder() {
      super(FalProviderFactory.ID);
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected FalVideoProvider create(Settings settings) {
      return new FalVideoProvider(settings);
    }
  }
}
