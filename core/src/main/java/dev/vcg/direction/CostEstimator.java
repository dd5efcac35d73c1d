package dev.vcg.direction;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vcg.cost.CostEstimate;
import dev.vcg.cost.Money;
import dev.vcg.cost.Price;
import dev.vcg.cost.PriceBook;
import dev.vcg.direction.internal.ShotTiming;
import dev.vcg.internal.Json;
import dev.vcg.provider.TokenUsage;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Prices a plan: frames (shared across continuous boundaries), clips per second of their snapped
 * length, the language model's calls and compilation.
 */
final class CostEstimator {
  /** Prompt tokens of one planning call: the system prompt and the input, roughly. */
  static final long ESTIMATED_PROMPT_TOKENS = 2_000;

  private CostEstimator() {
  }

  static CostEstimate estimate(VideoDirection direction, PlanPricing pricing, PriceBook directorBook,
                               SortedSet<Integer> allowedDurations) {
    PriceBook book = pricing.priceBook().map(directorBook::with).orElse(directorBook);
    List<DirectedShot> shots = direction.shots();
    int images = imageCount(shots);
    double seconds = shots.stream().mapToDouble(s -> ShotTiming.snap(s.duration(), allowedDurations)).sum();
    Money llm = pricing.llmCost().orElseGet(() -> price(book, pricing.llm())
        .map(p -> p.forTokens(estimatedUsage(direction))).orElse(Money.ZERO));
    Money imageCost = price(book, pricing.image()).map(p -> p.forImages(images)).orElse(Money.ZERO);
    Money videoCost = price(book, pricing.video()).map(p -> p.forVideo(seconds)).orElse(Money.ZERO);
    return CostEstimate.of(llm, imageCost, videoCost, pricing.compile(),
        new CostEstimate.Breakdown(images, shots.size(), seconds));
  }

  /** Two frames per shot, less one for every boundary the picture flows across (cut, crossfade). */
  static int imageCount(List<DirectedShot> shots) {
    int count = 2 * shots.size();
    for (int i = 0; i + 1 < shots.size(); i++) {
      if (shots.get(i).transitionOutOrCut().isContinuous()) {
        count--;
      }
    }
    return count;
  }

  static TokenUsage estimatedUsage(VideoDirection direction) {
    try {
      int chars = Json.mapper().writeValueAsString(direction.withEstimatedCost(null)).length();
      return new TokenUsage(ESTIMATED_PROMPT_TOKENS, (chars + 3) / 4);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the plan", e);
    }
  }

  private static Optional<Price> price(PriceBook book, Optional<PlanPricing.Choice> choice) {
    return choice.flatMap(c -> book.find(c.providerId(), c.model()));
  }
}
