package dev.vcg.provider.fal.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The result of a fal image model: {@code images} (most models) or a single {@code image},
 * the seed used and the safety checker's verdict per image.
 *
 * @param images the images, or null
 * @param image a single image (some models), or null
 * @param seed the seed used, or null
 * @param nsfw per image, whether the safety checker flagged it (fal blacks such images out), or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageOutput(
    @JsonProperty("images") List<FalFile> images,
    @JsonProperty("image") FalFile image,
    @JsonProperty("seed") Long seed,
    @JsonProperty("has_nsfw_concepts") List<Boolean> nsfw) {
}
