package dev.vcg;

import dev.vcg.cost.Money;
import dev.vcg.direction.VideoStyle;
import dev.vcg.provider.AspectRatio;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of {@link VideoCreationGateway#createVideo(String, VideoOptions)}: length, style,
 * aspect ratio, quality, mode, budget and where the MP4 goes.
 *
 * <pre>{@code
 * VideoOptions options = VideoOptions.builder()
 *     .seconds(15)
 *     .style(VideoStyle.CINEMATIC)
 *     .output(Path.of("lighthouse.mp4"))
 *     .maxCost(Money.usd("3.00"))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class VideoOptions {
  /** The longest video, in seconds. */
  public static final int MAX_SECONDS = 3600;

  private static final VideoOptions DEFAULTS = builder().build();

  private final int seconds;
  private final VideoStyle style;
  private final AspectRatio aspectRatio;
  private final Quality quality;
  private final GenerationMode mode;
  private final Money maxCost;
  private final Path output;
  private final boolean reviewFrames;
  private final Long seed;

  private VideoOptions(Builder b) {
    this.seconds = b.seconds;
    this.style = b.style;
    this.aspectRatio = b.aspectRatio;
    this.quality = b.quality;
    this.mode = b.mode;
    this.maxCost = b.maxCost;
    this.output = b.output;
    this.reviewFrames = b.reviewFrames;
    this.seed = b.seed;
  }

  /** @return a builder with the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return 30 seconds, 16:9, standard quality, directed, no budget, into the asset directory */
  public static VideoOptions defaults() {
    return DEFAULTS;
  }

  /** @return the wanted length in seconds (default 30) */
  public int seconds() {
    return seconds;
  }

  /** @return the visual style, if chosen */
  public Optional<VideoStyle> style() {
    return Optional.ofNullable(style);
  }

  /** @return the aspect ratio (default 16:9) */
  public AspectRatio aspectRatio() {
    return aspectRatio;
  }

  /** @return the quality (default standard) */
  public Quality quality() {
    return quality;
  }

  /** @return how the video is made (default directed) */
  public GenerationMode mode() {
    return mode;
  }

  /** @return the most it may cost, if capped */
  public Optional<Money> maxCost() {
    return Optional.ofNullable(maxCost);
  }

  /** @return where the MP4 goes, if given */
  public Optional<Path> output() {
    return Optional.ofNullable(output);
  }

  /** @return whether to stop for approval of the frames before paying for clips */
  public boolean reviewFrames() {
    return reviewFrames;
  }

  /** @return the seed, if fixed */
  public Optional<Long> seed() {
    return Optional.ofNullable(seed);
  }

  /** @return a builder holding these values */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.seconds = seconds;
    b.style = style;
    b.aspectRatio = aspectRatio;
    b.quality = quality;
    b.mode = mode;
    b.maxCost = maxCost;
    b.output = output;
    b.reviewFrames = reviewFrames;
    b.seed = seed;
    return b;
  }

  /**
   * @param prompt what the video shows
   * @return the gateway request these options make: render on, questions off
   */
  GatewayRequest toRequest(String prompt) {
    GatewayInput input = GatewayInput.builder().prompt(prompt).durationSeconds(seconds).style(style)
        .aspectRatio(aspectRatio).build();
    GatewayOptions options = GatewayOptions.builder().interactive(false).render(true).mode(mode).quality(quality)
        .maxCost(maxCost).output(output).reviewFrames(reviewFrames).seed(seed).build();
    return GatewayRequest.builder().input(input).options(options).build();
  }

  @Override
  public String toString() {
    return "VideoOptions[" + seconds + " s, " + aspectRatio + ", " + quality.wireName() + ", " + mode.wireName()
        + (style == null ? "" : ", " + style.wireName()) + (maxCost == null ? "" : ", maxCost=" + maxCost)
        + (output == null ? "" : ", " + output) + "]";
  }

  /** Builds {@link VideoOptions}. Not thread-safe. */
  public static final class Builder {
    private int seconds = SimpleTextWorkflow.DEFAULT_SECONDS;
    private VideoStyle style;
    private AspectRatio aspectRatio = AspectRatio.LANDSCAPE_16_9;
    private Quality quality = Quality.STANDARD;
    private GenerationMode mode = GenerationMode.DIRECTED;
    private Money maxCost;
    private Path output;
    private boolean reviewFrames;
    private Long seed;

    private Builder() {
    }

    /**
     * @param seconds the wanted length, 1 to {@value #MAX_SECONDS}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder seconds(int seconds) {
      if (seconds < 1 || seconds > MAX_SECONDS) {
        throw new IllegalArgumentException("seconds must be within 1.." + MAX_SECONDS + ": " + seconds);
      }
      this.seconds = seconds;
      return this;
    }

    /**
     * @param style the visual style, or null to let the director choose
     * @return this builder
     */
    public Builder style(VideoStyle style) {
      this.style = style;
      return this;
    }

    /**
     * @param ratio the aspect ratio
     * @return this builder
     */
    public Builder aspectRatio(AspectRatio ratio) {
      this.aspectRatio = Objects.requireNonNull(ratio, "aspectRatio");
      return this;
    }

    /**
     * @param quality draft, standard or premium
     * @return this builder
     */
    public Builder quality(Quality quality) {
      this.quality = Objects.requireNonNull(quality, "quality");
      return this;
    }

    /**
     * @param mode directed or flow
     * @return this builder
     */
    public Builder mode(GenerationMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * @param maxCost the most it may cost, or null for no cap beyond the gateway's
     * @return this builder
     */
    public Builder maxCost(Money maxCost) {
      this.maxCost = maxCost;
      return this;
    }

    /**
     * @param output where the MP4 goes (its directory must exist), or null for the asset directory
     * @return this builder
     */
    public Builder output(Path output) {
      this.output = output == null ? null : output.toAbsolutePath().normalize();
      return this;
    }

    /**
     * @param review whether to stop for approval of the frames before paying for clips
     * @return this builder
     */
    public Builder reviewFrames(boolean review) {
      this.reviewFrames = review;
      return this;
    }

    /**
     * @param seed the seed, or null to draw one
     * @return this builder
     */
    public Builder seed(Long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * @return the options
     * @throws IllegalStateException if {@code reviewFrames} is set with {@code mode = FLOW}
     */
    public VideoOptions build() {
      if (reviewFrames && mode == GenerationMode.FLOW) {
        throw new IllegalStateException("reviewFrames is supported in directed mode only, not with mode flow");
      }
      return new VideoOptions(this);
    }
  }
}
