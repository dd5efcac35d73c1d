package dev.vcg.services.generate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.vcg.cost.Money;
import dev.vcg.media.MediaRef;
import dev.vcg.services.gaps.GapKind;
import java.util.Objects;

/**
 * An image made to fill a gap, kept in the asset store.
 *
 * @param id a short id, e.g. {@code generated-logo}
 * @param kind the gap it fills
 * @param media the stored file
 * @param width pixels
 * @param height pixels
 * @param prompt the prompt it was made from
 * @param providerId the image provider
 * @param model the model that made it
 * @param cost what it cost ({@link Money#ZERO} for a cache hit)
 * @param cacheHit whether it came from the cache
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GeneratedAsset(String id, GapKind kind, MediaRef.File media, int width, int height, String prompt,
                             String providerId, String model, Money cost, boolean cacheHit) {
  /** Validates. */
  public GeneratedAsset {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(media, "media");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(cost, "cost");
  }
}
