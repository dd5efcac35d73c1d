package dev.vcg.provider.runway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ContentPolicyException;
import dev.vcg.provider.GeneratedImage;
import dev.vcg.provider.ImageCapabilities;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageResult;
import dev.vcg.provider.InvalidRequestException;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderError;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.ProviderTimeoutException;
import dev.vcg.provider.ServerException;
import dev.vcg.provider.UnsupportedCapabilityException;
import dev.vcg.provider.http.HttpProviderBuilder;
import dev.vcg.provider.http.Sleeper;
import dev.vcg.provider.runway.internal.ImageModel;
import dev.vcg.provider.runway.internal.RunwayHttp;
import dev.vcg.provider.runway.internal.RunwayInputs;
import dev.vcg.provider.runway.internal.RunwayModels;
import dev.vcg.provider.runway.internal.RunwaySettings;
import dev.vcg.provider.runway.internal.RunwayTasks;
import dev.vcg.provider.runway.internal.Task;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runway text-to-image ({@code gen4_image}, {@code gen4_image_turbo}, any Runway image model id).
 * Synchronous from the caller's view: {@link #generate} creates a task with
 * {@code POST /v1/text_to_image} (a paid submission, never retried after an ambiguous failure),
 * polls {@code GET /v1/tasks/{id}} every {@code image.poll-interval} (5 s) with the injected
 * {@link Sleeper} and {@link Clock} until it ends or {@code image.timeout} (5 min) passes (then the
 * task is cancelled and {@link ProviderTimeoutException} thrown), and returns the output URLs. The
 * calling thread waits.
 *
 * <p>The size must be one of the model's ratios ({@code 1920x1080}, {@code 1360x768}, …: see
 * {@link ImageCapabilities#sizes()}), sent as {@code ratio}; reference images go to
 * {@code referenceImages} (up to three; {@code gen4_image_turbo} needs at least one). A failed task
 * throws: {@code SAFETY.*} codes → {@link ContentPolicyException}, internal failures →
 * {@link ServerException} (retryable), others → {@link InvalidRequestException}. The output URLs are
 * signed and expire within 24–48 hours: download them promptly.
 *
 * <p>Immutable and thread-safe.
 */
public final class RunwayImageProvider implements ImageProvider {
  private static final Logger LOG = LoggerFactory.getLogger(RunwayImageProvider.class);
  private static final int MAX_POLL_FAILURES = 5;

  private final String model;
  private final ImageModel profile;
  private final RunwaySettings settings;
  private final RunwayTasks tasks;
  private final Clock clock;
  private final Sleeper sleeper;
  /** Only to remove the key from provider text that echoes it; never printed. */
  private final String secret;

  private RunwayImageProvider(HttpProviderBuilder.Settings built) {
    ProviderConfig config = built.config();
    this.secret = config.apiKey().map(k -> k.reveal()).orElse(null);
    this.settings = RunwaySettings.of(config.options());
    this.model = config.model().orElse(RunwayModels.DEFAULT_IMAGE_MODEL);
    this.profile = RunwayModels.image(model);
    this.clock = built.clock();
    this.sleeper = built.sleeper();
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
  public ImageCapabilities capabilities() {
    return profile.capabilities();
  }

  /**
   * Checks the request against the capabilities of the model it will run on (the request's own
   * model when it names one, else this provider's), then generates.
   *
   * @param request what to draw
   * @return the images
   * @throws UnsupportedCapabilityException before any call if that model cannot serve the request
   * @throws ProviderException if the provider fails
   */
  @Override
  public ImageResult generate(ImageRequest request) {
    Objects.requireNonNull(request, "request");
    String m = request.model().orElse(model);
    ImageCapabilities caps = m.equals(model) ? capabilities() : RunwayModels.image(m).capabilities();
    caps.check(id(), m, request);
    return doGenerate(request);
  }

  /**
   * Creates the task, waits for it and returns its images (see the class documentation).
   *
   * @param request what to draw
   * @return the images (signed URLs), with the task id as request id; no cost (Runway reports none)
   * @throws UnsupportedCapabilityException before any call if the model needs a reference image and
   *     the request has none, or the request's own model cannot serve it
   * @throws dev.vcg.provider.OutcomeUnknownException if the creation failed ambiguously
   * @throws ContentPolicyException if Runway's moderation refused the input
   * @throws ProviderTimeoutException if the image was not ready in time
   * @throws ProviderException for other failures, typed by cause
   */
  @Override
  public ImageResult doGenerate(ImageRequest request) {
    Objects.requireNonNull(request, "request");
    String m = request.model().orElse(model);
    ImageModel p = profile;
    if (!m.equals(model)) {
      p = RunwayModels.image(m);
      p.capabilities().check(id(), m, request);
    }
    if (p.referencesRequired() && request.referenceImages().isEmpty()) {
      throw new UnsupportedCapabilityException(id(), "model " + m + " needs 1 to " + p.maxReferences()
          + " reference images; add one or use gen4_image");
    }
    ObjectNode body = RunwayInputs.image(p, request, settings.video().publicFigureThreshold(),
        settings.video().uploads(), tasks);
    String taskId = tasks.create("/v1/text_to_image", body);
    Task task = await(taskId);
    return toResult(m, request, task);
  }

  private Task await(String taskId) {
    Instant deadline = clock.instant().plus(settings.imageTimeout());
    Task task = null;
    ProviderException last = null;
    int failures = 0;
    while (true) {
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw timedOut(taskId, task, last);
      }
      Duration interval = settings.imagePollInterval();
      try {
        sleeper.sleep(interval.compareTo(left) < 0 ? interval : left);
      } catch (InterruptedException e) {
        cancelQuietly(taskId);
        Thread.currentThread().interrupt();
        throw new ProviderException(new ProviderError(id(), 0, taskId, "interrupted", "interrupted while waiting"
            + " for Runway task " + taskId + "; it was asked to cancel", null), false, e);
      }
      try {
        task = tasks.get(taskId);
        failures = 0;
      } catch (ProviderException e) {
        if (!e.isRetryable() || ++failures >= MAX_POLL_FAILURES) {
          throw e;
        }
        last = e;
        LOG.debug("[runway] polling task {} failed ({} in a row): {}", taskId, failures, e.getMessage());
        continue;
      }
      switch (task.status()) {
        case Task.SUCCEEDED:
        case Task.FAILED:
        case Task.CANCELLED:
          return task;
        default:
          LOG.trace("[runway] task {} is {}", taskId, task);
      }
    }
  }

  private ProviderTimeoutException timedOut(String taskId, Task task, ProviderException last) {
    String cancel = cancelQuietly(taskId);
    return new ProviderTimeoutException(new ProviderError(id(), 0, taskId, "image_timeout", "Runway task " + taskId
        + " for an image did not finish within " + settings.imageTimeout() + " (last status "
        + (task == null ? "unknown" : task.status()) + "); cancel: " + cancel + "; try again later or raise the"
        + " option " + RunwayProviderFactory.OPTION_IMAGE_TIMEOUT, null), last);
  }

  private String cancelQuietly(String taskId) {
    try {
      return tasks.delete(taskId) ? "requested" : "already gone";
    } catch (RuntimeException e) {
      LOG.debug("[runway] could not cancel task {}: {}", taskId, e.toString());
      return "failed";
    }
  }

  private ImageResult toResult(String m, ImageRequest request, Task task) {
    if (Task.FAILED.equals(task.status())) {
      String message = RunwayVideoProvider.failure(task, secret);
      String code = task.failureCode() == null ? null : RunwayVideoProvider.clean(task.failureCode(), 100, secret);
      ProviderError error = new ProviderError(id(), 0, task.id(), code, message, null);
      if (task.safetyFailure()) {
        throw new ContentPolicyException(error, null);
      }
      if (task.transientFailure()) {
        throw new ServerException(error, null);
      }
      throw new InvalidRequestException(error, null);
    }
    if (Task.CANCELLED.equals(task.status())) {
      throw new ProviderException(new ProviderError(id(), 0, task.id(), "cancelled", "Runway task " + task.id()
          + " was cancelled before it finished", null), false, null);
    }
    List<GeneratedImage> images = new ArrayList<>();
    if (task.output() != null) {
      for (String url : task.output()) {
        if (url == null || url.isBlank()) {
          continue;
        }
        try {
          images.add(new GeneratedImage(new MediaRef.Url(new URI(url.strip()), null), request.size().width(),
              request.size().height()));
        } catch (URISyntaxException | IllegalArgumentException e) {
          throw unreadable(task.id(), "an output URL is not http(s)", e);
        }
      }
    }
    if (images.isEmpty()) {
      throw unreadable(task.id(), "it has no output URL", null);
    }
    return new ImageResult(images, m, request.seed().orElse(null), null, task.id());
  }

  private ProviderException unreadable(String taskId, String what, Throwable cause) {
    return new ProviderException(new ProviderError(id(), 200, taskId, "unreadable_response", "Runway task " + taskId
        + " succeeded but " + what + "; Runway's API may have changed", null), false, cause);
  }

  @Override
  public String toString() {
    return "RunwayImageProvider[model=" + model + ", " + tasks + "]";
  }

  /**
   * Builds a {@link RunwayImageProvider}. The config is required; clock and sleeper default to the
   * system's. Not thread-safe.
   */
  public static final class Builder extends HttpProviderBuilder<Builder, RunwayImageProvider> {
    private Builder() {
      super(RunwayProviderFactory.ID);
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected RunwayImageProvider create(Settings settings) {
      return new RunwayImageProvider(settings);
    }
  }
}
