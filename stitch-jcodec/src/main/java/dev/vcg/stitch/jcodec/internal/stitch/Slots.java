package dev.vcg.stitch.jcodec.internal.stitch;

import dev.vcg.stitch.jcodec.internal.clip.Clip;

/**
 * The frames a clip contributes to the output, at the output frame rate: its own frames when
 * its rate is the output's, otherwise frames picked by presentation time on the output's grid
 * (repeated or dropped), timed in a 90 kHz timescale.
 */
final class Slots {
  /** Timescale of converted clips. */
  static final long CONVERTED_TIMESCALE = 90_000;

  final Clip clip;
  final long timescale;
  private final int[] display;
  private final long[] durations;

  private Slots(Clip clip, long timescale, int[] display, long[] durations) {
    this.clip = clip;
    this.timescale = timescale;
    this.display = display;
    this.durations = durations;
  }

  static Slots of(Clip clip) {
    return new Slots(clip, clip.timescale, null, null);
  }

  static Slots converted(Clip clip, double fps) {
    double seconds = (double) clip.duration / clip.timescale;
    int m = (int) Math.max(1, Math.round(seconds * fps));
    int[] display = new int[m];
    long[] durations = new long[m];
    int k = 0;
    for (int i = 0; i < m; i++) {
      // The frame on screen at the grid time; a hair of tolerance absorbs rounding in timescales.
      double t = i / fps * clip.timescale + 0.5;
      while (k + 1 < clip.frameCount() && clip.pts(k + 1) <= t) {
        k++;
      }
      display[i] = k;
      durations[i] = Math.round((i + 1) * CONVERTED_TIMESCALE / fps) - Math.round(i * CONVERTED_TIMESCALE / fps);
    }
    return new Slots(clip, CONVERTED_TIMESCALE, display, durations);
  }

  boolean isNative() {
    return display == null;
  }

  int count() {
    return display == null ? clip.frameCount() : display.length;
  }

  int display(int slot) {
    return display == null ? slot : display[slot];
  }

  long duration(int slot) {
    return durations == null ? clip.frameDuration(slot) : durations[slot];
  }

  long durationOf(int from, int to) {
    long d = 0;
    for (int i = from; i < to; i++) {
      d += duration(i);
    }
    return d;
  }
}
