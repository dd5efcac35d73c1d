package dev.vcg.cost;

import dev.vcg.provider.TokenUsage;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one model charges, per unit. Units not charged are {@link Money#ZERO}.
 *
 * @param perImage per generated image
 * @param perVideoSecond per second of generated video
 * @param perMillionInputTokens per million prompt tokens
 * @param perMillionOutputTokens per million completion tokens
 */
public record Price(Money perImage, Money perVideoSecond, Money perMillionInputTokens,
                    Money perMillionOutputTokens) {
  /** Costs nothing (the offline providers). */
  public static final Price FREE = new Price(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);

  /** Validates. */
  public Price {
    Objects.requireNonNull(perImage, "perImage");
    Objects.requireNonNull(perVideoSecond, "perVideoSecond");
    Objects.requireNonNull(perMillionInputTokens, "perMillionInputTokens");
    Objects.requireNonNull(perMillionOutputTokens, "perMillionOutputTokens");
  }

  /**
   * @param usd per image, e.g. {@code "0.025"}
   * @return an image price
   */
  public static Price perImage(String usd) {
    return new Price(Money.usd(usd), Money.ZERO, Money.ZERO, Money.ZERO);
  }

  /**
   * @param usd per second of video, e.g. {@code "0.098"}
   * @return a video price
   */
  public static Price perVideoSecond(String usd) {
    return new Price(Money.ZERO, Money.usd(usd), Money.ZERO, Money.ZERO);
  }

  /**
   * @param inputUsd per million prompt tokens
   * @param outputUsd per million completion tokens
   * @return a token price
   */
  public static Price perMillionTokens(String inputUsd, String outputUsd) {
    return new Price(Money.ZERO, Money.ZERO, Money.usd(inputUsd), Money.usd(outputUsd));
  }

  /**
   * @param usage tokens used
   * @return their cost
   */
  public Money forTokens(TokenUsage usage) {
    BigDecimal million = BigDecimal.valueOf(1_000_000);
    BigDecimal in = perMillionInputTokens.amount().multiply(BigDecimal.valueOf(usage.inputTokens()));
    BigDecimal out = perMillionOutputTokens.amount().multiply(BigDecimal.valueOf(usage.outputTokens()));
    return Money.of(in.add(out).divide(million, 6, java.math.RoundingMode.HALF_UP));
  }

  /**
   * @param seconds video length
   * @return its cost
   */
  public Money forVideo(double seconds) {
    return perVideoSecond.times(seconds);
  }

  /**
   * @param count images
   * @return their cost
   */
  public Money forImages(int count) {
    return perImage.times((long) count);
  }
}
