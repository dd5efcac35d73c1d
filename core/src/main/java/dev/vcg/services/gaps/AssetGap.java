package dev.vcg.services.gaps;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Objects;

/**
 * Something a plan lacks, why, and a prompt that would make it.
 *
 * @param kind what is missing
 * @param reason why it is considered missing
 * @param prompt an image prompt that fills the gap, in the brand's colours
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AssetGap(GapKind kind, String reason, String prompt) {
  /** Validates. */
  public AssetGap {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(prompt, "prompt");
    if (prompt.isBlank()) {
      throw new IllegalArgumentException("prompt is blank");
    }
  }
}
