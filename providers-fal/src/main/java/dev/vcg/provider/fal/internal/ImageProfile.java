package dev.vcg.provider.fal.internal;

import dev.vcg.cost.Price;
import dev.vcg.provider.ImageCapabilities;
import java.util.Objects;

/**
 * How one fal image model is called: how the size is sent, the names of the output-format,
 * negative-prompt and reference-image fields (null when the model has none), its capabilities
 * and list price.
 *
 * @param id the fal model id
 * @param description one line for listings
 * @param sizeMode how the wanted size is sent
 * @param formatField the output-format field ({@code output_format}, SDXL's {@code format}), or null
 * @param negativePromptField the negative-prompt field, or null
 * @param referenceField the field taking one reference image, or null
 * @param capabilities what the model can do
 * @param price the list price (an estimate)
 */
public record ImageProfile(String id, String description, SizeMode sizeMode, String formatField,
                           String negativePromptField, String referenceField, ImageCapabilities capabilities,
                           Price price) {
  /** How a model takes the wanted size. */
  public enum SizeMode {
    /** {@code image_size}: a preset name ({@code landscape_4_3}) or {@code {width, height}}. */
    IMAGE_SIZE,
    /** {@code aspect_ratio}: the nearest of the model's ratios ({@code 16:9}); the output has the model's resolution. */
    ASPECT_RATIO,
    /** The size is not sent. */
    NONE
  }

  /** Validates. */
  public ImageProfile {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(sizeMode, "sizeMode");
    Objects.requireNonNull(capabilities, "capabilities");
    Objects.requireNonNull(price, "price");
  }
}
