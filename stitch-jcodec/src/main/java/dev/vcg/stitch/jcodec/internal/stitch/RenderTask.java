package dev.vcg.stitch.jcodec.internal.stitch;

import dev.vcg.direction.TransitionType;

/**
 * Frames of one clip to decode, change and encode: its output frames {@code [from, to)}, faded
 * in from a colour over its first {@code fadeIn} frames and out over its last {@code fadeOut},
 * followed by {@code overlap} frames that blend its last frames with the next clip's first.
 *
 * @param clip the clip
 * @param from first output frame of the clip
 * @param to end of its own (unblended) frames
 * @param fadeIn frames at the clip's start that fade in from {@code fadeInColor}
 * @param fadeInColor luma of the colour (16 black, 235 white)
 * @param fadeOut frames at the clip's end that fade out to {@code fadeOutColor}
 * @param fadeOutColor luma of the colour
 * @param next the next clip, or -1
 * @param overlap frames blended with the next clip
 * @param blend how they are blended
 */
record RenderTask(int clip, int from, int to, int fadeIn, int fadeInColor, int fadeOut, int fadeOutColor, int next,
                  int overlap, TransitionType blend) {
  /** @return frames this task encodes */
  int frames() {
    return to - from + overlap;
  }
}
