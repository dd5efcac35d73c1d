package dev.vcg.stitch.jcodec.internal.mp4;

import java.util.Arrays;

/**
 * A track being written: its sample entry, timing and samples. Each sample is an optional
 * inline prefix (parameter sets, or a whole generated frame) followed by an optional byte range
 * of a source file.
 */
public final class OutputTrack {
  final String handler;
  final long timescale;
  final byte[] sampleEntry;
  final int width;
  final int height;
  long editMediaTime;
  boolean rollGroup;

  int count;
  int[] source = new int[256];
  long[] sourceOffset = new long[256];
  int[] sourceSize = new int[256];
  byte[][] prefix = new byte[256][];
  long[] duration = new long[256];
  int[] ctts = new int[256];
  boolean[] sync = new boolean[256];

  /**
   * @param handler {@code vide} or {@code soun}
   * @param timescale media units per second
   * @param sampleEntry the complete sample entry box
   * @param width video width for the track header (0 for audio)
   * @param height video height (0 for audio)
   */
  public OutputTrack(String handler, long timescale, byte[] sampleEntry, int width, int height) {
    this.handler = handler;
    this.timescale = timescale;
    this.sampleEntry = sampleEntry.clone();
    this.width = width;
    this.height = height;
  }

  /**
   * Adds a sample.
   *
   * @param src index of the source file, or -1 for none
   * @param offset byte offset in the source
   * @param size bytes from the source
   * @param inlinePrefix bytes written before the source bytes, or null
   * @param dur duration in media units
   * @param compositionOffset cts minus dts
   * @param isSync whether a random access point
   */
  public void add(int src, long offset, int size, byte[] inlinePrefix, long dur, int compositionOffset,
                  boolean isSync) {
    if (count == sourceSize.length) {
      int n = count * 2;
      source = Arrays.copyOf(source, n);
      sourceOffset = Arrays.copyOf(sourceOffset, n);
      sourceSize = Arrays.copyOf(sourceSize, n);
      prefix = Arrays.copyOf(prefix, n);
      duration = Arrays.copyOf(duration, n);
      ctts = Arrays.copyOf(ctts, n);
      sync = Arrays.copyOf(sync, n);
    }
    source[count] = src;
    sourceOffset[count] = offset;
    sourceSize[count] = size;
    prefix[count] = inlinePrefix;
    duration[count] = dur;
    ctts[count] = compositionOffset;
    sync[count] = isSync;
    count++;
  }

  /** @param mediaTime where presentation starts in media units (B-frame delay, audio priming) */
  public void editMediaTime(long mediaTime) {
    this.editMediaTime = mediaTime;
  }

  /** @param roll whether to declare AAC roll recovery (each frame needs the previous one) */
  public void rollGroup(boolean roll) {
    this.rollGroup = roll;
  }

  /** @return samples added */
  public int count() {
    return count;
  }

  /**
   * @param i sample
   * @return its total size in the output
   */
  int sampleSize(int i) {
    return (prefix[i] == null ? 0 : prefix[i].length) + sourceSize[i];
  }

  /** @return the sum of durations */
  public long totalDuration() {
    long t = 0;
    for (int i = 0; i < count; i++) {
      t += duration[i];
    }
    return t;
  }

  /**
   * Changes the last sample's duration (to end the track exactly where presentation ends).
   *
   * @param dur the duration
   */
  public void setLastDuration(long dur) {
    duration[count - 1] = dur;
  }

  /**
   * Removes samples from the end.
   *
   * @param n how many
   */
  public void removeLast(int n) {
    count = Math.max(0, count - n);
  }

  /**
   * @param i sample index
   * @return whether sample i is a copy of source bytes with no prefix (not generated)
   */
  public boolean isPlainCopy(int i) {
    return prefix[i] == null && source[i] >= 0;
  }
}
