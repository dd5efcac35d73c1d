package dev.vcg.stitch.jcodec.internal.mp4;

import dev.vcg.media.MediaException;
import dev.vcg.media.MediaException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the structure of an MP4 file with a bounded box walk: box sizes are checked against
 * their parent and the file, nesting and box count are capped, and nothing is allocated from a
 * declared size that has not been checked against bytes actually present. Only the moov box is
 * read into memory (capped); sample data stays in the file.
 */
public final class Mp4Parser {
  /** Largest moov box read into memory. */
  public static final int MAX_MOOV_BYTES = 64 << 20;
  /** Most boxes walked in one file. */
  public static final int MAX_BOXES = 10_000;
  /** Deepest box nesting. */
  public static final int MAX_DEPTH = 16;
  /** Most samples per track. */
  public static final int MAX_SAMPLES = 2_000_000;

  private final Path file;
  private int boxCount;

  private Mp4Parser(Path file) {
    this.file = file;
  }

  /**
   * Parses a file.
   *
   * @param file an MP4 file
   * @return its structure
   * @throws MediaException naming the file: NOT_FOUND, NOT_MEDIA, TRUNCATED, CORRUPT, UNSUPPORTED
   *     (fragmented), TOO_LARGE
   */
  public static Mp4Movie parse(Path file) {
    Mp4Parser p = new Mp4Parser(file);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return p.parse(ch);
    } catch (NoSuchFileException e) {
      throw new MediaException(file, Reason.NOT_FOUND, file + " does not exist; check the path", e);
    } catch (IOException e) {
      if (Files.isDirectory(file)) {
        throw new MediaException(file, Reason.NOT_FOUND, file + " is a directory, not an MP4 file", e);
      }
      throw new MediaException(file, Reason.NOT_FOUND, "cannot read " + file + ": " + e.getMessage(), e);
    } catch (BoxFormatException e) {
      throw new MediaException(file, Reason.CORRUPT, file + " is a broken MP4: " + e.getMessage()
          + "; export or download it again", e);
    }
  }

  private Mp4Movie parse(FileChannel ch) throws IOException {
    long fileSize = ch.size();
    byte[] head = readAt(ch, 0, (int) Math.min(16, fileSize));
    if (head.length < 8 || !Bytes.fourcc(head, 4, head.length).equals("ftyp")) {
      String what = describe(head);
      throw new MediaException(file, Reason.NOT_MEDIA, file + " is not an MP4 video" + what
          + "; give an MP4 (H.264) file");
    }
    long pos = 0;
    long moovPos = -1;
    long moovSize = 0;
    int moovHeader = 0;
    boolean fragmented = false;
    while (pos < fileSize) {
      if (++boxCount > MAX_BOXES) {
        throw new MediaException(file, Reason.CORRUPT, file + " has more than " + MAX_BOXES + " top-level boxes");
      }
      if (fileSize - pos < 8) {
        throw new MediaException(file, Reason.TRUNCATED, file + " ends in the middle of a box header at byte "
            + pos + "; the file is incomplete, download or export it again");
      }
      byte[] h = readAt(ch, pos, (int) Math.min(16, fileSize - pos));
      long size = Bytes.u32(h, 0, h.length);
      String type = Bytes.fourcc(h, 4, h.length);
      int header = 8;
      if (size == 1) {
        if (h.length < 16) {
          throw truncated(pos, type, fileSize);
        }
        size = Bytes.u64(h, 8, h.length);
        header = 16;
      } else if (size == 0) {
        size = fileSize - pos;
      }
      if (size < header) {
        throw new MediaException(file, Reason.CORRUPT, file + " is a broken MP4: box '" + type + "' at byte " + pos
            + " declares " + size + " bytes, less than its header; export or download it again");
      }
      if (size > fileSize - pos) {
        throw new MediaException(file, Reason.TRUNCATED, file + " ends " + (pos + size - fileSize)
            + " bytes before the end of its '" + type + "' box (the file is " + fileSize
            + " bytes); it is incomplete, download or export it again");
      }
      if (type.equals("moov")) {
        if (moovPos >= 0) {
          throw new MediaException(file, Reason.CORRUPT, file + " has two 'moov' boxes");
        }
        moovPos = pos;
        moovSize = size;
        moovHeader = header;
      } else if (type.equals("moof") || type.equals("mfra")) {
        fragmented = true;
      }
      pos += size;
    }
    if (moovPos < 0) {
      throw new MediaException(file, Reason.CORRUPT, file + " has no 'moov' box (no index of its samples); "
          + "the file may be incomplete or not a finished MP4 — export or download it again");
    }
    if (moovSize > MAX_MOOV_BYTES) {
      throw new MediaException(file, Reason.TOO_LARGE, file + " has a " + moovSize + "-byte 'moov' box; at most "
          + MAX_MOOV_BYTES + " bytes are supported");
    }
    byte[] moov = readAt(ch, moovPos + moovHeader, (int) (moovSize - moovHeader));
    List<BoxRef> moovChildren = children(moov, 0, moov.length, 1);
    for (BoxRef b : moovChildren) {
      if (b.type().equals("mvex")) {
        fragmented = true;
      }
    }
    if (fragmented) {
      throw new MediaException(file, Reason.UNSUPPORTED, file + " is a fragmented MP4 (moof/mvex boxes), which is "
          + "not supported; remux it first, e.g. ffmpeg -i in.mp4 -c copy -movflags +faststart out.mp4");
    }
    long movieTimescale = 0;
    List<Mp4Track> tracks = new ArrayList<>();
    for (BoxRef b : moovChildren) {
      if (b.type().equals("mvhd")) {
        int v = Bytes.u8(moov, b.payload(), b.end());
        movieTimescale = Bytes.u32(moov, b.payload() + (v == 1 ? 20 : 12), b.end());
      }
    }
    for (BoxRef b : moovChildren) {
      if (b.type().equals("trak")) {
        Mp4Track t = parseTrack(moov, b, fileSize);
        if (t != null) {
          tracks.add(t);
        }
      }
    }
    return new Mp4Movie(file, fileSize, movieTimescale, tracks, moovSize);
  }

  private MediaException truncated(long pos, String type, long fileSize) {
    return new MediaException(file, Reason.TRUNCATED, file + " ends inside the '" + type + "' box at byte " + pos
        + " (the file is " + fileSize + " bytes); it is incomplete, download or export it again");
  }

  private static String describe(byte[] head) {
    if (head.length == 0) {
      return " (it is empty)";
    }
    return dev.vcg.media.MediaTypes.sniff(head).map(t -> " (it is " + t + ")").orElse("");
  }

  /** A box within the moov byte array. */
  record BoxRef(String type, int start, int payload, int end) {
  }

  List<BoxRef> children(byte[] d, int from, int to, int depth) {
    if (depth > MAX_DEPTH) {
      throw new BoxFormatException("boxes nested deeper than " + MAX_DEPTH);
    }
    List<BoxRef> list = new ArrayList<>();
    int pos = from;
    while (pos < to) {
      if (++boxCount > MAX_BOXES) {
        throw new BoxFormatException("more than " + MAX_BOXES + " boxes");
      }
      if (to - pos < 8) {
        throw new BoxFormatException(to - pos + " stray bytes at the end of a box");
      }
      long size = Bytes.u32(d, pos, to);
      String type = Bytes.fourcc(d, pos + 4, to);
      int header = 8;
      if (size == 1) {
        size = Bytes.u64(d, pos + 8, to);
        header = 16;
      } else if (size == 0) {
        size = to - pos;
      }
      if (size < header || size > to - pos) {
        throw new BoxFormatException("box '" + type + "' declares " + size + " bytes but its parent has "
            + (to - pos) + " left");
      }
      list.add(new BoxRef(type, pos, pos + header, (int) (pos + size)));
      pos += (int) size;
    }
    return list;
  }

  private BoxRef child(byte[] d, BoxRef parent, String type, int depth) {
    for (BoxRef b : children(d, parent.payload(), parent.end(), depth)) {
      if (b.type().equals(type)) {
        return b;
      }
    }
    return null;
  }

  private Mp4Track parseTrack(byte[] d, BoxRef trak, long fileSize) {
    BoxRef tkhd = child(d, trak, "tkhd", 3);
    BoxRef mdia = child(d, trak, "mdia", 3);
    if (tkhd == null || mdia == null) {
      throw new BoxFormatException("track without tkhd or mdia");
    }
    int tv = Bytes.u8(d, tkhd.payload(), tkhd.end());
    int trackId = (int) Bytes.u32(d, tkhd.payload() + (tv == 1 ? 20 : 12), tkhd.end());
    List<Edit> edits = new ArrayList<>();
    BoxRef edts = child(d, trak, "edts", 3);
    if (edts != null) {
      BoxRef elst = child(d, edts, "elst", 4);
      if (elst != null) {
        edits = parseElst(d, elst);
      }
    }
    BoxRef mdhd = child(d, mdia, "mdhd", 4);
    BoxRef hdlr = child(d, mdia, "hdlr", 4);
    BoxRef minf = child(d, mdia, "minf", 4);
    if (mdhd == null || hdlr == null || minf == null) {
      throw new BoxFormatException("track " + trackId + " lacks mdhd, hdlr or minf");
    }
    int mv = Bytes.u8(d, mdhd.payload(), mdhd.end());
    long timescale = Bytes.u32(d, mdhd.payload() + (mv == 1 ? 20 : 12), mdhd.end());
    if (timescale == 0) {
      throw new BoxFormatException("track " + trackId + " has timescale 0");
    }
    String handler = Bytes.fourcc(d, hdlr.payload() + 8, hdlr.end());
    BoxRef stbl = child(d, minf, "stbl", 5);
    if (stbl == null) {
      throw new BoxFormatException("track " + trackId + " has no sample table");
    }
    List<BoxRef> tables = children(d, stbl.payload(), stbl.end(), 6);
    BoxRef stsd = find(tables, "stsd");
    if (stsd == null) {
      throw new BoxFormatException("track " + trackId + " has no sample descriptions");
    }
    long entryCount = Bytes.u32(d, stsd.payload() + 4, stsd.end());
    if (entryCount == 0) {
      return null;
    }
    List<BoxRef> entries = children(d, stsd.payload() + 8, stsd.end(), 7);
    if (entries.isEmpty()) {
      throw new BoxFormatException("track " + trackId + " declares sample descriptions but holds none");
    }
    BoxRef entry = entries.get(0);
    byte[] entryBytes = Arrays.copyOfRange(d, entry.start(), entry.end());
    int childrenOffset = entryChildrenOffset(handler, entryBytes, entry.payload() - entry.start());
    SampleTable samples = parseSamples(d, tables, trackId, fileSize, entries.size());
    boolean roll = false;
    for (BoxRef b : tables) {
      if (b.type().equals("sgpd") && b.end() - b.payload() >= 8
          && Bytes.fourcc(d, b.payload() + 4, b.end()).equals("roll")) {
        roll = true;
      }
    }
    return new Mp4Track(trackId, handler, timescale, edits, entryBytes, entry.type(), childrenOffset, samples, roll);
  }

  private static int entryChildrenOffset(String handler, byte[] e, int header) {
    if (handler.equals("vide")) {
      return Math.min(e.length, header + 78);
    }
    if (handler.equals("soun")) {
      int version = e.length >= header + 10 ? Bytes.u16(e, header + 8, e.length) : 0;
      int extra = version == 1 ? 16 : version == 2 ? 36 : 0;
      return Math.min(e.length, header + 28 + extra);
    }
    return e.length;
  }

  private static BoxRef find(List<BoxRef> boxes, String type) {
    for (BoxRef b : boxes) {
      if (b.type().equals(type)) {
        return b;
      }
    }
    return null;
  }

  private static List<Edit> parseElst(byte[] d, BoxRef elst) {
    int v = Bytes.u8(d, elst.payload(), elst.end());
    long n = Bytes.u32(d, elst.payload() + 4, elst.end());
    int entrySize = v == 1 ? 20 : 12;
    if (n > (elst.end() - elst.payload() - 8) / entrySize) {
      throw new BoxFormatException("edit list declares " + n + " entries but has room for fewer");
    }
    List<Edit> list = new ArrayList<>();
    int p = elst.payload() + 8;
    for (int i = 0; i < n; i++) {
      long dur;
      long mediaTime;
      if (v == 1) {
        dur = Bytes.u64(d, p, elst.end());
        mediaTime = Bytes.u64(d, p + 8, elst.end());
        p += 16;
      } else {
        dur = Bytes.u32(d, p, elst.end());
        mediaTime = Bytes.s32(d, p + 4, elst.end());
        p += 8;
      }
      double rate = Bytes.s32(d, p, elst.end()) / 65536.0;
      p += 4;
      list.add(new Edit(dur, mediaTime, rate));
    }
    return list;
  }

  private SampleTable parseSamples(byte[] d, List<BoxRef> tables, int trackId, long fileSize, int entryCount) {
    // Sample sizes.
    BoxRef stsz = find(tables, "stsz");
    BoxRef stz2 = find(tables, "stz2");
    int count;
    int[] sizes;
    if (stsz != null) {
      long fixed = Bytes.u32(d, stsz.payload() + 4, stsz.end());
      long n = Bytes.u32(d, stsz.payload() + 8, stsz.end());
      checkCount(n, trackId);
      count = (int) n;
      sizes = new int[count];
      if (fixed != 0) {
        if (fixed > Integer.MAX_VALUE) {
          throw new BoxFormatException("sample size " + fixed + " is too large");
        }
        Arrays.fill(sizes, (int) fixed);
      } else {
        if (n > (stsz.end() - stsz.payload() - 12) / 4) {
          throw new BoxFormatException("stsz declares " + n + " samples but holds fewer");
        }
        int p = stsz.payload() + 12;
        for (int i = 0; i < count; i++) {
          long s = Bytes.u32(d, p, stsz.end());
          if (s > Integer.MAX_VALUE) {
            throw new BoxFormatException("sample size " + s + " is too large");
          }
          sizes[i] = (int) s;
          p += 4;
        }
      }
    } else if (stz2 != null) {
      int fieldSize = Bytes.u8(d, stz2.payload() + 7, stz2.end());
      long n = Bytes.u32(d, stz2.payload() + 8, stz2.end());
      checkCount(n, trackId);
      if (fieldSize != 4 && fieldSize != 8 && fieldSize != 16) {
        throw new BoxFormatException("stz2 field size " + fieldSize);
      }
      if (n * fieldSize / 8 > stz2.end() - stz2.payload() - 12) {
        throw new BoxFormatException("stz2 declares " + n + " samples but holds fewer");
      }
      count = (int) n;
      sizes = new int[count];
      int p = stz2.payload() + 12;
      for (int i = 0; i < count; i++) {
        if (fieldSize == 16) {
          sizes[i] = Bytes.u16(d, p + 2 * i, stz2.end());
        } else if (fieldSize == 8) {
          sizes[i] = Bytes.u8(d, p + i, stz2.end());
        } else {
          int b = Bytes.u8(d, p + i / 2, stz2.end());
          sizes[i] = (i & 1) == 0 ? b >> 4 : b & 15;
        }
      }
    } else {
      throw new BoxFormatException("track " + trackId + " has no sample sizes");
    }

    // Decode times.
    BoxRef stts = find(tables, "stts");
    if (stts == null) {
      throw new BoxFormatException("track " + trackId + " has no decode times (stts)");
    }
    long[] dts = new long[count];
    long n = Bytes.u32(d, stts.payload() + 4, stts.end());
    if (n > (stts.end() - stts.payload() - 8) / 8) {
      throw new BoxFormatException("stts declares " + n + " entries but holds fewer");
    }
    int p = stts.payload() + 8;
    int idx = 0;
    long t = 0;
    for (long e = 0; e < n; e++) {
      long c = Bytes.u32(d, p, stts.end());
      long delta = Bytes.u32(d, p + 4, stts.end());
      p += 8;
      if (c > count - idx) {
        throw new BoxFormatException("stts covers more samples than the track has");
      }
      for (int k = 0; k < c; k++) {
        dts[idx++] = t;
        t += delta;
      }
    }
    if (idx != count) {
      throw new BoxFormatException("stts covers " + idx + " of " + count + " samples");
    }
    long total = t;

    // Composition offsets.
    int[] ctts = null;
    BoxRef cttsBox = find(tables, "ctts");
    if (cttsBox != null) {
      ctts = new int[count];
      long cn = Bytes.u32(d, cttsBox.payload() + 4, cttsBox.end());
      if (cn > (cttsBox.end() - cttsBox.payload() - 8) / 8) {
        throw new BoxFormatException("ctts declares " + cn + " entries but holds fewer");
      }
      int q = cttsBox.payload() + 8;
      int k = 0;
      for (long e = 0; e < cn; e++) {
        long c = Bytes.u32(d, q, cttsBox.end());
        int off = Bytes.s32(d, q + 4, cttsBox.end());
        q += 8;
        if (c > count - k) {
          throw new BoxFormatException("ctts covers more samples than the track has");
        }
        for (int j = 0; j < c; j++) {
          ctts[k++] = off;
        }
      }
      if (k != count) {
        throw new BoxFormatException("ctts covers " + k + " of " + count + " samples");
      }
    }

    // Sync samples.
    boolean[] sync = null;
    BoxRef stss = find(tables, "stss");
    if (stss != null) {
      sync = new boolean[count];
      long sn = Bytes.u32(d, stss.payload() + 4, stss.end());
      if (sn > (stss.end() - stss.payload() - 8) / 4) {
        throw new BoxFormatException("stss declares " + sn + " entries but holds fewer");
      }
      for (int e = 0; e < sn; e++) {
        long s = Bytes.u32(d, stss.payload() + 8 + 4 * e, stss.end());
        if (s < 1 || s > count) {
          throw new BoxFormatException("sync sample " + s + " does not exist");
        }
        sync[(int) s - 1] = true;
      }
    }

    // Chunk offsets and sample-to-chunk.
    BoxRef stco = find(tables, "stco");
    BoxRef co64 = find(tables, "co64");
    BoxRef chunkBox = stco != null ? stco : co64;
    if (chunkBox == null) {
      throw new BoxFormatException("track " + trackId + " has no chunk offsets");
    }
    int width = stco != null ? 4 : 8;
    long chunks = Bytes.u32(d, chunkBox.payload() + 4, chunkBox.end());
    if (chunks > (chunkBox.end() - chunkBox.payload() - 8) / width) {
      throw new BoxFormatException("chunk offset table declares " + chunks + " chunks but holds fewer");
    }
    long[] chunkOffsets = new long[(int) chunks];
    for (int c = 0; c < chunks; c++) {
      int at = chunkBox.payload() + 8 + width * c;
      chunkOffsets[c] = width == 4 ? Bytes.u32(d, at, chunkBox.end()) : Bytes.u64(d, at, chunkBox.end());
    }
    BoxRef stsc = find(tables, "stsc");
    if (stsc == null) {
      throw new BoxFormatException("track " + trackId + " has no sample-to-chunk table");
    }
    long rn = Bytes.u32(d, stsc.payload() + 4, stsc.end());
    if (rn > (stsc.end() - stsc.payload() - 8) / 12) {
      throw new BoxFormatException("stsc declares " + rn + " entries but holds fewer");
    }
    long[] offsets = new long[count];
    int sample = 0;
    for (int r = 0; r < rn; r++) {
      int at = stsc.payload() + 8 + 12 * r;
      long first = Bytes.u32(d, at, stsc.end());
      long perChunk = Bytes.u32(d, at + 4, stsc.end());
      long descIndex = Bytes.u32(d, at + 8, stsc.end());
      long next = r + 1 < rn ? Bytes.u32(d, at + 12, stsc.end()) : chunks + 1;
      if (first < 1 || next <= first || next > chunks + 1) {
        throw new BoxFormatException("sample-to-chunk entries are out of order");
      }
      if (descIndex != 1) {
        if (descIndex > entryCount) {
          throw new BoxFormatException("chunk refers to sample description " + descIndex + " of " + entryCount);
        }
        throw new MediaException(file, Reason.UNSUPPORTED, file + ": track " + trackId
            + " switches between several sample descriptions, which is not supported; re-export the clip");
      }
      for (long c = first; c < next; c++) {
        long off = chunkOffsets[(int) c - 1];
        if (perChunk > count - sample) {
          throw new BoxFormatException("chunks hold more samples than the track has");
        }
        for (int k = 0; k < perChunk; k++) {
          offsets[sample] = off;
          off += sizes[sample];
          sample++;
        }
      }
    }
    if (sample != count) {
      throw new BoxFormatException("chunks hold " + sample + " of " + count + " samples");
    }
    for (int i = 0; i < count; i++) {
      if (offsets[i] < 0 || offsets[i] + sizes[i] > fileSize) {
        throw new MediaException(file, Reason.TRUNCATED, file + ": sample " + (i + 1) + " of track " + trackId
            + " lies beyond the end of the file (" + fileSize + " bytes); the file is incomplete, "
            + "download or export it again");
      }
    }
    return new SampleTable(offsets, sizes, dts, ctts, sync, total);
  }

  private static void checkCount(long n, int trackId) {
    if (n > MAX_SAMPLES) {
      throw new BoxFormatException("track " + trackId + " declares " + n + " samples; at most " + MAX_SAMPLES
          + " are supported");
    }
  }

  private static byte[] readAt(FileChannel ch, long pos, int len) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(len);
    while (b.hasRemaining()) {
      int r = ch.read(b, pos + b.position());
      if (r < 0) {
        break;
      }
    }
    return b.position() == len ? b.array() : Arrays.copyOf(b.array(), b.position());
  }
}
