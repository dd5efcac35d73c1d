package dev.vcg.stitch.jcodec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the top-level box order of a file, for layout assertions. */
final class Mp4Boxes {
  private Mp4Boxes() {
  }

  static List<String> topLevel(Path file) throws IOException {
    byte[] d = Files.readAllBytes(file);
    List<String> types = new ArrayList<>();
    long pos = 0;
    while (pos + 8 <= d.length) {
      ByteBuffer b = ByteBuffer.wrap(d, (int) pos, 16);
      long size = b.getInt() & 0xFFFFFFFFL;
      String type = new String(d, (int) pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
      if (size == 1) {
        size = b.getLong();
      }
      types.add(type);
      if (size < 8) {
        break;
      }
      pos += size;
    }
    return types;
  }
}
