package dev.vcg.cost;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Objects;

/**
 * What a plan will cost before anything is paid: language model, images, videos and
 * compilation, with the counts behind them.
 *
 * @param llm language model calls
 * @param images image generation
 * @param videos video generation
 * @param compile stitching and compilation (zero when done locally)
 * @param total the sum
 * @param breakdown the counts behind the amounts
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CostEstimate(Money llm, Money images, Money videos, Money compile, Money total,
                           Breakdown breakdown) {
  /** An estimate of nothing. */
  public static final CostEstimate ZERO = of(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, new Breakdown(0, 0, 0));

  /** Validates; a missing total is computed. */
  public CostEstimate {
    Objects.requireNonNull(llm, "llm");
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(videos, "videos");
    Objects.requireNonNull(compile, "compile");
    Objects.requireNonNull(breakdown, "breakdown");
    Money sum = llm.plus(images).plus(videos).plus(compile);
    if (total == null) {
      total = sum;
    } else if (total.compareTo(sum) != 0) {
      throw new IllegalArgumentException("total " + total + " is not the sum of the parts " + sum);
    }
  }

  /**
   * @param llm language model calls
   * @param images image generation
   * @param videos video generation
   * @param compile compilation
   * @param breakdown counts
   * @return the estimate with its total
   */
  public static CostEstimate of(Money llm, Money images, Money videos, Money compile, Breakdown breakdown) {
    return new CostEstimate(llm, images, videos, compile, null, breakdown);
  }

  /**
   * The counts behind an estimate.
   *
   * @param imageCount images to generate
   * @param videoCount clips to generate
   * @param totalDuration seconds of video
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Breakdown(int imageCount, int videoCount, double totalDuration) {
    /** Validates. */
    public Breakdown {
      if (imageCount < 0 || videoCount < 0 || totalDuration < 0) {
        throw new IllegalArgumentException("counts cannot be negative");
      }
    }
  }
}
