package dev.vcg.provider.runway.internal;

import dev.vcg.provider.ImageCapabilities;
import dev.vcg.provider.ImageSize;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One Runway text-to-image model: the {@code ratio} values it accepts (each a pixel size), how many
 * reference images it takes and whether it needs one, and its price in credits per image.
 *
 * @param id the model id, e.g. {@code gen4_image}
 * @param description one line for listings
 * @param ratios the accepted {@code ratio} values ({@code 1920:1080}, …)
 * @param maxReferences the most reference images
 * @param referencesRequired whether at least one reference image is required
 * @param maxPromptLength the longest {@code promptText}
 * @param creditsPerImage list price in credits per image (the 1080p price where it differs)
 */
public record ImageModel(String id, String description, List<String> ratios, int maxReferences,
                         boolean referencesRequired, int maxPromptLength, BigDecimal creditsPerImage) {
  /** Validates and copies. */
  public ImageModel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
    ratios = List.copyOf(ratios);
    Objects.requireNonNull(creditsPerImage, "creditsPerImage");
  }

  /** @return the capabilities: exactly the sizes of the ratio values */
  public ImageCapabilities capabilities() {
    ImageSize[] sizes = ratios.stream().map(r -> ImageSize.of(r.replace(':', 'x'))).toArray(ImageSize[]::new);
    return ImageCapabilities.builder().sizes(sizes).maxReferenceImages(maxReferences).seed(true)
        .maxPromptLength(maxPromptLength).build();
  }

  /**
   * @param size a declared size
   * @return its {@code ratio} value, e.g. {@code 1920:1080}
   */
  public static String ratioOf(ImageSize size) {
    return size.width() + ":" + size.height();
  }
}
