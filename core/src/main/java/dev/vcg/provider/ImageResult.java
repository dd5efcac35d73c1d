package dev.vcg.provider;

import dev.vcg.cost.Money;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an image generation returned.
 *
 * @param images the images, at least one
 * @param model the model that made them
 * @param seed the seed used, if the provider reported it, else null
 * @param cost the actual cost if the provider reported it, else null
 * @param requestId the provider's request id, or null
 */
public record ImageResult(List<GeneratedImage> images, String model, Long seed, Money cost, String requestId) {
  /** Validates and copies. */
  public ImageResult {
    images = List.copyOf(Objects.requireNonNull(images, "images"));
    if (images.isEmpty()) {
      throw new IllegalArgumentException("an image result holds at least one image");
    }
    Objects.requireNonNull(model, "model");
  }

  /** @return the first image */
  public GeneratedImage first() {
    return images.get(0);
  }

  /** @return the actual cost, when reported */
  public Optional<Money> actualCost() {
    return Optional.ofNullable(cost);
  }
}
