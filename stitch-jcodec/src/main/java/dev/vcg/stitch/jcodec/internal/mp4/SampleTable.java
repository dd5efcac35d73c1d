package dev.vcg.stitch.jcodec.internal.mp4;

/**
 * The samples of one track in decode order: file offset, size, decode time, composition offset
 * and sync flag. Arrays are owned by this object and never exposed for writing.
 */
public final class SampleTable {
  private final long[] offsets;
  private final int[] sizes;
  private final long[] dts;
  private final int[] ctsOffsets;
  private final boolean[] sync;
  private final long totalDuration;

  SampleTable(long[] offsets, int[] sizes, long[] dts, int[] ctsOffsets, boolean[] sync, long totalDuration) {
    this.offsets = offsets;
    this.sizes = sizes;
    this.dts = dts;
    this.ctsOffsets = ctsOffsets;
    this.sync = sync;
    this.totalDuration = totalDuration;
  }

  /** @return the number of samples */
  public int count() {
    return sizes.length;
  }

  /**
   * @param i sample index in decode order
   * @return its byte offset in the file
   */
  public long offset(int i) {
    return offsets[i];
  }

  /**
   * @param i sample index
   * @return its size in bytes
   */
  public int size(int i) {
    return sizes[i];
  }

  /**
   * @param i sample index
   * @return its decode time in media timescale units
   */
  public long dts(int i) {
    return dts[i];
  }

  /**
   * @param i sample index
   * @return its duration (the next sample's dts minus its own; the last one from stts)
   */
  public long duration(int i) {
    return i + 1 < dts.length ? dts[i + 1] - dts[i] : totalDuration - dts[i];
  }

  /**
   * @param i sample index
   * @return composition time offset (may be negative for version-1 ctts)
   */
  public int ctsOffset(int i) {
    return ctsOffsets == null ? 0 : ctsOffsets[i];
  }

  /**
   * @param i sample index
   * @return composition time (dts + offset)
   */
  public long cts(int i) {
    return dts[i] + ctsOffset(i);
  }

  /** @return whether any sample has a composition offset different from the first's */
  public boolean hasReordering() {
    if (ctsOffsets == null) {
      return false;
    }
    for (int o : ctsOffsets) {
      if (o != ctsOffsets[0]) {
        return true;
      }
    }
    return false;
  }

  /** @return the smallest composition offset */
  public int minCtsOffset() {
    if (ctsOffsets == null) {
      return 0;
    }
    int min = Integer.MAX_VALUE;
    for (int o : ctsOffsets) {
      min = Math.min(min, o);
    }
    return min;
  }

  /**
   * @param i sample index
   * @return whether it is a sync sample (random access point)
   */
  public boolean isSync(int i) {
    return sync == null || sync[i];
  }

  /** @return the number of sync samples */
  public int syncCount() {
    if (sync == null) {
      return sizes.length;
    }
    int n = 0;
    for (boolean s : sync) {
      if (s) {
        n++;
      }
    }
    return n;
  }

  /** @return the sum of all sample durations */
  public long totalDuration() {
    return totalDuration;
  }

  /** @return the sum of all sample sizes */
  public long totalBytes() {
    long n = 0;
    for (int s : sizes) {
      n += s;
    }
    return n;
  }
}
