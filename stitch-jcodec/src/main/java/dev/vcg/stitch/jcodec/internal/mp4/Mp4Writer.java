package dev.vcg.stitch.jcodec.internal.mp4;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * Writes an MP4 with the index first ("faststart"): ftyp, moov, mdat. Sample bytes are copied
 * from source files with {@link FileChannel#transferTo} (no decoding), with optional inline
 * prefixes. Chunks of about a second are interleaved across tracks by time.
 */
public final class Mp4Writer {
  private static final double CHUNK_SECONDS = 1.0;
  private static final long CHUNK_BYTES = 4L << 20;

  private Mp4Writer() {
  }

  private record Chunk(OutputTrack track, int first, int end, double start) {
  }

  /**
   * Writes the file.
   *
   * @param out an empty, writable channel
   * @param sources the files samples refer to by index
   * @param tracks video first, then audio (nulls skipped)
   * @param movieTimescale units per second for the movie and edit durations
   * @param presentation the length to present, in movie units
   * @param progress receives the fraction of bytes written
   * @return bytes written
   * @throws IOException if writing fails, or {@link InterruptedIOException} if interrupted
   */
  public static long write(FileChannel out, List<FileChannel> sources, List<OutputTrack> tracks, long movieTimescale,
                           long presentation, DoubleConsumer progress) throws IOException {
    List<OutputTrack> list = tracks.stream().filter(t -> t != null && t.count > 0).toList();
    List<Chunk> chunks = new ArrayList<>();
    long payload = 0;
    for (OutputTrack t : list) {
      long dts = 0;
      int first = 0;
      long chunkDur = 0;
      long chunkBytes = 0;
      for (int i = 0; i < t.count; i++) {
        if (i > first && (chunkDur >= CHUNK_SECONDS * t.timescale || chunkBytes >= CHUNK_BYTES)) {
          chunks.add(new Chunk(t, first, i, (double) (dts - chunkDur) / t.timescale));
          first = i;
          chunkDur = 0;
          chunkBytes = 0;
        }
        chunkDur += t.duration[i];
        chunkBytes += t.sampleSize(i);
        dts += t.duration[i];
        payload += t.sampleSize(i);
      }
      chunks.add(new Chunk(t, first, t.count, (double) (dts - chunkDur) / t.timescale));
    }
    chunks.sort(Comparator.comparingDouble(Chunk::start).thenComparingInt(c -> list.indexOf(c.track())));

    byte[] ftyp = ftyp();
    boolean large = payload + ftyp.length + (1L << 24) > 0xFFFFFFFFL;
    int mdatHeader = large ? 16 : 8;
    byte[] probe = moov(list, chunks, movieTimescale, presentation, 0, large);
    long base = ftyp.length + probe.length + mdatHeader;
    byte[] moov = moov(list, chunks, movieTimescale, presentation, base, large);
    if (moov.length != probe.length) {
      throw new IllegalStateException("moov size changed with offsets");
    }

    ByteBuffer head = ByteBuffer.allocate(ftyp.length + moov.length + mdatHeader);
    head.put(ftyp).put(moov);
    if (large) {
      head.putInt(1).put(new byte[] {'m', 'd', 'a', 't'}).putLong(payload + 16);
    } else {
      head.putInt((int) (payload + 8)).put(new byte[] {'m', 'd', 'a', 't'});
    }
    head.flip();
    writeFully(out, head);

    long written = 0;
    long reportEvery = Math.max(1, payload / 100);
    long nextReport = reportEvery;
    for (Chunk c : chunks) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("interrupted");
      }
      OutputTrack t = c.track();
      int i = c.first();
      while (i < c.end()) {
        if (t.prefix[i] != null) {
          writeFully(out, ByteBuffer.wrap(t.prefix[i]));
          written += t.prefix[i].length;
        }
        if (t.source[i] < 0 || t.sourceSize[i] == 0) {
          i++;
          continue;
        }
        // Merge contiguous plain copies from one source into one transfer.
        int src = t.source[i];
        long from = t.sourceOffset[i];
        long len = t.sourceSize[i];
        int j = i + 1;
        while (j < c.end() && t.prefix[j] == null && t.source[j] == src && t.sourceOffset[j] == from + len) {
          len += t.sourceSize[j];
          j++;
        }
        transferFully(sources.get(src), from, len, out);
        written += len;
        i = j;
      }
      if (written >= nextReport) {
        progress.accept((double) written / Math.max(1, payload));
        nextReport = written + reportEvery;
      }
    }
    progress.accept(1.0);
    return head.limit() + written;
  }

  private static void writeFully(FileChannel out, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      out.write(b);
    }
  }

  private static void transferFully(FileChannel src, long pos, long len, FileChannel out) throws IOException {
    long done = 0;
    while (done < len) {
      long n = src.transferTo(pos + done, len - done, out);
      if (n <= 0) {
        if (pos + done >= src.size()) {
          throw new IOException("source ended early while copying samples");
        }
        continue;
      }
      done += n;
    }
  }

  private static byte[] ftyp() {
    BoxBuffer b = new BoxBuffer();
    b.begin("ftyp");
    b.fourcc("isom");
    b.u32(512);
    b.fourcc("isom");
    b.fourcc("iso2");
    b.fourcc("avc1");
    b.fourcc("mp41");
    b.end();
    return b.toByteArray();
  }

  private static byte[] moov(List<OutputTrack> tracks, List<Chunk> chunks, long movieTs, long presentation, long base,
                             boolean large) {
    // Chunk offsets, in output order.
    List<long[]> offsets = new ArrayList<>();
    for (int k = 0; k < tracks.size(); k++) {
      offsets.add(new long[0]);
    }
    long[] counts = new long[tracks.size()];
    for (Chunk c : chunks) {
      counts[tracks.indexOf(c.track())]++;
    }
    for (int k = 0; k < tracks.size(); k++) {
      offsets.set(k, new long[(int) counts[k]]);
    }
    int[] fill = new int[tracks.size()];
    long pos = base;
    for (Chunk c : chunks) {
      int k = tracks.indexOf(c.track());
      offsets.get(k)[fill[k]++] = pos;
      for (int i = c.first(); i < c.end(); i++) {
        pos += c.track().sampleSize(i);
      }
    }

    BoxBuffer b = new BoxBuffer();
    b.begin("moov");
    boolean v1 = presentation > 0xFFFFFFFFL;
    b.beginFull("mvhd", v1 ? 1 : 0, 0);
    times(b, v1);
    b.u32(movieTs);
    dur(b, presentation, v1);
    b.u32(0x00010000);
    b.u16(0x0100);
    b.zeros(10);
    matrix(b);
    b.zeros(24);
    b.u32(tracks.size() + 1);
    b.end();
    for (int k = 0; k < tracks.size(); k++) {
      OutputTrack t = tracks.get(k);
      List<Chunk> own = chunks.stream().filter(c -> c.track() == t).toList();
      trak(b, t, k + 1, own, offsets.get(k), movieTs, presentation, large);
    }
    b.end();
    return b.toByteArray();
  }

  private static void trak(BoxBuffer b, OutputTrack t, int trackId, List<Chunk> chunks, long[] offsets, long movieTs,
                           long presentation, boolean large) {
    boolean video = t.handler.equals("vide");
    long mediaDuration = t.totalDuration();
    boolean v1 = presentation > 0xFFFFFFFFL || mediaDuration > 0xFFFFFFFFL;
    b.begin("trak");
    b.beginFull("tkhd", v1 ? 1 : 0, 3);
    times(b, v1);
    b.u32(trackId);
    b.u32(0);
    dur(b, presentation, v1);
    b.zeros(8);
    b.u16(0);
    b.u16(video ? 0 : 1);
    b.u16(video ? 0 : 0x0100);
    b.u16(0);
    matrix(b);
    b.u32((long) t.width << 16);
    b.u32((long) t.height << 16);
    b.end();

    b.begin("edts");
    boolean ev1 = v1 || t.editMediaTime > Integer.MAX_VALUE;
    b.beginFull("elst", ev1 ? 1 : 0, 0);
    b.u32(1);
    if (ev1) {
      b.u64(presentation);
      b.u64(t.editMediaTime);
    } else {
      b.u32(presentation);
      b.u32(t.editMediaTime);
    }
    b.u16(1);
    b.u16(0);
    b.end();
    b.end();

    b.begin("mdia");
    b.beginFull("mdhd", v1 ? 1 : 0, 0);
    times(b, v1);
    b.u32(t.timescale);
    dur(b, mediaDuration, v1);
    b.u16(0x55C4);
    b.u16(0);
    b.end();
    b.beginFull("hdlr", 0, 0);
    b.u32(0);
    b.fourcc(t.handler);
    b.zeros(12);
    byte[] name = (video ? "VideoHandler" : "SoundHandler").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    b.bytes(name);
    b.u8(0);
    b.end();
    b.begin("minf");
    if (video) {
      b.beginFull("vmhd", 0, 1);
      b.zeros(8);
      b.end();
    } else {
      b.beginFull("smhd", 0, 0);
      b.zeros(4);
      b.end();
    }
    b.begin("dinf");
    b.beginFull("dref", 0, 0);
    b.u32(1);
    b.beginFull("url ", 0, 1);
    b.end();
    b.end();
    b.end();
    stbl(b, t, chunks, offsets, large);
    b.end();
    b.end();
    b.end();
  }

  private static void stbl(BoxBuffer b, OutputTrack t, List<Chunk> chunks, long[] offsets, boolean large) {
    b.begin("stbl");
    b.beginFull("stsd", 0, 0);
    b.u32(1);
    b.bytes(t.sampleEntry);
    b.end();

    // stts: run-length durations.
    List<long[]> runs = new ArrayList<>();
    for (int i = 0; i < t.count; i++) {
      long d = t.duration[i];
      if (!runs.isEmpty() && runs.get(runs.size() - 1)[1] == d) {
        runs.get(runs.size() - 1)[0]++;
      } else {
        runs.add(new long[] {1, d});
      }
    }
    b.beginFull("stts", 0, 0);
    b.u32(runs.size());
    for (long[] r : runs) {
      b.u32(r[0]);
      b.u32(r[1]);
    }
    b.end();

    boolean anyCtts = false;
    boolean negative = false;
    for (int i = 0; i < t.count; i++) {
      anyCtts |= t.ctts[i] != 0;
      negative |= t.ctts[i] < 0;
    }
    if (anyCtts) {
      List<int[]> cr = new ArrayList<>();
      for (int i = 0; i < t.count; i++) {
        if (!cr.isEmpty() && cr.get(cr.size() - 1)[1] == t.ctts[i]) {
          cr.get(cr.size() - 1)[0]++;
        } else {
          cr.add(new int[] {1, t.ctts[i]});
        }
      }
      b.beginFull("ctts", negative ? 1 : 0, 0);
      b.u32(cr.size());
      for (int[] r : cr) {
        b.u32(r[0]);
        b.u32(r[1] & 0xFFFFFFFFL);
      }
      b.end();
    }

    boolean allSync = true;
    int syncCount = 0;
    for (int i = 0; i < t.count; i++) {
      allSync &= t.sync[i];
      syncCount += t.sync[i] ? 1 : 0;
    }
    if (!allSync) {
      b.beginFull("stss", 0, 0);
      b.u32(syncCount);
      for (int i = 0; i < t.count; i++) {
        if (t.sync[i]) {
          b.u32(i + 1);
        }
      }
      b.end();
    }

    // stsc: runs of equal samples-per-chunk.
    List<long[]> sc = new ArrayList<>();
    for (int c = 0; c < chunks.size(); c++) {
      long n = chunks.get(c).end() - chunks.get(c).first();
      if (sc.isEmpty() || sc.get(sc.size() - 1)[1] != n) {
        sc.add(new long[] {c + 1, n});
      }
    }
    b.beginFull("stsc", 0, 0);
    b.u32(sc.size());
    for (long[] r : sc) {
      b.u32(r[0]);
      b.u32(r[1]);
      b.u32(1);
    }
    b.end();

    b.beginFull("stsz", 0, 0);
    b.u32(0);
    b.u32(t.count);
    for (int i = 0; i < t.count; i++) {
      b.u32(t.sampleSize(i));
    }
    b.end();

    b.beginFull(large ? "co64" : "stco", 0, 0);
    b.u32(offsets.length);
    for (long o : offsets) {
      if (large) {
        b.u64(o);
      } else {
        b.u32(o);
      }
    }
    b.end();

    if (t.rollGroup) {
      b.beginFull("sgpd", 1, 0);
      b.fourcc("roll");
      b.u32(2);
      b.u32(1);
      b.u16(0xFFFF);
      b.end();
      b.beginFull("sbgp", 0, 0);
      b.fourcc("roll");
      b.u32(1);
      b.u32(t.count);
      b.u32(1);
      b.end();
    }
    b.end();
  }

  private static void times(BoxBuffer b, boolean v1) {
    if (v1) {
      b.u64(0);
      b.u64(0);
    } else {
      b.u32(0);
      b.u32(0);
    }
  }

  private static void dur(BoxBuffer b, long d, boolean v1) {
    if (v1) {
      b.u64(d);
    } else {
      b.u32(d);
    }
  }

  private static void matrix(BoxBuffer b) {
    b.u32(0x00010000);
    b.u32(0);
    b.u32(0);
    b.u32(0);
    b.u32(0x00010000);
    b.u32(0);
    b.u32(0);
    b.u32(0);
    b.u32(0x40000000);
  }
}
