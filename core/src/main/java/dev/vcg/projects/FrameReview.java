package dev.vcg.projects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.vcg.cost.Money;
import dev.vcg.media.MediaRef;
import java.util.List;
import java.util.Objects;

/**
 * The keyframe stills of a project waiting for approval, and what animating them will cost.
 *
 * @param frames the stills, in plan order
 * @param costToAnimate the estimated cost of the clips, not yet paid
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FrameReview(List<MediaRef> frames, Money costToAnimate) {
  /** Validates and copies. */
  public FrameReview {
    frames = List.copyOf(Objects.requireNonNull(frames, "frames"));
    Objects.requireNonNull(costToAnimate, "costToAnimate");
  }
}
