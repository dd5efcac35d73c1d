package dev.vcg.provider;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.vcg.cost.Money;
import dev.vcg.media.MediaRef;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished clip. Provider URLs often expire (Runway's within hours): download the video
 * promptly into the asset store.
 *
 * @param video the clip (usually a URL)
 * @param durationSeconds its length if the provider said, else 0
 * @param cost what the provider reported it cost, or null when it does not say
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VideoResult(MediaRef video, double durationSeconds, Money cost) {
  /** Validates. */
  public VideoResult {
    Objects.requireNonNull(video, "video");
  }

  /** @return the actual cost, when the provider reports one */
  public Optional<Money> actualCost() {
    return Optional.ofNullable(cost);
  }
}
