package dev.vcg.provider.runway;

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
import dev.vcg.provider.runway.internal.RunwayModels;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Runway provider ({@code runway}): image-to-video ({@code POST /v1/image_to_video}, with a
 * first and, on Veo 3.1, a last frame) and text-to-image ({@code POST /v1/text_to_image}), both as
 * tasks polled with {@code GET /v1/tasks/{id}} and cancelled with {@code DELETE /v1/tasks/{id}}.
 * Found by {@link java.util.ServiceLoader}; the key comes from the config or the environment
 * variable {@code RUNWAYML_API_SECRET}, sent as {@code Authorization: Bearer <key>} with
 * {@code X-Runway-Version: 2024-11-06}, to {@code https://api.dev.runwayml.com}.
 *
 * <p>Models are an open vocabulary: the catalogue lists {@code gen4_turbo} (the default),
 * {@code gen4.5}, {@code veo3.1}, {@code veo3.1_fast}, {@code veo3}, the legacy {@code gen3a_turbo}
 * (first and last frame; no longer in Runway's API types since June 2026, so it may be refused)
 * and the images {@code gen4_image}, {@code gen4_image_turbo}; other ids work with the options
 * below.
 *
 * <table>
 *   <caption>Options ({@link ProviderConfig.Builder#option})</caption>
 *   <tr><th>Option</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@value #OPTION_API_VERSION}</td><td>2024-11-06</td><td>{@code X-Runway-Version}</td></tr>
 *   <tr><td>{@value #OPTION_VIDEO_POLL_INTERVAL}</td><td>6s (at least 5s)</td><td>{@link dev.vcg.provider.JobStatus#pollAfter()} of waiting tasks</td></tr>
 *   <tr><td>{@value #OPTION_VIDEO_AUDIO}</td><td>false</td><td>{@code audio} of Veo 3.1 (audio doubles its price)</td></tr>
 *   <tr><td>{@value #OPTION_VIDEO_DEFAULT_RATIO}</td><td>the model's first</td><td>{@code ratio} when the request gives no aspect ratio, and the one preferred among equal ratios (e.g. {@code 1920:1080} over {@code 1280:720})</td></tr>
 *   <tr><td>{@value #OPTION_VIDEO_CAMERA_IN_PROMPT}</td><td>true</td><td>describe the camera move at the end of the prompt</td></tr>
 *   <tr><td>{@value #OPTION_VIDEO_RATIOS}</td><td>per model</td><td>{@code ratio} values of another model, e.g. {@code 1280:720,720:1280}</td></tr>
 *   <tr><td>{@value #OPTION_VIDEO_DURATIONS}</td><td>per model (5,10)</td><td>durations of another model, e.g. {@code 2-10}</td></tr>
 *   <tr><td>{@value #OPTION_VIDEO_END_FRAME}</td><td>per model (false)</td><td>whether another model takes a last frame</td></tr>
 *   <tr><td>{@value #OPTION_VIDEO_SEED}</td><td>per model (false)</td><td>whether another model takes a seed</td></tr>
 *   <tr><td>{@value #OPTION_PUBLIC_FIGURE_THRESHOLD}</td><td>not sent</td><td>{@code contentModeration.publicFigureThreshold}: {@code auto} or {@code low}</td></tr>
 *   <tr><td>{@value #OPTION_UPLOADS}</td><td>true</td><td>upload images over the 5 MB data URI limit as ephemeral {@code runway://} URIs (else refuse them)</td></tr>
 *   <tr><td>{@value #OPTION_IMAGE_POLL_INTERVAL}</td><td>5s</td><td>wait between polls of an image task</td></tr>
 *   <tr><td>{@value #OPTION_IMAGE_TIMEOUT}</td><td>5m</td><td>longest wait for an image; then the task is cancelled</td></tr>
 * </table>
 * The HTTP layer's options ({@code http.log}, {@code http.max-concurrency}, {@code http.circuit-breaker})
 * apply as well.
 *
 * <p>Prices are Runway's list prices in credits (credits per second of video, per image) times the
 * price of a credit, {@value #DEFAULT_USD_PER_CREDIT} USD by default ({@link #RunwayProviderFactory(BigDecimal)}
 * for another rate). They are <em>estimates</em>: Runway does not report the cost of a task. Video
 * prices are without audio; {@code gen4_image} is priced at its 1080p rate.
 *
 * <p>Stateless and thread-safe; the constructors do no I/O.
 */
public final class RunwayProviderFactory implements ProviderFactory {
  /** The provider id. */
  public static final String ID = "runway";
  /** The environment variable that usually holds the key. */
  public static final String KEY_VARIABLE = "RUNWAYML_API_SECRET";
  /** Runway's API host, the default base URL. */
  public static final String DEFAULT_BASE_URL = "https://api.dev.runwayml.com";
  /** The API version sent by default. */
  public static final String DEFAULT_API_VERSION = "2024-11-06";
  /** The price of one Runway credit in USD, by default. */
  public static final String DEFAULT_USD_PER_CREDIT = "0.01";

  /** Option: {@code X-Runway-Version}. */
  public static final String OPTION_API_VERSION = "api-version";
  /** Option: poll hint of waiting video tasks. */
  public static final String OPTION_VIDEO_POLL_INTERVAL = "video.poll-interval";
  /** Option: Veo 3.1 audio. */
  public static final String OPTION_VIDEO_AUDIO = "video.audio";
  /** Option: ratio when the request has no aspect ratio. */
  public static final String OPTION_VIDEO_DEFAULT_RATIO = "video.default-ratio";
  /** Option: whether to describe the camera move in the prompt. */
  public static final String OPTION_VIDEO_CAMERA_IN_PROMPT = "video.camera-in-prompt";
  /** Option: ratio values of a model not in the catalogue. */
  public static final String OPTION_VIDEO_RATIOS = "video.ratios";
  /** Option: durations of a model not in the catalogue. */
  public static final String OPTION_VIDEO_DURATIONS = "video.durations";
  /** Option: whether a model not in the catalogue takes a last frame. */
  public static final String OPTION_VIDEO_END_FRAME = "video.end-frame";
  /** Option: whether a model not in the catalogue takes a seed. */
  public static final String OPTION_VIDEO_SEED = "video.seed";
  /** Option: {@code contentModeration.publicFigureThreshold}. */
  public static final String OPTION_PUBLIC_FIGURE_THRESHOLD = "content-moderation.public-figure-threshold";
  /** Option: whether large images are uploaded. */
  public static final String OPTION_UPLOADS = "uploads";
  /** Option: wait between polls of an image task. */
  public static final String OPTION_IMAGE_POLL_INTERVAL = "image.poll-interval";
  /** Option: longest wait for an image. */
  public static final String OPTION_IMAGE_TIMEOUT = "image.timeout";

  private final BigDecimal usdPerCredit;

  /** Creates the factory with the default credit price; no I/O. */
  public RunwayProviderFactory() {
    this(new BigDecimal(DEFAULT_USD_PER_CREDIT));
  }

  /**
   * Creates the factory with another price of a credit, for the price book. Register it with
   * {@link dev.vcg.provider.ProviderRegistry#withFactory}.
   *
   * @param usdPerCredit the price of one Runway credit in USD
   * @throws IllegalArgumentException if not positive
   */
  public RunwayProviderFactory(BigDecimal usdPerCredit) {
    Objects.requireNonNull(usdPerCredit, "usdPerCredit");
    if (usdPerCredit.signum() <= 0) {
      throw new IllegalArgumentException("usdPerCredit must be positive: " + usdPerCredit);
    }
    this.usdPerCredit = usdPerCredit;
  }

  /** @return the price of one credit in USD used for the price book */
  public BigDecimal usdPerCredit() {
    return usdPerCredit;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<ProviderKind> kinds() {
    return Set.of(ProviderKind.VIDEO, ProviderKind.IMAGE);
  }

  @Override
  public Optional<String> apiKeyVariable() {
    return Optional.of(KEY_VARIABLE);
  }

  @Override
  public List<ModelInfo> models() {
    return RunwayModels.catalogue(usdPerCredit);
  }

  /**
   * {@code gen4_turbo} for video (start frame only; {@code veo3.1_fast} takes a last frame too),
   * {@code gen4_image} for images.
   *
   * @param kind what for
   * @return the model id
   * @throws UnsupportedCapabilityException for {@link ProviderKind#LLM}
   */
  @Override
  public String defaultModel(ProviderKind kind) {
    switch (kind) {
      case VIDEO:
        return RunwayModels.DEFAULT_VIDEO_MODEL;
      case IMAGE:
        return RunwayModels.DEFAULT_IMAGE_MODEL;
      default:
        throw new UnsupportedCapabilityException(ID, "provider 'runway' does no " + kind);
    }
  }

  /**
   * The catalogue's list prices plus {@code runway/*} for other model ids (12 credits per second,
   * 8 per image). Estimates: Runway does not report the cost of a task.
   *
   * @return the price book
   */
  @Override
  public PriceBook priceBook() {
    return ProviderFactory.super.priceBook().with(PriceBook.builder().price(ID, "*", new Price(
        Money.usd(RunwayModels.usd(RunwayModels.UNKNOWN_IMAGE_CREDITS, usdPerCredit)),
        Money.usd(RunwayModels.usd(RunwayModels.UNKNOWN_VIDEO_CREDITS, usdPerCredit)), Money.ZERO, Money.ZERO))
        .build());
  }

  /**
   * @param config key, base URL, model and options of {@code runway}
   * @return a video provider
   * @throws dev.vcg.provider.ProviderNotConfiguredException if the config holds no key
   * @throws IllegalStateException if an option is invalid
   */
  @Override
  public VideoProvider createVideo(ProviderConfig config) {
    return RunwayVideoProvider.builder().config(config).build();
  }

  /**
   * @param config key, base URL, model and options of {@code runway}
   * @return an image provider (text-to-image)
   * @throws dev.vcg.provider.ProviderNotConfiguredException if the config holds no key
   * @throws IllegalStateException if an option is invalid
   */
  @Override
  public ImageProvider createImage(ProviderConfig config) {
    return RunwayImageProvider.builder().config(config).build();
  }

  @Override
  public String toString() {
    return "RunwayProviderFactory[" + ID + ", usdPerCredit=" + usdPerCredit + "]";
  }
}
