package dev.vcg.provider.openai;

import dev.vcg.cost.Money;
import dev.vcg.media.MediaRef;
import dev.vcg.media.MediaTypes;
import dev.vcg.provider.GeneratedImage;
import dev.vcg.provider.ImageCapabilities;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageResult;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderError;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.UnsupportedCapabilityException;
import dev.vcg.provider.http.CallOptions;
import dev.vcg.provider.http.JsonResponse;
import dev.vcg.provider.http.ProviderHttpClient;
import dev.vcg.provider.http.Sleeper;
import dev.vcg.provider.openai.internal.ImagesBody;
import dev.vcg.provider.openai.internal.ImagesResponse;
import dev.vcg.provider.openai.internal.OpenAiModels;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images with OpenAI's Images API: {@code POST /images/generations} for a prompt, and
 * {@code POST /images/edits} when the request has reference images (up to 16). GPT image models
 * ({@code gpt-image-1.5}, {@code gpt-image-1}, {@code gpt-image-1-mini}, {@code gpt-image-2}, any
 * other {@code gpt-image-*} id) answer base64, decoded into {@link MediaRef#bytes}; they are never
 * sent {@code response_format}, which they reject. {@code dall-e-3} answers a URL valid for 60
 * minutes; OpenAI shut it down on 2026-05-12, so it is only useful through compatible gateways.
 *
 * <p>Edits are sent as JSON by default ({@code images: [{"image_url": …}]}: URLs as they are,
 * local images as {@code data:} URLs up to 15 MB); the option {@code edits-encoding=multipart}
 * uploads local images as {@code image[]} file parts instead (remote images are then refused). A
 * {@link MediaRef} given as an extra parameter (e.g. {@code mask}) is sent as an image the same way.
 * GPT image models take no seed and no negative prompt: a negative prompt is appended to the prompt
 * as {@code "Avoid: …"}.
 *
 * <p>Generation is a paid submission: after an ambiguous failure (timeout, reset, 5xx) it is not
 * retried and fails with {@link dev.vcg.provider.OutcomeUnknownException}, so nobody pays twice.
 * {@link ImageResult#actualCost()} is computed from the answer's {@code usage} tokens with the
 * list prices of the model (text input, image input, output), empty for DALL·E.
 * {@link ImageResult#requestId()} is the {@code x-request-id} header.
 *
 * <p>Settings: see {@link OpenAiProviderFactory} (options {@code organization}, {@code project},
 * {@code image-model}, {@code image-quality}, {@code output-format}, {@code edits-encoding}).
 * Immutable and thread-safe.
 */
public final class OpenAiImageProvider implements ImageProvider {
  private static final Logger LOG = LoggerFactory.getLogger(OpenAiImageProvider.class);
  private static final Set<String> FORMATS = Set.of("png", "jpeg", "webp");
  private static final Set<String> ENCODINGS = Set.of("json", "multipart");

  private final ProviderHttpClient http;
  private final String model;
  private final ImageCapabilities capabilities;
  private final ImagesBody.Settings settings;
  private final boolean multipartEdits;

  private OpenAiImageProvider(Builder b) {
    ProviderConfig config = b.config;
    this.model = OpenAiSettings.imageModel(config);
    this.capabilities = OpenAiModels.imageCapabilities(model);
    this.settings = new ImagesBody.Settings(
        OpenAiSettings.option(config, OpenAiProviderFactory.OPTION_IMAGE_QUALITY).map(q -> q.toLowerCase(Locale.ROOT))
            .orElse(null),
        OpenAiSettings.choice(config, OpenAiProviderFactory.OPTION_OUTPUT_FORMAT, FORMATS));
    this.multipartEdits = "multipart".equals(OpenAiSettings.choice(config, OpenAiProviderFactory.OPTION_EDITS_ENCODING,
        ENCODINGS));
    this.http = OpenAiSettings.http(config, b.clock, b.sleeper, Duration.ofMinutes(5));
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return OpenAiProviderFactory.ID;
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public ImageCapabilities capabilities() {
    return capabilities;
  }

  /**
   * Generates, or edits when the request has reference images.
   *
   * @param request a request that passed the capability check
   * @return the images
   * @throws UnsupportedCapabilityException before any call if a model given in the request cannot
   *     serve it, or a {@code gpt-image-2} size breaks its rules
   * @throws dev.vcg.InvalidInputException if a reference image cannot be read or sent (before any call)
   * @throws dev.vcg.provider.OutcomeUnknownException if the call failed in a way that leaves open
   *     whether it was paid
   * @throws ProviderException for any other failure, typed by cause
   */
  @Override
  public ImageResult doGenerate(ImageRequest request) {
    Objects.requireNonNull(request, "request");
    String m = request.model().orElse(model);
    if (!m.equals(model)) {
      OpenAiModels.imageCapabilities(m).check(id(), m, request);
    }
    if (OpenAiModels.takesAnySize(m)) {
      checkFreeSize(m, request.size());
    }
    boolean edit = !request.referenceImages().isEmpty();
    JsonResponse<ImagesResponse> response;
    if (!edit) {
      response = http.send("POST", "/images/generations", ImagesBody.generation(m, request, settings),
          ImagesResponse.class, CallOptions.paidSubmission());
    } else if (multipartEdits) {
      response = http.send("POST", "/images/edits", ImagesBody.multipartEdit(m, request, settings),
          ImagesResponse.class, CallOptions.paidSubmission());
    } else {
      response = http.send("POST", "/images/edits", ImagesBody.jsonEdit(m, request, settings),
          ImagesResponse.class, CallOptions.paidSubmission());
    }
    return toResult(m, request, edit, response);
  }

  private ImageResult toResult(String m, ImageRequest request, boolean edit, JsonResponse<ImagesResponse> response) {
    ImagesResponse body = response.body();
    String requestId = response.requestId().orElse(null);
    if (body.data() == null || body.data().isEmpty()) {
      throw unreadable(response, requestId, "no_images", "the answer holds no images");
    }
    ImageSize size = parseSize(body.size()).orElse(request.size());
    String mime = mimeOf(body.outputFormat()).or(() -> mimeOf(settings.outputFormat())).orElse(null);
    List<GeneratedImage> images = new ArrayList<>();
    for (ImagesResponse.Datum d : body.data()) {
      MediaRef image;
      if (d != null && d.b64Json() != null && !d.b64Json().isBlank()) {
        byte[] bytes;
        try {
          bytes = Base64.getMimeDecoder().decode(d.b64Json());
        } catch (IllegalArgumentException e) {
          throw unreadable(response, requestId, "unreadable_image", "an image is not valid base64");
        }
        image = MediaRef.bytes(bytes, MediaTypes.sniff(bytes).orElse(mime));
      } else if (d != null && d.url() != null && !d.url().isBlank()) {
        try {
          image = MediaRef.url(URI.create(d.url().strip()));
        } catch (IllegalArgumentException e) {
          throw unreadable(response, requestId, "unreadable_image", "an image URL is not an http(s) URL");
        }
      } else {
        throw unreadable(response, requestId, "unreadable_image", "an image has neither b64_json nor url");
      }
      images.add(new GeneratedImage(image, size.width(), size.height()));
    }
    Money cost = cost(m, edit, body.usage());
    LOG.debug("[openai] {} made {} image(s) {} (request {}), list-price cost {}", m, images.size(), size, requestId,
        cost);
    return new ImageResult(images, m, null, cost, requestId);
  }

  private static Money cost(String model, boolean edit, ImagesResponse.Usage usage) {
    if (usage == null) {
      return null;
    }
    return OpenAiModels.imageRates(model).map(rates -> {
      long input = positive(usage.inputTokens());
      long text;
      long image;
      if (usage.inputDetails() != null) {
        text = positive(usage.inputDetails().textTokens());
        image = positive(usage.inputDetails().imageTokens());
      } else {
        // without a split, edits count as image input and generations as text: each the upper bound
        text = edit ? 0 : input;
        image = edit ? input : 0;
      }
      return rates.cost(text, image, positive(usage.outputTokens()));
    }).orElse(null);
  }

  private ProviderException unreadable(JsonResponse<?> response, String requestId, String code, String what) {
    return new ProviderException(new ProviderError(id(), response.statusCode(), requestId, code, what
        + "; the request was probably charged: check the usage page before trying again", null), false, null);
  }

  /** {@code gpt-image-2}: sides divisible by 16, aspect between 1:3 and 3:1, at most 3840x2160. */
  private void checkFreeSize(String m, ImageSize s) {
    String problem = null;
    if (s.width() % 16 != 0 || s.height() % 16 != 0) {
      problem = "both sides must be divisible by 16 (e.g. " + round16(s.width()) + "x" + round16(s.height()) + ")";
    } else if (s.width() > 3 * s.height() || s.height() > 3 * s.width()) {
      problem = "the aspect ratio must be between 1:3 and 3:1";
    } else if (Math.max(s.width(), s.height()) > 3840 || Math.min(s.width(), s.height()) > 2160) {
      problem = "the largest size is 3840x2160 (or 2160x3840)";
    }
    if (problem != null) {
      throw new UnsupportedCapabilityException(id(), "model " + m + " cannot make " + s + ": " + problem);
    }
  }

  private static int round16(int v) {
    return Math.max(16, Math.round(v / 16f) * 16);
  }

  private static Optional<ImageSize> parseSize(String size) {
    if (size == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(ImageSize.of(size));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> mimeOf(String format) {
    if (format == null) {
      return Optional.empty();
    }
    switch (format.toLowerCase(Locale.ROOT)) {
      case "png":
        return Optional.of(MediaTypes.PNG);
      case "jpeg":
      case "jpg":
        return Optional.of(MediaTypes.JPEG);
      case "webp":
        return Optional.of(MediaTypes.WEBP);
      default:
        return Optional.empty();
    }
  }

  private static long positive(Long v) {
    return v == null || v < 0 ? 0 : v;
  }

  @Override
  public String toString() {
    return "OpenAiImageProvider[model=" + model + ", baseUrl=" + http.baseUrl() + "]";
  }

  /** Builds an {@link OpenAiImageProvider}. Not thread-safe. */
  public static final class Builder {
    private ProviderConfig config;
    private Clock clock;
    private Sleeper sleeper;

    private Builder() {
    }

    /**
     * @param config key, base URL, model and options for provider {@code openai}
     * @return this builder
     */
    public Builder config(ProviderConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * @param clock the time source for {@code Retry-After} dates and the circuit breaker
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @param sleeper waits between retries (tests record instead of waiting)
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * @return the provider
     * @throws IllegalStateException if no config was given
     * @throws IllegalArgumentException if the config is for another provider or an option is invalid
     * @throws dev.vcg.provider.ProviderNotConfiguredException if the config holds no key
     */
    public OpenAiImageProvider build() {
      if (config == null) {
        throw new IllegalStateException("config: pass the ProviderConfig of 'openai' (it holds the key)");
      }
      OpenAiSettings.checkConfig(config);
      return new OpenAiImageProvider(this);
    }
  }
}
