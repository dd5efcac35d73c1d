package dev.vcg.direction;

import java.util.SortedSet;

/**
 * Makes plans without a language model. {@link AiDirector} uses one when no language model is
 * configured (and, if asked, when the model fails). The built-in one is
 * {@link dev.vcg.local.RulePlanner}.
 *
 * <p>Implementations are deterministic for a seed and thread-safe. Their plans are checked by
 * {@link DirectionNormalizer} like any other.
 */
@FunctionalInterface
public interface OfflinePlanner {
  /**
   * Plans a video.
   *
   * @param input what to plan
   * @param allowedDurations the clip lengths shots may have, ascending, not empty
   * @param seed varies the plan; the same seed gives the same plan
   * @return the plan
   */
  VideoDirection plan(DirectorInput input, SortedSet<Integer> allowedDurations, long seed);

  /**
   * Revises a plan after feedback. By default plans again from the input.
   *
   * @param current the plan to revise
   * @param input the input, as the feedback left it (e.g. a new target duration)
   * @param feedback what the user asked for
   * @param allowedDurations the clip lengths shots may have
   * @param seed varies the plan
   * @return the revised plan
   */
  default VideoDirection refine(VideoDirection current, DirectorInput input, String feedback,
                                SortedSet<Integer> allowedDurations, long seed) {
    return plan(input, allowedDurations, seed);
  }
}
