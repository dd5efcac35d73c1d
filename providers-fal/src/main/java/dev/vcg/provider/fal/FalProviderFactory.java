package dev.vcg.provider.fal;

import dev.vcg.cost.Money;
import dev.vcg.cost.Price;
import dev.vcg.cost.PriceBook;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ModelInfo;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderFactory;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.UnsupportedCapabilityException;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.fal.internal.FalModels;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fal.ai provider ({@code fal}): images (FLUX, SDXL, any fal image model id) and
 * image-to-video (Kling with start and end frame, any fal video model id), all through fal's
 * queue ({@code https://queue.fal.run}). Found by {@link java.util.ServiceLoader}; the key comes
 * from the config or the environment variable {@code FAL_KEY} (which may be {@code key_id:key_secret}),
 * sent as {@code Authorization: Key <FAL_KEY>}.
 *
 * <p>Models are an open vocabulary: the catalogue ({@link #models()}) lists well-known models with
 * their real limits and list prices; any other fal model id works with default field names that
 * the options below adjust.
 *
 * <table>
 *   <caption>Options ({@link ProviderConfig.Builder#option})</caption>
 *   <tr><th>Option</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@value #OPTION_IMAGE_POLL_INTERVAL}</td><td>1s</td><td>wait between status polls of an image request</td></tr>
 *   <tr><td>{@value #OPTION_IMAGE_TIMEOUT}</td><td>5m</td><td>longest wait for an image; then the request is cancelled</td></tr>
 *   <tr><td>{@value #OPTION_IMAGE_OUTPUT_FORMAT}</td><td>jpeg</td><td>{@code jpeg} or {@code png}</td></tr>
 *   <tr><td>{@value #OPTION_IMAGE_SIZE_MODE}</td><td>per model</td><td>{@code image_size}, {@code aspect_ratio} or {@code none}</td></tr>
 *   <tr><td>{@value #OPTION_IMAGE_FORMAT_FIELD}</td><td>per model</td><td>output-format field ({@code output_format}; SDXL {@code format}); {@code none} to omit</td></tr>
 *   <tr><td>{@value #OPTION_IMAGE_NEGATIVE_PROMPT_FIELD}</td><td>per model</td><td>negative-prompt field, or {@code none}</td></tr>
 *   <tr><td>{@value #OPTION_IMAGE_REFERENCE_FIELD}</td><td>per model</td><td>field taking one reference image, or {@code none}</td></tr>
 *   <tr><td>{@value #OPTION_VIDEO_POLL_INTERVAL}</td><td>5s</td><td>{@link dev.vcg.provider.JobStatus#pollAfter()} of running jobs</td></tr>
 *   <tr><td>{@value #OPTION_VIDEO_GENERATE_AUDIO}</td><td>false</td><td>ask models with a {@code generate_audio} switch (Kling 2.6, 3) for audio; it doubles their price</td></tr>
 *   <tr><td>{@value #OPTION_VIDEO_CAMERA_IN_PROMPT}</td><td>true</td><td>describe the request's camera move at the end of the prompt</td></tr>
 *   <tr><td>{@value #OPTION_VIDEO_START_IMAGE_FIELD}</td><td>per model ({@code image_url})</td><td>start-frame field</td></tr>
 *   <tr><td>{@value #OPTION_VIDEO_END_IMAGE_FIELD}</td><td>per model (none)</td><td>end-frame field, or {@code none}</td></tr>
 *   <tr><td>{@value #OPTION_VIDEO_ASPECT_RATIO_FIELD}</td><td>per model (none)</td><td>aspect-ratio field, or {@code none} (output follows the start frame)</td></tr>
 *   <tr><td>{@value #OPTION_VIDEO_ASPECT_RATIOS}</td><td>16:9,9:16,1:1</td><td>ratios the aspect field takes</td></tr>
 *   <tr><td>{@value #OPTION_VIDEO_DURATIONS}</td><td>per model (5,10)</td><td>allowed seconds, e.g. {@code 5,10} or {@code 3-15}</td></tr>
 *   <tr><td>{@value #OPTION_VIDEO_DURATION_TYPE}</td><td>string</td><td>{@code string} ({@code "5"}) or {@code integer}</td></tr>
 *   <tr><td>{@value #OPTION_VIDEO_NEGATIVE_PROMPT_FIELD}</td><td>negative_prompt</td><td>negative-prompt field, or {@code none}</td></tr>
 *   <tr><td>{@value #OPTION_VIDEO_AUDIO_FIELD}</td><td>per model</td><td>generated-audio switch field, or {@code none}</td></tr>
 *   <tr><td>{@value #OPTION_INLINE_IMAGE_MAX_BYTES}</td><td>10485760</td><td>largest local image sent inline as a data URI</td></tr>
 * </table>
 * The HTTP layer's options ({@code http.log}, {@code http.max-concurrency}, {@code http.circuit-breaker})
 * apply as well.
 *
 * <p>Prices are fal's list prices at the time of writing, in USD, and are <em>estimates</em>: fal
 * reports no cost per request. Video prices are without generated audio (the default).
 *
 * <pre>{@code
 * ProviderConfig config = ProviderConfig.builder("fal").apiKey(ApiKey.of(System.getenv("FAL_KEY")))
 *     .model("fal-ai/kling-video/v2.6/pro/image-to-video").build();
 * VideoProvider kling = new FalProviderFactory().createVideo(config);
 * }</pre>
 *
 * <p>Stateless and thread-safe; the constructor does no I/O.
 */
public final class FalProviderFactory implements ProviderFactory {
  /** The provider id. */
  public static final String ID = "fal";
  /** The environment variable that usually holds the key. */
  public static final String KEY_VARIABLE = "FAL_KEY";
  /** fal's queue host, the default base URL. */
  public static final String DEFAULT_BASE_URL = "https://queue.fal.run";

  /** Option: wait between status polls of an image request. */
  public static final String OPTION_IMAGE_POLL_INTERVAL = "image.poll-interval";
  /** Option: longest wait for an image. */
  public static final String OPTION_IMAGE_TIMEOUT = "image.timeout";
  /** Option: {@code jpeg} or {@code png}. */
  public static final String OPTION_IMAGE_OUTPUT_FORMAT = "image.output-format";
  /** Option: how the size is sent ({@code image_size}, {@code aspect_ratio}, {@code none}). */
  public static final String OPTION_IMAGE_SIZE_MODE = "image.size-mode";
  /** Option: output-format field name, or {@code none}. */
  public static final String OPTION_IMAGE_FORMAT_FIELD = "image.format-field";
  /** Option: negative-prompt field name of image models, or {@code none}. */
  public static final String OPTION_IMAGE_NEGATIVE_PROMPT_FIELD = "image.negative-prompt-field";
  /** Option: field taking one reference image, or {@code none}. */
  public static final String OPTION_IMAGE_REFERENCE_FIELD = "image.reference-field";
  /** Option: poll hint for video jobs. */
  public static final String OPTION_VIDEO_POLL_INTERVAL = "video.poll-interval";
  /** Option: whether to ask for generated audio. */
  public static final String OPTION_VIDEO_GENERATE_AUDIO = "video.generate-audio";
  /** Option: whether to describe the camera move in the prompt. */
  public static final String OPTION_VIDEO_CAMERA_IN_PROMPT = "video.camera-in-prompt";
  /** Option: start-frame field name. */
  public static final String OPTION_VIDEO_START_IMAGE_FIELD = "video.start-image-field";
  /** Option: end-frame field name, or {@code none}. */
  public static final String OPTION_VIDEO_END_IMAGE_FIELD = "video.end-image-field";
  /** Option: aspect-ratio field name, or {@code none}. */
  public static final String OPTION_VIDEO_ASPECT_RATIO_FIELD = "video.aspect-ratio-field";
  /** Option: ratios the aspect-ratio field takes. */
  public static final String OPTION_VIDEO_ASPECT_RATIOS = "video.aspect-ratios";
  /** Option: allowed clip lengths in seconds. */
  public static final String OPTION_VIDEO_DURATIONS = "video.durations";
  /** Option: {@code string} or {@code integer} durations. */
  public static final String OPTION_VIDEO_DURATION_TYPE = "video.duration-type";
  /** Option: negative-prompt field name of video models, or {@code none}. */
  public static final String OPTION_VIDEO_NEGATIVE_PROMPT_FIELD = "video.negative-prompt-field";
  /** Option: generated-audio switch field name, or {@code none}. */
  public static final String OPTION_VIDEO_AUDIO_FIELD = "video.audio-field";
  /** Option: largest local image sent inline. */
  public static final String OPTION_INLINE_IMAGE_MAX_BYTES = "inline-image-max-bytes";

  /** Creates the factory; no I/O. */
  public FalProviderFactory() {
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<ProviderKind> kinds() {
    return Set.of(ProviderKind.IMAGE, ProviderKind.VIDEO);
  }

  @Override
  public Optional<String> apiKeyVariable() {
    return Optional.of(KEY_VARIABLE);
  }

  @Override
  public List<ModelInfo> models() {
    return FalModels.catalogue();
  }

  /**
   * {@code fal-ai/flux/dev} for images, {@code fal-ai/kling-video/v2.1/pro/image-to-video} (start
   * and end frame) for video.
   *
   * @param kind what for
   * @return the model id
   * @throws UnsupportedCapabilityException for {@link ProviderKind#LLM}
   */
  @Override
  public String defaultModel(ProviderKind kind) {
    switch (kind) {
      case IMAGE:
        return FalModels.DEFAULT_IMAGE_MODEL;
      case VIDEO:
        return FalModels.DEFAULT_VIDEO_MODEL;
      default:
        throw new UnsupportedCapabilityException(ID, "provider 'fal' does no " + kind);
    }
  }

  /**
   * The catalogue's list prices plus {@code fal/*} for other model ids ($0.04 per image, $0.10 per
   * second of video). Estimates: fal does not report the cost of a request.
   *
   * @return the price book
   */
  @Override
  public PriceBook priceBook() {
    return ProviderFactory.super.priceBook().with(PriceBook.builder()
        .price(ID, "*", new Price(Money.usd(FalModels.UNKNOWN_IMAGE_PRICE), Money.usd(FalModels.UNKNOWN_VIDEO_PRICE),
            Money.ZERO, Money.ZERO)).build());
  }

  /**
   * @param config key, base URL, model and options of {@code fal}
   * @return an image provider
   * @throws dev.vcg.provider.ProviderNotConfiguredException if the config holds no key
   * @throws IllegalStateException if an option is invalid
   */
  @Override
  public ImageProvider createImage(ProviderConfig config) {
    return FalImageProvider.builder().config(config).build();
  }

  /**
   * @param config key, base URL, model and options of {@code fal}
   * @return a video provider
   * @throws dev.vcg.provider.ProviderNotConfiguredException if the config holds no key
   * @throws IllegalStateException if an option is invalid
   */
  @Override
  public VideoProvider createVideo(ProviderConfig config) {
    return FalVideoProvider.builder().config(config).build();
  }

  @Override
  public String toString() {
    return "FalProviderFactory[" + ID + "]";
  }
}
