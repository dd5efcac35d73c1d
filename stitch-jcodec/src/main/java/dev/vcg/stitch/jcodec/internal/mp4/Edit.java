package dev.vcg.stitch.jcodec.internal.mp4;

/**
 * One edit list entry.
 *
 * @param segmentDuration length in movie timescale units
 * @param mediaTime start in media timescale units, -1 for an empty edit
 * @param rate media rate (1 for normal playback)
 */
public record Edit(long segmentDuration, long mediaTime, double rate) {
  /** @return whether this is an empty edit (a delay) */
  public boolean isEmpty() {
    return mediaTime == -1;
  }
}
