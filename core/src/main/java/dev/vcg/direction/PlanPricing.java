package dev.vcg.direction;

import dev.vcg.cost.Money;
import dev.vcg.cost.PriceBook;
import dev.vcg.provider.VideoCapabilities;
import java.util.Objects;
import java.util.Optional;

/**
 * Which providers and models a plan would be generated with, and anything known about its cost,
 * for {@link AiDirector#estimateCost}. Every part is optional: a part with no provider costs
 * nothing in the estimate.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * PlanPricing pricing = PlanPricing.builder()
 *     .llm("openrouter", "anthropic/claude-3.5-sonnet")
 *     .image("fal", "fal-ai/flux/dev")
 *     .video("fal", "fal-ai/kling-video/v2.1/pro/image-to-video")
 *     .build();
 * }</pre>
 */
public final class PlanPricing {
  /** No providers: an estimate of counts only, every amount zero. */
  public static final PlanPricing NONE = builder().build();

  private final Choice llm;
  private final Choice image;
  private final Choice video;
  private final PriceBook priceBook;
  private final Money compile;
  private final Money llmCost;
  private final VideoCapabilities videoCapabilities;

  private PlanPricing(Builder b) {
    this.llm = b.llm;
    this.image = b.image;
    this.video = b.video;
    this.priceBook = b.priceBook;
    this.compile = b.compile;
    this.llmCost = b.llmCost;
    this.videoCapabilities = b.videoCapabilities;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A provider and model.
   *
   * @param providerId the provider's id
   * @param model the model id
   */
  public record Choice(String providerId, String model) {
    /** Validates. */
    public Choice {
      Objects.requireNonNull(providerId, "providerId");
      Objects.requireNonNull(model, "model");
    }

    @Override
    public String toString() {
      return providerId + "/" + model;
    }
  }

  /** @return the language model, if chosen */
  public Optional<Choice> llm() {
    return Optional.ofNullable(llm);
  }

  /** @return the image model, if chosen */
  public Optional<Choice> image() {
    return Optional.ofNullable(image);
  }

  /** @return the video model, if chosen */
  public Optional<Choice> video() {
    return Optional.ofNullable(video);
  }

  /** @return prices that win over the director's price book, if given */
  public Optional<PriceBook> priceBook() {
    return Optional.ofNullable(priceBook);
  }

  /** @return the cost of compiling the clips (zero when stitched locally) */
  public Money compile() {
    return compile;
  }

  /** @return what the language model calls actually cost, if known (else it is estimated) */
  public Optional<Money> llmCost() {
    return Optional.ofNullable(llmCost);
  }

  /** @return the video model's capabilities to snap clip lengths to, if given (else the director's) */
  public Optional<VideoCapabilities> videoCapabilities() {
    return Optional.ofNullable(videoCapabilities);
  }

  /** @return a builder holding these values */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.llm = llm;
    b.image = image;
    b.video = video;
    b.priceBook = priceBook;
    b.compile = compile;
    b.llmCost = llmCost;
    b.videoCapabilities = videoCapabilities;
    return b;
  }

  @Override
  public String toString() {
    return "PlanPricing[llm=" + llm + ", image=" + image + ", video=" + video + ", compile=" + compile + "]";
  }

  /** Builds a {@link PlanPricing}. Not thread-safe. */
  public static final class Builder {
    private Choice llm;
    private Choice image;
    private Choice video;
    private PriceBook priceBook;
    private Money compile = Money.ZERO;
    private Money llmCost;
    private VideoCapabilities videoCapabilities;

    private Builder() {
    }

    /**
     * @param providerId the language model's provider
     * @param model its model id
     * @return this builder
     */
    public Builder llm(String providerId, String model) {
      this.llm = new Choice(providerId, model);
      return this;
    }

    /**
     * @param providerId the image provider
     * @param model its model id
     * @return this builder
     */
    public Builder image(String providerId, String model) {
      this.image = new Choice(providerId, model);
      return this;
    }

    /**
     * @param providerId the video provider
     * @param model its model id
     * @return this builder
     */
    public Builder video(String providerId, String model) {
      this.video = new Choice(providerId, model);
      return this;
    }

    /**
     * @param book prices that win over the director's price book, or null
     * @return this builder
     */
    public Builder priceBook(PriceBook book) {
      this.priceBook = book;
      return this;
    }

    /**
     * @param cost what compiling the clips costs (default zero)
     * @return this builder
     */
    public Builder compile(Money cost) {
      this.compile = Objects.requireNonNull(cost, "cost");
      return this;
    }

    /**
     * @param cost what the language model calls actually cost, or null to estimate it
     * @return this builder
     */
    public Builder llmCost(Money cost) {
      this.llmCost = cost;
      return this;
    }

    /**
     * @param capabilities the video model's capabilities to snap clip lengths to, or null
     * @return this builder
     */
    public Builder videoCapabilities(VideoCapabilities capabilities) {
      this.videoCapabilities = capabilities;
      return this;
    }

    /** @return the pricing */
    public PlanPricing build() {
      return new PlanPricing(this);
    }
  }
}
