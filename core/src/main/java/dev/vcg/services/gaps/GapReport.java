package dev.vcg.services.gaps;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What a plan lacks, most important first.
 *
 * @param gaps the gaps (one per kind at most)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GapReport(List<AssetGap> gaps) {
  /** Copies. */
  public GapReport {
    gaps = gaps == null ? List.of() : List.copyOf(gaps);
  }

  /** @return whether anything is missing */
  @JsonIgnore
  public boolean hasGaps() {
    return !gaps.isEmpty();
  }
}
