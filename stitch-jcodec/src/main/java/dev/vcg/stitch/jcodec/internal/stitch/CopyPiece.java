package dev.vcg.stitch.jcodec.internal.stitch;

import dev.vcg.stitch.jcodec.internal.clip.Clip;
import dev.vcg.stitch.jcodec.internal.h264.AvcConfig;
import dev.vcg.stitch.jcodec.internal.mp4.SampleTable;
import java.nio.file.Path;

/**
 * Samples {@code [from, to)} (decode order) of an input clip, copied as they are. The range
 * starts at an IDR and holds exactly the frames displayed in {@code [displayFrom, displayTo)}.
 */
final class CopyPiece implements VideoPiece {
  private final Clip clip;
  private final int from;
  private final int to;
  private final long dts0;
  private final long pts0;
  private final long duration;

  CopyPiece(Clip clip, int from, int to) {
    this.clip = clip;
    this.from = from;
    this.to = to;
    SampleTable s = clip.video.samples();
    this.dts0 = s.dts(from);
    int displayFrom = Integer.MAX_VALUE;
    int displayTo = -1;
    for (int i = from; i < to; i++) {
      displayFrom = Math.min(displayFrom, clip.displayIndex(i));
      displayTo = Math.max(displayTo, clip.displayIndex(i) + 1);
    }
    if (displayTo - displayFrom != to - from) {
      throw new IllegalArgumentException("samples " + from + ".." + to + " do not hold a contiguous run of frames");
    }
    this.pts0 = clip.pts(displayFrom);
    long end = displayTo < clip.frameCount() ? clip.pts(displayTo) : clip.duration;
    this.duration = end - pts0;
  }

  /** @return the whole clip */
  static CopyPiece whole(Clip clip) {
    return new CopyPiece(clip, 0, clip.frameCount());
  }

  @Override
  public Path file() {
    return clip.file;
  }

  @Override
  public long timescale() {
    return clip.timescale;
  }

  @Override
  public int count() {
    return to - from;
  }

  @Override
  public long offset(int i) {
    return clip.video.samples().offset(from + i);
  }

  @Override
  public int size(int i) {
    return clip.video.samples().size(from + i);
  }

  @Override
  public long dts(int i) {
    return clip.video.samples().dts(from + i) - dts0;
  }

  @Override
  public long pts(int i) {
    return clip.video.samples().cts(from + i) - clip.startCts - pts0;
  }

  @Override
  public boolean sync(int i) {
    return clip.video.samples().isSync(from + i);
  }

  @Override
  public long duration() {
    return duration;
  }

  @Override
  public AvcConfig avc() {
    return clip.avc;
  }

  @Override
  public boolean parameterSetsInBand() {
    return false;
  }

  @Override
  public byte[] sampleEntry() {
    return clip.video.sampleEntry();
  }

  @Override
  public boolean copied() {
    return true;
  }
}
