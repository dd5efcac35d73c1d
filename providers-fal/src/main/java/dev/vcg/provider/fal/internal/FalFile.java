package dev.vcg.provider.fal.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A file in a fal result (image or video): its URL on fal's CDN (or a data URI in sync mode),
 * type and, for images, size.
 *
 * @param url where it is
 * @param contentType its MIME type, or null
 * @param fileName its name, or null
 * @param fileSize bytes, or null
 * @param width pixels across (images), or null
 * @param height pixels down (images), or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FalFile(
    @JsonProperty("url") String url,
    @JsonProperty("content_type") String contentType,
    @JsonProperty("file_name") String fileName,
    @JsonProperty("file_size") Long fileSize,
    @JsonProperty("width") Integer width,
    @JsonProperty("height") Integer height) {
}
