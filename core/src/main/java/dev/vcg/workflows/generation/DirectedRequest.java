package dev.vcg.workflows.generation;

import dev.vcg.cost.Money;
import dev.vcg.direction.VideoDirection;
import dev.vcg.media.StitchRequest;
import dev.vcg.media.Transition;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.ImageSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link DirectedGeneration} run makes: the plan to render, the frame shape, the seed, the
 * budget, where the MP4 goes, and whether to stop for a review of the frames before paying for
 * clips. Immutable and thread-safe.
 *
 * <pre>{@code
 * DirectedRequest request = DirectedRequest.builder()
 *     .direction(plan)
 *     .aspectRatio(AspectRatio.LANDSCAPE_16_9)
 *     .maxCost(Money.usd("5.00"))
 *     .output(Path.of("forge.mp4"))
 *     .build();
 * }</pre>
 */
public final class DirectedRequest {
  private final VideoDirection direction;
  private final AspectRatio aspectRatio;
  private final ImageSize frameSize;
  private final Long seed;
  private final Money maxCost;
  private final Path output;
  private final String negativePrompt;
  private final boolean reviewFrames;
  private final Duration transitionDuration;

  private DirectedRequest(Builder b) {
    this.direction = b.direction;
    this.aspectRatio = b.aspectRatio;
    this.frameSize = b.frameSize;
    this.seed = b.seed;
    this.maxCost = b.maxCost;
    this.output = b.output;
    this.negativePrompt = b.negativePrompt;
    this.reviewFrames = b.reviewFrames;
    this.transitionDuration = b.transitionDuration;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the plan to render */
  public VideoDirection direction() {
    return direction;
  }

  /** @return the frames' aspect ratio (default 16:9) */
  public AspectRatio aspectRatio() {
    return aspectRatio;
  }

  /**
   * @return the wanted frame size, if given; otherwise 1280 pixels on the long side at
   *     {@link #aspectRatio()}. Either is moved to the nearest size the image model makes.
   */
  public Optional<ImageSize> frameSize() {
    return Optional.ofNullable(frameSize);
  }

  /** @return the seed for every frame (and clip, where supported), if given; else one is drawn and kept */
  public Optional<Long> seed() {
    return Optional.ofNullable(seed);
  }

  /** @return the most the run may spend, if capped */
  public Optional<Money> maxCost() {
    return Optional.ofNullable(maxCost);
  }

  /** @return where the MP4 is written, if given; else into the run's asset directory */
  public Optional<Path> output() {
    return Optional.ofNullable(output);
  }

  /** @return what the frames should avoid, if given */
  public Optional<String> negativePrompt() {
    return Optional.ofNullable(negativePrompt);
  }

  /**
   * @return whether the run stops once every frame exists, suspended with the cost of the clips,
   *     until it is resumed with {@link DirectedGeneration#APPROVE} = {@code yes}
   */
  public boolean reviewFrames() {
    return reviewFrames;
  }

  /** @return the length of each non-cut transition of the plan (default 0.5 s) */
  public Duration transitionDuration() {
    return transitionDuration;
  }

  /** @return a builder holding these values */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.direction = direction;
    b.aspectRatio = aspectRatio;
    b.frameSize = frameSize;
    b.seed = seed;
    b.maxCost = maxCost;
    b.output = output;
    b.negativePrompt = negativePrompt;
    b.reviewFrames = reviewFrames;
    b.transitionDuration = transitionDuration;
    return b;
  }

  @Override
  public String toString() {
    return "DirectedRequest[" + direction.title() + ", " + direction.shots().size() + " shots, " + aspectRatio
        + (maxCost == null ? "" : ", maxCost=" + maxCost) + (reviewFrames ? ", review" : "") + "]";
  }

  /** Builds a {@link DirectedRequest}. Not thread-safe. */
  public static final class Builder {
    private VideoDirection direction;
    private AspectRatio aspectRatio = AspectRatio.LANDSCAPE_16_9;
    private ImageSize frameSize;
    private Long seed;
    private Money maxCost;
    private Path output;
    private String negativePrompt;
    private boolean reviewFrames;
    private Duration transitionDuration = StitchRequest.DEFAULT_TRANSITION_DURATION;

    private Builder() {
    }

    /**
     * @param direction the plan to render (required)
     * @return this builder
     */
    public Builder direction(VideoDirection direction) {
      this.direction = Objects.requireNonNull(direction, "direction");
      return this;
    }

    /**
     * @param ratio the frames' aspect ratio
     * @return this builder
     */
    public Builder aspectRatio(AspectRatio ratio) {
      this.aspectRatio = Objects.requireNonNull(ratio, "aspectRatio");
      return this;
    }

    /**
     * @param size the wanted frame size, or null for 1280 on the long side
     * @return this builder
     */
    public Builder frameSize(ImageSize size) {
      this.frameSize = size;
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
     * @param maxCost the most the run may spend, or null for no cap
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
      this.output = output;
      return this;
    }

    /**
     * @param negativePrompt what frames should avoid, or null
     * @return this builder
     */
    public Builder negativePrompt(String negativePrompt) {
      this.negativePrompt = negativePrompt == null || negativePrompt.isBlank() ? null : negativePrompt;
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
     * @param duration the length of each non-cut transition
     * @return this builder
     * @throws IllegalArgumentException if not positive or longer than {@link Transition#MAX_DURATION}
     */
    public Builder transitionDuration(Duration duration) {
      Objects.requireNonNull(duration, "transitionDuration");
      if (duration.isNegative() || duration.isZero() || duration.compareTo(Transition.MAX_DURATION) > 0) {
        throw new IllegalArgumentException("transitionDuration must be positive and at most "
            + Transition.MAX_DURATION.toSeconds() + " s: " + duration);
      }
      this.transitionDuration = duration;
      return this;
    }

    /**
     * @return the request
     * @throws IllegalStateException if the direction is missing
     */
    public DirectedRequest build() {
      if (direction == null) {
        throw new IllegalStateException("direction is required");
      }
      return new DirectedRequest(this);
    }
  }
}
