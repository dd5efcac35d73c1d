package dev.vcg.provider.fal.internal;

import dev.vcg.cost.Price;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.VideoCapabilities;
import java.util.List;
import java.util.Objects;

/**
 * How one fal image-to-video model is called: the names of its fields (they differ between
 * Kling versions), how the duration is written, its capabilities and list price.
 *
 * @param id the fal model id
 * @param description one line for listings
 * @param startField the start-frame field ({@code image_url} or {@code start_image_url})
 * @param endField the end-frame field ({@code tail_image_url}, {@code end_image_url}), or null
 * @param aspectField the aspect-ratio field, or null when the output follows the start frame
 * @param aspectValues the ratios the aspect field accepts
 * @param durationAsString whether the duration is sent as a string ({@code "5"}), as Kling wants
 * @param negativePromptField the negative-prompt field, or null
 * @param audioField the field that switches generated audio on or off, or null
 * @param capabilities what the model can do
 * @param price the list price (an estimate, without generated audio)
 */
public record VideoProfile(String id, String description, String startField, String endField,
                           String aspectField, List<AspectRatio> aspectValues, boolean durationAsString,
                           String negativePromptField, String audioField, VideoCapabilities capabilities,
                           Price price) {
  /** Validates and copies. */
  public VideoProfile {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(startField, "startField");
    aspectValues = List.copyOf(aspectValues);
    Objects.requireNonNull(capabilities, "capabilities");
    Objects.requireNonNull(price, "price");
  }
}
