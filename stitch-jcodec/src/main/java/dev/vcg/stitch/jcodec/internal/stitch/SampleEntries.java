package dev.vcg.stitch.jcodec.internal.stitch;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Builds and trims sample entry boxes. */
final class SampleEntries {
  private SampleEntries() {
  }

  /**
   * A copy of a sample entry without the child boxes that would describe the input wrongly
   * (bit rates).
   *
   * @param entry the complete sample entry box
   * @param childrenOffset where its children start
   * @return the trimmed box
   */
  static byte[] withoutChildren(byte[] entry, int childrenOffset, Set<String> drop) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(entry.length);
    out.write(entry, 0, childrenOffset);
    int pos = childrenOffset;
    while (pos + 8 <= entry.length) {
      int size = ByteBuffer.wrap(entry, pos, 4).getInt();
      if (size < 8 || pos + size > entry.length) {
        // Not a clean box list: keep the rest as it is.
        out.write(entry, pos, entry.length - pos);
        pos = entry.length;
        break;
      }
      String type = new String(entry, pos + 4, 4, StandardCharsets.ISO_8859_1);
      if (!drop.contains(type)) {
        out.write(entry, pos, size);
      }
      pos += size;
    }
    out.write(entry, pos, entry.length - pos);
    byte[] b = out.toByteArray();
    ByteBuffer.wrap(b).putInt(0, b.length);
    return b;
  }

  /**
   * A new {@code avc1} sample entry.
   *
   * @param width display width
   * @param height display height
   * @param avcC the configuration record
   * @return the box
   */
  static byte[] avc1(int width, int height, byte[] avcC) {
    ByteBuffer b = ByteBuffer.allocate(86 + 8 + avcC.length);
    b.putInt(b.capacity()).put("avc1".getBytes(StandardCharsets.ISO_8859_1));
    b.put(new byte[6]).putShort((short) 1);
    b.put(new byte[16]);
    b.putShort((short) width).putShort((short) height);
    b.putInt(0x00480000).putInt(0x00480000);
    b.putInt(0);
    b.putShort((short) 1);
    byte[] name = new byte[32];
    byte[] text = "vcg".getBytes(StandardCharsets.ISO_8859_1);
    name[0] = (byte) text.length;
    System.arraycopy(text, 0, name, 1, text.length);
    b.put(name);
    b.putShort((short) 0x18).putShort((short) -1);
    b.putInt(8 + avcC.length).put("avcC".getBytes(StandardCharsets.ISO_8859_1)).put(avcC);
    return b.array();
  }
}
