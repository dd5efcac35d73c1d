package dev.vcg.stitch.jcodec.internal.stitch;

import dev.vcg.stitch.jcodec.internal.h264.AvcConfig;
import java.nio.file.Path;

/** Frames the encoder wrote to a temporary file: no reordering, parameter sets in every IDR. */
final class EncodedPiece implements VideoPiece {
  private final Path file;
  private final long timescale;
  private final long[] offsets;
  private final int[] sizes;
  private final long[] dts;
  private final boolean[] sync;
  private final long duration;
  private final AvcConfig avc;

  EncodedPiece(Path file, long timescale, long[] offsets, int[] sizes, long[] dts, boolean[] sync, long duration,
               AvcConfig avc) {
    this.file = file;
    this.timescale = timescale;
    this.offsets = offsets;
    this.sizes = sizes;
    this.dts = dts;
    this.sync = sync;
    this.duration = duration;
    this.avc = avc;
  }

  @Override
  public Path file() {
    return file;
  }

  @Override
  public long timescale() {
    return timescale;
  }

  @Override
  public int count() {
    return sizes.length;
  }

  @Override
  public long offset(int i) {
    return offsets[i];
  }

  @Override
  public int size(int i) {
    return sizes[i];
  }

  @Override
  public long dts(int i) {
    return dts[i];
  }

  @Override
  public long pts(int i) {
    return dts[i];
  }

  @Override
  public boolean sync(int i) {
    return sync[i];
  }

  @Override
  public long duration() {
    return duration;
  }

  @Override
  public AvcConfig avc() {
    return avc;
  }

  @Override
  public boolean parameterSetsInBand() {
    return true;
  }

  @Override
  public byte[] sampleEntry() {
    return null;
  }

  @Override
  public boolean copied() {
    return false;
  }
}
