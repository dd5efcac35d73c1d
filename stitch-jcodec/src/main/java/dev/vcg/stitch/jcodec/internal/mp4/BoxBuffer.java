package dev.vcg.stitch.jcodec.internal.mp4;

import java.util.Arrays;

/** A growable big-endian byte buffer for writing boxes, with nested box size patching. */
final class BoxBuffer {
  private byte[] data = new byte[4096];
  private int size;
  private final int[] open = new int[32];
  private int depth;

  void begin(String type) {
    open[depth++] = size;
    u32(0);
    fourcc(type);
  }

  void beginFull(String type, int version, int flags) {
    begin(type);
    u8(version);
    u24(flags);
  }

  void end() {
    int start = open[--depth];
    int len = size - start;
    data[start] = (byte) (len >>> 24);
    data[start + 1] = (byte) (len >>> 16);
    data[start + 2] = (byte) (len >>> 8);
    data[start + 3] = (byte) len;
  }

  private void ensure(int n) {
    if (size + n > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, size + n));
    }
  }

  void u8(int v) {
    ensure(1);
    data[size++] = (byte) v;
  }

  void u16(int v) {
    ensure(2);
    data[size++] = (byte) (v >>> 8);
    data[size++] = (byte) v;
  }

  void u24(int v) {
    ensure(3);
    data[size++] = (byte) (v >>> 16);
    data[size++] = (byte) (v >>> 8);
    data[size++] = (byte) v;
  }

  void u32(long v) {
    ensure(4);
    data[size++] = (byte) (v >>> 24);
    data[size++] = (byte) (v >>> 16);
    data[size++] = (byte) (v >>> 8);
    data[size++] = (byte) v;
  }

  void u64(long v) {
    u32(v >>> 32);
    u32(v & 0xFFFFFFFFL);
  }

  void zeros(int n) {
    ensure(n);
    size += n;
  }

  void bytes(byte[] b) {
    bytes(b, 0, b.length);
  }

  void bytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, data, size, len);
    size += len;
  }

  void fourcc(String s) {
    for (int i = 0; i < 4; i++) {
      u8(s.charAt(i));
    }
  }

  int size() {
    return size;
  }

  byte[] toByteArray() {
    if (depth != 0) {
      throw new IllegalStateException("unclosed box");
    }
    return Arrays.copyOf(data, size);
  }
}
