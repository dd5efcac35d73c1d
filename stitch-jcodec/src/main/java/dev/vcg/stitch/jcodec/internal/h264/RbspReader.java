package dev.vcg.stitch.jcodec.internal.h264;

/**
 * Reads bits and Exp-Golomb codes from the RBSP of a NAL unit (emulation prevention bytes are
 * removed as they are met). Every read is bounded; running out throws
 * {@link H264FormatException}.
 */
final class RbspReader {
  private final byte[] rbsp;
  private final int end;
  private int bitPos;

  /**
   * @param nal NAL unit bytes starting after the one-byte NAL header
   * @param from first byte to read
   * @param to end (exclusive)
   */
  RbspReader(byte[] nal, int from, int to) {
    byte[] out = new byte[Math.max(0, to - from)];
    int n = 0;
    int zeros = 0;
    for (int i = from; i < to; i++) {
      int b = nal[i] & 0xFF;
      if (zeros >= 2 && b == 3) {
        zeros = 0;
        continue;
      }
      zeros = b == 0 ? zeros + 1 : 0;
      out[n++] = (byte) b;
    }
    this.rbsp = out;
    this.end = n;
  }

  int bit() {
    if (bitPos >= end * 8) {
      throw new H264FormatException("unexpected end of parameter set or slice header");
    }
    int v = (rbsp[bitPos >> 3] >> (7 - (bitPos & 7))) & 1;
    bitPos++;
    return v;
  }

  boolean flag() {
    return bit() == 1;
  }

  int bits(int n) {
    if (n < 0 || n > 31) {
      throw new H264FormatException("invalid field width " + n);
    }
    int v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 1) | bit();
    }
    return v;
  }

  int ue() {
    int zeros = 0;
    while (bit() == 0) {
      if (++zeros > 31) {
        throw new H264FormatException("Exp-Golomb code longer than 32 bits");
      }
    }
    if (zeros == 0) {
      return 0;
    }
    long v = (1L << zeros) - 1 + bits(zeros);
    if (v > Integer.MAX_VALUE) {
      throw new H264FormatException("Exp-Golomb value out of range");
    }
    return (int) v;
  }

  int se() {
    int k = ue();
    return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
  }

  /** @return whether RBSP data remains before the rbsp_stop_one_bit */
  boolean moreRbspData() {
    int last = end * 8 - 1;
    while (last >= 0 && ((rbsp[last >> 3] >> (7 - (last & 7))) & 1) == 0) {
      last--;
    }
    return bitPos < last;
  }
}
