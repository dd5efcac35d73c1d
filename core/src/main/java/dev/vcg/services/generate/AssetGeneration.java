package dev.vcg.services.generate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.vcg.cost.Money;
import java.util.List;

/**
 * What {@link AssetGenerator} made: the assets, and what it could not make and why.
 *
 * @param assets the images made, in the order of the gaps
 * @param warnings gaps left unfilled (provider failed, budget reached, limit reached)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AssetGeneration(List<GeneratedAsset> assets, List<String> warnings) {
  /** Copies. */
  public AssetGeneration {
    assets = assets == null ? List.of() : List.copyOf(assets);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** @return what the assets cost together */
  public Money totalCost() {
    Money t = Money.ZERO;
    for (GeneratedAsset a : assets) {
      t = t.plus(a.cost());
    }
    return t;
  }
}
