package dev.vcg.provider;

import dev.vcg.media.MediaRef;
import java.util.Objects;

/**
 * One image a provider made.
 *
 * @param image the image (bytes for base64 answers, a URL otherwise)
 * @param width pixels across, 0 if the provider did not say
 * @param height pixels down, 0 if the provider did not say
 */
public record GeneratedImage(MediaRef image, int width, int height) {
  /** Validates. */
  public GeneratedImage {
    Objects.requireNonNull(image, "image");
  }
}
