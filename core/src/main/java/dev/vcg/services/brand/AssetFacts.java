package dev.vcg.services.brand;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.vcg.InputAsset;
import dev.vcg.media.DominantColor;
import dev.vcg.services.assets.AssetAnalysis;
import java.util.List;
import java.util.Objects;

/**
 * What a plan needs of one analysed user asset, in a form a workflow can checkpoint.
 *
 * @param asset the user's asset (its media, role and name)
 * @param mimeType the detected type
 * @param width pixels
 * @param height pixels
 * @param colors dominant colours, largest share first
 * @param transparent whether a visible share of the image is transparent
 * @param brightness mean brightness, 0 (black) to 1 (white)
 * @param description what a vision model saw, or null
 * @param warnings what could not be analysed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AssetFacts(InputAsset asset, String mimeType, int width, int height, List<DominantColor> colors,
                         boolean transparent, double brightness, String description, List<String> warnings) {
  /** Validates and copies. */
  public AssetFacts {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(mimeType, "mimeType");
    colors = colors == null ? List.of() : List.copyOf(colors);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /**
   * @param asset the user's asset
   * @param analysis what the analyzer found in it
   * @return the facts
   */
  public static AssetFacts of(InputAsset asset, AssetAnalysis analysis) {
    Objects.requireNonNull(analysis, "analysis");
    return new AssetFacts(asset, analysis.mimeType(), analysis.width(), analysis.height(), analysis.dominantColors(),
        analysis.usesTransparency(), analysis.brightness(), analysis.description().orElse(null), analysis.warnings());
  }

  /** @return whether the user marked it as the logo */
  public boolean isLogo() {
    return asset.isLogo();
  }

  /** @return a display name: the asset's name, else its role */
  public String label() {
    return asset.name() == null ? asset.role() : asset.name();
  }
}
