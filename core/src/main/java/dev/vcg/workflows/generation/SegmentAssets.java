package dev.vcg.workflows.generation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vcg.media.MediaRef;
import java.util.Objects;
import java.util.Optional;

/**
 * The stored assets of one shot (directed) or segment (continuous flow): the frames its clip was
 * made from and the clip, each a file in the asset store.
 *
 * @param index the position in the video, from 0
 * @param shotId the plan's shot id (directed), or {@code index + 1} (flow)
 * @param startFrame the frame the clip starts from
 * @param endFrame the frame the clip was asked to end on, or null when the video model takes no
 *     end frame (see {@link #endFrameIfAny()})
 * @param clip the clip (an MP4 file)
 * @param seconds the clip's length
 * @param prompt the motion prompt the clip was made with
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SegmentAssets(int index, int shotId, MediaRef startFrame, MediaRef endFrame, MediaRef clip,
                            double seconds, String prompt) {
  /** Validates. */
  public SegmentAssets {
    Objects.requireNonNull(startFrame, "startFrame");
    Objects.requireNonNull(clip, "clip");
    prompt = prompt == null ? "" : prompt;
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative: " + index);
    }
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("seconds must be a non-negative number: " + seconds);
    }
  }

  /** @return the end frame, when the clip was made with one */
  @JsonIgnore
  public Optional<MediaRef> endFrameIfAny() {
    return Optional.ofNullable(endFrame);
  }
}
