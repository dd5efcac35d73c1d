package dev.vcg.stitch.jcodec.internal.stitch;

import dev.vcg.stitch.jcodec.internal.h264.AvcConfig;
import java.nio.file.Path;

/**
 * A run of compressed video samples that starts with an IDR and decodes on its own: a range of
 * an input clip, or frames the encoder produced. Samples are in decode order.
 */
interface VideoPiece {
  /** @return the file holding the sample bytes */
  Path file();

  /** @return media units per second */
  long timescale();

  /** @return the number of samples (frames) */
  int count();

  /**
   * @param i sample index
   * @return byte offset in {@link #file()}
   */
  long offset(int i);

  /**
   * @param i sample index
   * @return byte size
   */
  int size(int i);

  /**
   * @param i sample index
   * @return decode time relative to the first sample (the first is 0)
   */
  long dts(int i);

  /**
   * @param i sample index
   * @return presentation time relative to the first displayed frame (the first displayed is 0)
   */
  long pts(int i);

  /**
   * @param i sample index
   * @return whether a random access point
   */
  boolean sync(int i);

  /** @return how long the piece is presented, in media units */
  long duration();

  /** @return the parameter sets the piece was coded with */
  AvcConfig avc();

  /** @return whether the samples already carry their parameter sets in band */
  boolean parameterSetsInBand();

  /** @return the sample entry to use if this piece describes the track, or null to build one */
  byte[] sampleEntry();

  /** @return whether the frames are copies of an input (not re-encoded) */
  boolean copied();
}
