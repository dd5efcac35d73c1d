package dev.vcg.stitch.jcodec.internal.stitch;

import dev.vcg.stitch.jcodec.internal.h264.AvcConfig;
import dev.vcg.stitch.jcodec.internal.mp4.OutputTrack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins video pieces into one track without re-encoding: timestamps rescaled to one timescale,
 * reorder delays aligned to the largest so composition offsets stay non-negative, one sample
 * entry, and each later piece's parameter sets re-sent in band before its first sample.
 */
final class VideoTimeline {
  /** The output timescale when the pieces' timescales differ. */
  static final long COMMON_TIMESCALE = 90_000;

  final long timescale;
  final OutputTrack track;
  final List<Path> sources;
  /** Start of each piece in output units. */
  final long[] starts;
  /** The presented length in output units. */
  final long duration;
  final int copiedFrames;
  final int encodedFrames;
  /** Media units per second of each piece. */
  final long[] pieceTimescales;

  private VideoTimeline(long timescale, OutputTrack track, List<Path> sources, long[] starts, long duration,
                        int copied, int encoded, long[] pieceTimescales) {
    this.pieceTimescales = pieceTimescales;
    this.timescale = timescale;
    this.track = track;
    this.sources = sources;
    this.starts = starts;
    this.duration = duration;
    this.copiedFrames = copied;
    this.encodedFrames = encoded;
  }

  static VideoTimeline join(List<VideoPiece> pieces, int width, int height) {
    long ts = pieces.get(0).timescale();
    for (VideoPiece p : pieces) {
      if (p.timescale() != ts) {
        ts = COMMON_TIMESCALE;
        break;
      }
    }
    final long t = ts;
    // The output delay: enough that no frame is presented before it is decoded.
    long delay = 0;
    for (VideoPiece p : pieces) {
      for (int i = 0; i < p.count(); i++) {
        delay = Math.max(delay, rescale(p.dts(i), p.timescale(), t) - rescale(p.pts(i), p.timescale(), t));
      }
    }
    // The sample entry: the first copied piece's (the inputs' own), else a new one.
    VideoPiece describer = pieces.stream().filter(VideoPiece::copied).findFirst().orElse(pieces.get(0));
    byte[] entry = describer.copied()
        ? SampleEntries.withoutChildren(describer.sampleEntry(), 86, Set.of("btrt"))
        : SampleEntries.avc1(width, height, describer.avc().toBytes());
    AvcConfig active = describer.avc();

    Map<Path, Integer> sourceIndex = new LinkedHashMap<>();
    long[] starts = new long[pieces.size()];
    long start = 0;
    long lastDts = -1;
    int copied = 0;
    int encoded = 0;
    record Sample(int src, long offset, int size, byte[] prefix, long dts, long cts, boolean sync) {
    }
    List<Sample> samples = new ArrayList<>();
    for (int k = 0; k < pieces.size(); k++) {
      VideoPiece p = pieces.get(k);
      starts[k] = start;
      int src = sourceIndex.computeIfAbsent(p.file(), f -> sourceIndex.size());
      byte[] prefix = null;
      boolean describedByEntry = k == 0 && p.avc().sameParameterSets(active);
      if (!p.parameterSetsInBand() && !describedByEntry) {
        prefix = p.avc().inBandParameterSets();
      }
      for (int i = 0; i < p.count(); i++) {
        long dts = start + rescale(p.dts(i), p.timescale(), t);
        long cts = start + rescale(p.pts(i), p.timescale(), t) + delay;
        if (dts <= lastDts) {
          dts = lastDts + 1;
        }
        lastDts = dts;
        samples.add(new Sample(src, p.offset(i), p.size(i), i == 0 ? prefix : null, dts, cts, p.sync(i)));
      }
      if (p.copied()) {
        copied += p.count();
      } else {
        encoded += p.count();
      }
      start += rescale(p.duration(), p.timescale(), t);
    }
    // Durations from consecutive decode times; the last sample ends where presentation ends.
    OutputTrack track = new OutputTrack("vide", t, entry, width, height);
    track.editMediaTime(delay);
    int n = samples.size();
    for (int i = 0; i < n; i++) {
      Sample a = samples.get(i);
      long d = i + 1 < n ? samples.get(i + 1).dts() - a.dts() : start - a.dts();
      track.add(a.src(), a.offset(), a.size(), a.prefix(), Math.max(1, d), (int) (a.cts() - a.dts()), a.sync());
    }
    long[] pieceTs = pieces.stream().mapToLong(VideoPiece::timescale).toArray();
    return new VideoTimeline(t, track, new ArrayList<>(sourceIndex.keySet()), starts, start, copied, encoded, pieceTs);
  }

  static long rescale(long v, long from, long to) {
    if (from == to) {
      return v;
    }
    return Math.round((double) v * to / from);
  }
}
