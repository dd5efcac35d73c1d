package dev.vcg;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import dev.vcg.cost.Money;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link GatewayRequest} is handled: whether questions may be asked, the quality, whether
 * assets may be generated while planning, whether the plan is rendered into a video (and how),
 * the budget, where the video goes, and whether to stop for a review of the frames before paying
 * for clips.
 *
 * <pre>{@code
 * GatewayOptions options = GatewayOptions.builder()
 *     .interactive(true)
 *     .quality(Quality.DRAFT)
 *     .render(true)
 *     .maxCost(Money.usd("2.00"))
 *     .build();
 * }</pre>
 *
 * <p>Immutable, thread-safe and serialisable with the library's JSON mapper (a suspended
 * workflow keeps its request).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonDeserialize(builder = GatewayOptions.Builder.class)
public final class GatewayOptions {
  private static final GatewayOptions DEFAULTS = builder().build();

  private final boolean interactive;
  private final Quality quality;
  private final boolean includeAssetGeneration;
  private final boolean render;
  private final GenerationMode mode;
  private final Money maxCost;
  private final String output;
  private final boolean reviewFrames;
  private final Long seed;

  private GatewayOptions(Builder b) {
    this.interactive = b.interactive;
    this.quality = b.quality;
    this.includeAssetGeneration = b.includeAssetGeneration;
    this.render = b.render;
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

  /**
   * @return the defaults: no questions, standard quality, no asset generation, plan only, no
   *     budget beyond the gateway's
   */
  public static GatewayOptions defaults() {
    return DEFAULTS;
  }

  /** @return whether the gateway may stop and ask clarifying questions (default false) */
  public boolean interactive() {
    return interactive;
  }

  /** @return the quality: frame size, models and shot lengths scale with it (default standard) */
  public Quality quality() {
    return quality;
  }

  /** @return whether planning may generate missing assets (logos, backgrounds) with the image provider */
  public boolean includeAssetGeneration() {
    return includeAssetGeneration;
  }

  /** @return whether the plan is rendered into a video after it is made (default false: plan only) */
  public boolean render() {
    return render;
  }

  /** @return how the video is made when {@link #render()} is set (default directed) */
  public GenerationMode mode() {
    return mode;
  }

  /**
   * @return the most this request may spend, if capped; the gateway's own
   *     {@link VideoCreationGateway.Builder#maxCost cap}, when set, applies too (the lower wins)
   */
  public Optional<Money> maxCost() {
    return Optional.ofNullable(maxCost);
  }

  /** @return where the MP4 is written, if given; else into the asset directory */
  public Optional<Path> output() {
    return Optional.ofNullable(output).map(Path::of);
  }

  /**
   * @return whether rendering stops once the frames exist, with the cost of the clips, until the
   *     workflow is continued with {@code approve = yes} (directed mode only)
   */
  public boolean reviewFrames() {
    return reviewFrames;
  }

  /** @return the seed for frames and clips, if fixed */
  public Optional<Long> seed() {
    return Optional.ofNullable(seed);
  }

  /** @return a builder holding these values */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.interactive = interactive;
    b.quality = quality;
    b.includeAssetGeneration = includeAssetGeneration;
    b.render = render;
    b.mode = mode;
    b.maxCost = maxCost;
    b.output = output;
    b.reviewFrames = reviewFrames;
    b.seed = seed;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GatewayOptions g && g.interactive == interactive && g.quality == quality
        && g.includeAssetGeneration == includeAssetGeneration && g.render == render && g.mode == mode
        && Objects.equals(g.maxCost, maxCost) && Objects.equals(g.output, output) && g.reviewFrames == reviewFrames
        && Objects.equals(g.seed, seed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(interactive, quality, includeAssetGeneration, render, mode, maxCost, output, reviewFrames,
        seed);
  }

  @Override
  public String toString() {
    return "GatewayOptions[quality=" + quality.wireName() + (interactive ? ", interactive" : "")
        + (includeAssetGeneration ? ", assets" : "") + (render ? ", render " + mode.wireName() : ", plan only")
        + (maxCost == null ? "" : ", maxCost=" + maxCost) + (reviewFrames ? ", review frames" : "") + "]";
  }

  /** Builds {@link GatewayOptions}. Not thread-safe. */
  @JsonPOJOBuilder(withPrefix = "")
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static final class Builder {
    private boolean interactive;
    private Quality quality = Quality.STANDARD;
    private boolean includeAssetGeneration;
    private boolean render;
    private GenerationMode mode = GenerationMode.DIRECTED;
    private Money maxCost;
    private String output;
    private boolean reviewFrames;
    private Long seed;

    private Builder() {
    }

    /**
     * @param interactive whether clarifying questions may be asked
     * @return this builder
     */
    public Builder interactive(boolean interactive) {
      this.interactive = interactive;
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
     * @param include whether planning may generate missing assets
     * @return this builder
     */
    public Builder includeAssetGeneration(boolean include) {
      this.includeAssetGeneration = include;
      return this;
    }

    /**
     * @param render whether to render the plan into a video
     * @return this builder
     */
    public Builder render(boolean render) {
      this.render = render;
      return this;
    }

    /**
     * @param mode how the video is made
     * @return this builder
     */
    public Builder mode(GenerationMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * @param maxCost the most the request may spend (planning and rendering together), or null
     * @return this builder
     */
    public Builder maxCost(Money maxCost) {
      this.maxCost = maxCost;
      return this;
    }

    /**
     * @param output where the MP4 is written (its directory must exist), or null for the asset directory
     * @return this builder
     */
    public Builder output(Path output) {
      this.output = output == null ? null : output.toAbsolutePath().normalize().toString();
      return this;
    }

    /**
     * @param review whether to stop for approval once the frames exist, before any clip is paid for
     * @return this builder
     */
    public Builder reviewFrames(boolean review) {
      this.reviewFrames = review;
      return this;
    }

    /**
     * @param seed the seed for frames and clips, or null to draw one
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
    public GatewayOptions build() {
      if (reviewFrames && mode == GenerationMode.FLOW) {
        throw new IllegalStateException("reviewFrames is supported in directed mode only, not with mode flow");
      }
      return new GatewayOptions(this);
    }
  }
}
