package dev.vcg.stitch.jcodec.internal.mp4;

/** Big-endian reads from a byte array with bounds checks that throw {@link BoxFormatException}. */
final class Bytes {
  private Bytes() {
  }

  static void check(byte[] d, int pos, int len, int end) {
    if (pos < 0 || len < 0 || pos + len > end || end > d.length) {
      throw new BoxFormatException("field at " + pos + " (+" + len + ") runs past its box (ends at " + end + ")");
    }
  }

  static int u8(byte[] d, int pos, int end) {
    check(d, pos, 1, end);
    return d[pos] & 0xFF;
  }

  static int u16(byte[] d, int pos, int end) {
    check(d, pos, 2, end);
    return ((d[pos] & 0xFF) << 8) | (d[pos + 1] & 0xFF);
  }

  static int u24(byte[] d, int pos, int end) {
    check(d, pos, 3, end);
    return ((d[pos] & 0xFF) << 16) | ((d[pos + 1] & 0xFF) << 8) | (d[pos + 2] & 0xFF);
  }

  static long u32(byte[] d, int pos, int end) {
    check(d, pos, 4, end);
    return ((long) (d[pos] & 0xFF) << 24) | ((d[pos + 1] & 0xFF) << 16) | ((d[pos + 2] & 0xFF) << 8)
        | (d[pos + 3] & 0xFF);
  }

  static int s32(byte[] d, int pos, int end) {
    return (int) u32(d, pos, end);
  }

  static long u64(byte[] d, int pos, int end) {
    check(d, pos, 8, end);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (d[pos + i] & 0xFF);
    }
    return v;
  }

  static String fourcc(byte[] d, int pos, int end) {
    check(d, pos, 4, end);
    char[] c = new char[4];
    for (int i = 0; i < 4; i++) {
      int b = d[pos + i] & 0xFF;
      c[i] = b >= 0x20 && b < 0x7F ? (char) b : '?';
    }
    return new String(c);
  }

  static int fourccInt(String s) {
    return (s.charAt(0) << 24) | (s.charAt(1) << 16) | (s.charAt(2) << 8) | s.charAt(3);
  }
}
