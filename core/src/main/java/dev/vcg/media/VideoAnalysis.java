package dev.vcg.media;

import java.util.List;
import java.util.Objects;

/**
 * The structure of a reference video: its shots with their timing, colours and motion. The
 * input of template-based planning ("make one like this"). Immutable.
 *
 * @param info what the file holds
 * @param shots the shots in order, covering the whole video (at least one)
 * @param framesAnalysed how many frames were looked at
 */
public record VideoAnalysis(VideoInfo info, List<Shot> shots, int framesAnalysed) {
  /** Validates and copies. */
  public VideoAnalysis {
    Objects.requireNonNull(info, "info");
    shots = List.copyOf(Objects.requireNonNull(shots, "shots"));
    if (shots.isEmpty()) {
      throw new IllegalArgumentException("a video has at least one shot");
    }
  }
}
