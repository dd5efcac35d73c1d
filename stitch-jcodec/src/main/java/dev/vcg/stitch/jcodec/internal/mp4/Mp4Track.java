package dev.vcg.stitch.jcodec.internal.mp4;

import java.util.List;

/**
 * One track of a parsed MP4: handler, timing, its (single) sample entry and its samples.
 *
 * @param trackId the track id
 * @param handler {@code vide}, {@code soun}, ...
 * @param timescale media time units per second
 * @param edits the edit list (empty when there is none)
 * @param sampleEntry the whole first sample entry box (header included), to copy verbatim
 * @param entryType the sample entry type, e.g. {@code avc1}
 * @param entryChildrenOffset where the sample entry's child boxes start within it
 * @param samples the samples in decode order
 * @param rollGroup whether the track declares an AAC-style roll-recovery sample group
 */
public record Mp4Track(int trackId, String handler, long timescale, List<Edit> edits, byte[] sampleEntry,
                       String entryType, int entryChildrenOffset, SampleTable samples, boolean rollGroup) {
  /** Copies the edit list. */
  public Mp4Track {
    edits = List.copyOf(edits);
  }

  /**
   * The payload of a child box of the sample entry (e.g. {@code avcC}, {@code esds}).
   *
   * @param type the child type
   * @return its payload, or null if absent
   */
  public byte[] entryChild(String type) {
    int pos = entryChildrenOffset;
    int end = sampleEntry.length;
    int guard = 0;
    while (pos + 8 <= end && guard++ < 64) {
      long size = Bytes.u32(sampleEntry, pos, end);
      String t = Bytes.fourcc(sampleEntry, pos + 4, end);
      if (size < 8 || pos + size > end) {
        return null;
      }
      if (t.equals(type)) {
        return java.util.Arrays.copyOfRange(sampleEntry, pos + 8, (int) (pos + size));
      }
      pos += (int) size;
    }
    return null;
  }

  /**
   * The media time at which presentation starts: the first non-empty edit's media time, else 0.
   *
   * @return start in media units
   */
  public long presentationStart() {
    for (Edit e : edits) {
      if (!e.isEmpty()) {
        return Math.max(0, e.mediaTime());
      }
    }
    return 0;
  }

  /**
   * The length presented, in media units: the first non-empty edit's duration when the edit
   * list is a single segment, else the samples' total minus the presentation start.
   *
   * @param movieTimescale the movie header's timescale
   * @return presented length in media units
   */
  public long presentedDuration(long movieTimescale) {
    long fromSamples = samples.totalDuration() - presentationStart();
    List<Edit> nonEmpty = edits.stream().filter(e -> !e.isEmpty()).toList();
    if (nonEmpty.size() == 1 && nonEmpty.get(0).segmentDuration() > 0 && movieTimescale > 0) {
      long fromEdit = Math.round((double) nonEmpty.get(0).segmentDuration() * timescale / movieTimescale);
      return Math.max(0, Math.min(fromSamples, fromEdit));
    }
    return Math.max(0, fromSamples);
  }
}
