package dev.vcg.stitch.jcodec.internal.h264;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** NAL unit helpers for length-prefixed (MP4) and Annex B (start code) streams. */
public final class Nal {
  /** Coded slice of a non-IDR picture. */
  public static final int SLICE = 1;
  /** Coded slice of an IDR picture. */
  public static final int IDR = 5;
  /** Supplemental enhancement information. */
  public static final int SEI = 6;
  /** Sequence parameter set. */
  public static final int SPS = 7;
  /** Picture parameter set. */
  public static final int PPS = 8;
  /** Access unit delimiter. */
  public static final int AUD = 9;

  private Nal() {
  }

  /**
   * Splits a length-prefixed sample into NAL units (views of the buffer, header byte first).
   *
   * @param sample the sample bytes, position at the first length
   * @param lengthSize 1, 2 or 4
   * @return the NAL units
   * @throws H264FormatException if a length runs past the sample
   */
  public static List<ByteBuffer> splitLengthPrefixed(ByteBuffer sample, int lengthSize) {
    List<ByteBuffer> list = new ArrayList<>();
    ByteBuffer b = sample.duplicate();
    while (b.remaining() > 0) {
      if (b.remaining() < lengthSize) {
        throw new H264FormatException("sample ends inside a NAL length");
      }
      long len = 0;
      for (int i = 0; i < lengthSize; i++) {
        len = (len << 8) | (b.get() & 0xFF);
      }
      if (len > b.remaining()) {
        throw new H264FormatException("NAL unit of " + len + " bytes runs past its sample");
      }
      if (len > 0) {
        ByteBuffer nal = b.slice();
        nal.limit((int) len);
        list.add(nal);
      }
      b.position(b.position() + (int) len);
    }
    return list;
  }

  /**
   * Converts an Annex B access unit (start codes) to 4-byte length-prefixed form.
   *
   * @param annexB the access unit
   * @return the length-prefixed bytes
   */
  public static byte[] annexBToLengthPrefixed(ByteBuffer annexB) {
    List<int[]> units = annexBUnits(annexB);
    int total = 0;
    for (int[] u : units) {
      total += 4 + u[1] - u[0];
    }
    byte[] out = new byte[total];
    int pos = 0;
    for (int[] u : units) {
      int len = u[1] - u[0];
      out[pos++] = (byte) (len >>> 24);
      out[pos++] = (byte) (len >>> 16);
      out[pos++] = (byte) (len >>> 8);
      out[pos++] = (byte) len;
      annexB.get(u[0], out, pos, len);
      pos += len;
    }
    return out;
  }

  /**
   * Finds the NAL units of an Annex B buffer.
   *
   * @param b the buffer (absolute positions from 0 to limit)
   * @return [start, end) of each unit's bytes, header first, without start codes
   */
  public static List<int[]> annexBUnits(ByteBuffer b) {
    List<int[]> units = new ArrayList<>();
    int limit = b.limit();
    int i = 0;
    int start = -1;
    while (i + 2 < limit) {
      if (b.get(i) == 0 && b.get(i + 1) == 0 && b.get(i + 2) == 1) {
        if (start >= 0) {
          int end = i;
          while (end > start && b.get(end - 1) == 0) {
            end--;
          }
          units.add(new int[] {start, end});
        }
        i += 3;
        start = i;
      } else {
        i++;
      }
    }
    if (start >= 0 && start < limit) {
      units.add(new int[] {start, limit});
    }
    return units;
  }
}
