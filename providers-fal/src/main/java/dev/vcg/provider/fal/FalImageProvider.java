package dev.vcg.provider.fal;

import dev.vcg.provider.ProviderOptions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcg.internal.Json;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ContentPolicyException;
import dev.vcg.provider.GeneratedImage;
import dev.vcg.provider.ImageCapabilities;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageResult;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderError;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.ProviderTimeoutException;
import dev.vcg.provider.fal.internal.FalErrors;
import dev.vcg.provider.fal.internal.FalFile;
import dev.vcg.provider.fal.internal.FalInputs;
import dev.vcg.provider.fal.internal.FalModels;
import dev.vcg.provider.fal.internal.FalQueue;
import dev.vcg.provider.fal.internal.FalSetup;
import dev.vcg.provider.fal.internal.ImageOutput;
import dev.vcg.provider.fal.internal.ImageProfile;
import dev.vcg.provider.fal.internal.QueueStatus;
import dev.vcg.provider.fal.internal.QueueUrls;
import dev.vcg.provider.http.HttpProviderBuilder;
import dev.vcg.provider.http.JsonResponse;
import dev.vcg.provider.http.Sleeper;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fal image generation (FLUX, SDXL, any fal image model id). Synchronous from the caller's view:
 * {@link #generate} submits the request to fal's queue (a paid submission, never retried after an
 * ambiguous failure), polls its status every {@code image.poll-interval} (1 s) with the injected
 * {@link Sleeper} and {@link Clock} until it is {@code COMPLETED} or {@code image.timeout} (5 min)
 * has passed, then fetches the result. The calling thread waits; run it on an executor for
 * asynchronous use.
 *
 * <p>Field names per model: {@code image_size} as a preset name ({@code landscape_4_3}, …) when the
 * requested size is one, otherwise {@code {width, height}}; FLUX1.1 [pro] ultra takes
 * {@code aspect_ratio} (the nearest of its ratios; the image has ultra's own resolution) and one
 * reference image as {@code image_url}; SDXL takes {@code format} rather than
 * {@code output_format}, and a negative prompt. {@link ImageRequest#extraParameters()} are sent as
 * they are and win over computed fields.
 *
 * <p>Failures: a request fal reports as {@code COMPLETED} with an {@code error}, and a result fetch
 * answering an error status, throw typed exceptions with fal's message (content policy →
 * {@link ContentPolicyException}); so do images fal's safety checker flagged (fal blacks them
 * out). Running out of time throws {@link ProviderTimeoutException} after asking fal to cancel.
 * The result's URLs are on fal's CDN; fal keeps files for a limited time, so download them promptly.
 *
 * <pre>{@code
 * ImageProvider flux = FalImageProvider.builder()
 *     .config(ProviderConfig.builder("fal").apiKey(key).model("fal-ai/flux/dev").build())
 *     .build();
 * ImageResult r = flux.generate(ImageRequest.builder().prompt("a lighthouse at dusk").size(new ImageSize(1280, 720)).build());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class FalImageProvider implements ImageProvider {
  private static final Logger LOG = LoggerFactory.getLogger(FalImageProvider.class);
  private static final int MAX_POLL_FAILURES = 5;

  private final String model;
  private final ImageProfile profile;
  private final ProviderOptions options;
  /** Only to remove the key from provider text that echoes it; never printed. */
  private final String secret;
  private final FalQueue queue;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration pollInterval;
  private final Duration timeout;
  private final String outputFormat;
  private final long inlineMaxBytes;

  private FalImageProvider(HttpProviderBuilder.Settings settings) {
    ProviderConfig config = settings.config();
    FalSetup setup = new FalSetup(config, settings.clock(), settings.sleeper(), settings.httpClient());
    this.secret = setup.secret();
    this.options = setup.options();
    this.model = config.model().orElse(FalModels.DEFAULT_IMAGE_MODEL);
    this.profile = FalModels.image(model, options);
    this.pollInterval = options.duration(FalProviderFactory.OPTION_IMAGE_POLL_INTERVAL, Duration.ofSeconds(1),
        Duration.ofMillis(100), Duration.ofMinutes(1));
    this.timeout = options.duration(FalProviderFactory.OPTION_IMAGE_TIMEOUT, Duration.ofMinutes(5),
        Duration.ofSeconds(1), Duration.ofHours(2));
    String format = options.text(FalProviderFactory.OPTION_IMAGE_OUTPUT_FORMAT).orElse("jpeg")
        .toLowerCase(Locale.ROOT);
    if (!format.equals("jpeg") && !format.equals("png")) {
      throw new IllegalStateException("option " + FalProviderFactory.OPTION_IMAGE_OUTPUT_FORMAT
          + " must be jpeg or png: " + format);
    }
    this.outputFormat = format;
    this.inlineMaxBytes = setup.inlineMaxBytes();
    this.clock = settings.clock();
    this.sleeper = settings.sleeper();
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
  public ImageCapabilities capabilities() {
    return profile.capabilities();
  }

  /**
   * Checks the request against the capabilities of the model it will run on (the request's own
   * model when it names one, else this provider's), then generates.
   *
   * @param request what to draw
   * @return the images
   * @throws dev.vcg.provider.UnsupportedCapabilityException before any call if that model cannot serve the request
   * @throws ProviderException if the provider fails
   */
  @Override
  public ImageResult generate(ImageRequest request) {
    Objects.requireNonNull(request, "request");
    String m = request.model().orElse(model);
    ImageCapabilities caps = m.equals(model) ? capabilities() : FalModels.image(m, options).capabilities();
    caps.check(id(), m, request);
    return doGenerate(request);
  }

  /**
   * Submits, waits for and fetches one generation (see the class documentation). A model named in
   * the request is checked against its own capabilities first.
   *
   * @param request what to draw
   * @return the images (URLs on fal's CDN), the seed and fal's request id; no cost (fal reports none)
   * @throws dev.vcg.provider.UnsupportedCapabilityException before any call if the request's own model cannot serve it
   * @throws dev.vcg.InvalidInputException if a local reference image cannot be sent
   * @throws dev.vcg.provider.OutcomeUnknownException if the submission failed ambiguously
   * @throws ContentPolicyException if fal's safety system refused the prompt or flagged every image
   * @throws ProviderTimeoutException if the image was not ready in time
   * @throws ProviderException for other failures, typed by cause
   */
  @Override
  public ImageResult doGenerate(ImageRequest request) {
    Objects.requireNonNull(request, "request");
    String m = request.model().orElse(model);
    ImageProfile p = profile;
    if (!m.equals(model)) {
      p = FalModels.image(m, options);
      p.capabilities().check(id(), m, request);
    }
    ObjectNode input = FalInputs.image(p, request, outputFormat, inlineMaxBytes);
    FalQueue.Submission submission = queue.submit(m, input);
    QueueUrls urls = submission.urls();
    QueueStatus status = awaitCompletion(submission);
    if (status.failed()) {
      throw FalErrors.completedError(id(), status, secret);
    }
    JsonResponse<JsonNode> result = queue.result(urls);
    return toResult(m, request, submission.requestId(), result);
  }

  private QueueStatus awaitCompletion(FalQueue.Submission submission) {
    Instant deadline = clock.instant().plus(timeout);
    QueueStatus status = submission.status();
    ProviderException lastFailure = null;
    int failures = 0;
    while (status == null || !QueueStatus.COMPLETED.equals(status.status())) {
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw timedOut(submission, status, lastFailure);
      }
      try {
        sleeper.sleep(pollInterval.compareTo(left) < 0 ? pollInterval : left);
      } catch (InterruptedException e) {
        cancelQuietly(submission);
        Thread.currentThread().interrupt();
        throw new ProviderException(new ProviderError(id(), 0, submission.requestId(), "interrupted",
            "interrupted while waiting for fal request " + submission.requestId() + "; it was asked to cancel",
            null), false, e);
      }
      try {
        status = queue.status(submission.urls());
        failures = 0;
        LOG.trace("[fal] request {} is {}", submission.requestId(), status);
      } catch (ProviderException e) {
        if (!e.isRetryable() || ++failures >= MAX_POLL_FAILURES) {
          throw e;
        }
        lastFailure = e;
        LOG.debug("[fal] polling request {} failed ({} in a row): {}", submission.requestId(), failures,
            e.getMessage());
      }
    }
    return status;
  }

  private ProviderTimeoutException timedOut(FalQueue.Submission submission, QueueStatus status,
                                            ProviderException last) {
    String cancelled = cancelQuietly(submission);
    return new ProviderTimeoutException(new ProviderError(id(), 0, submission.requestId(), "image_timeout",
        "fal request " + submission.requestId() + " for an image did not complete within " + timeout
            + " (last status " + (status == null ? "unknown" : status.status()) + "); cancel: " + cancelled
            + "; try again later or raise the option " + FalProviderFactory.OPTION_IMAGE_TIMEOUT, null), last);
  }

  private String cancelQuietly(FalQueue.Submission submission) {
    try {
      return queue.cancel(submission.urls());
    } catch (RuntimeException e) {
      LOG.debug("[fal] could not cancel request {}: {}", submission.requestId(), e.toString());
      return "failed";
    }
  }

  private ImageResult toResult(String m, ImageRequest request, String requestId, JsonResponse<JsonNode> result) {
    ImageOutput out;
    try {
      out = Json.mapper().treeToValue(result.body(), ImageOutput.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw unreadable(requestId, "its result is not fal's image output", e);
    }
    List<FalFile> files = new ArrayList<>();
    if (out.images() != null) {
      files.addAll(out.images());
    } else if (out.image() != null) {
      files.add(out.image());
    }
    List<GeneratedImage> images = new ArrayList<>();
    int flagged = 0;
    for (int i = 0; i < files.size(); i++) {
      FalFile f = files.get(i);
      if (f == null || f.url() == null || f.url().isBlank()) {
        continue;
      }
      if (out.nsfw() != null && i < out.nsfw().size() && Boolean.TRUE.equals(out.nsfw().get(i))) {
        flagged++;
        continue;
      }
      images.add(new GeneratedImage(media(requestId, f), f.width() == null ? 0 : f.width(),
          f.height() == null ? 0 : f.height()));
    }
    if (images.isEmpty() && flagged > 0) {
      throw new ContentPolicyException(new ProviderError(id(), result.statusCode(), requestId, "nsfw_flagged",
          "fal's safety checker flagged " + (flagged == 1 ? "the generated image" : "all " + flagged
              + " generated images") + " of request " + requestId + " (fal blacks them out); change the prompt",
          null), null);
    }
    if (images.isEmpty()) {
      throw unreadable(requestId, "its result holds no image", null);
    }
    if (flagged > 0) {
      LOG.debug("[fal] dropped {} image(s) of request {} flagged by the safety checker", flagged, requestId);
    }
    Long seed = out.seed() != null ? out.seed() : request.seed().orElse(null);
    return new ImageResult(images, m, seed, null, requestId);
  }

  private MediaRef media(String requestId, FalFile f) {
    try {
      return new MediaRef.Url(new URI(f.url().strip()), f.contentType());
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw unreadable(requestId, "an image URL in its result is not an http(s) or data URL", e);
    }
  }

  private ProviderException unreadable(String requestId, String what, Throwable cause) {
    return new ProviderException(new ProviderError(id(), 200, requestId, "unreadable_response",
        "fal request " + requestId + " completed but " + what + "; fal's API may have changed", null), false, cause);
  }

  @Override
  public String toString() {
    return "FalImageProvider[model=" + model + ", " + queue + "]";
  }

  /**
   * Builds a {@link FalImageProvider}. The config is required; clock and sleeper default to the system's. Not
   * thread-safe.
   */
  public static final class Builder extends HttpProviderBuilder<Builder, FalImageProvider> {
    private Builder() {
      super(FalProviderFactory.ID);
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected FalImageProvider create(Settings settings) {
      return new FalImageProvider(settings);
    }
  }
}
