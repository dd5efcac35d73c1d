package dev.vcg.stitch.jcodec.internal.stitch;

import dev.vcg.stitch.jcodec.internal.clip.Yuv;
import dev.vcg.stitch.jcodec.internal.h264.AvcConfig;
import dev.vcg.stitch.jcodec.internal.h264.Nal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Rect;

/**
 * Encodes pictures with a {@link ConstantQpEncoder} into length-prefixed samples in a file. Pictures must be limited-range 4:2:0 (what decoders assume: JCodec's own
 * RGB path produces full-range samples without saying so, shifting colours). Not thread-safe.
 */
public final class FrameEncoder implements AutoCloseable {
  private final int width;
  private final int height;
  private final long timescale;
  private final Path file;
  private final FileChannel out;
  private final ConstantQpEncoder encoder;
  private ByteBuffer buffer;
  private long[] offsets = new long[64];
  private int[] sizes = new int[64];
  private long[] dts = new long[64];
  private boolean[] sync = new boolean[64];
  private int count;
  private long position;
  private long time;
  private AvcConfig avc;

  /**
   * @param width picture width (even)
   * @param height picture height (even)
   * @param qp constant quantiser, at most 28
   * @param keyInterval frames between IDRs
   * @param timescale media units per second of the durations given to {@link #encode}
   * @param file where to write samples (created or truncated)
   * @throws IOException if the file cannot be opened
   */
  public FrameEncoder(int width, int height, int qp, int keyInterval, long timescale, Path file) throws IOException {
    this.width = width;
    this.height = height;
    this.timescale = timescale;
    this.file = file;
    this.out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING);
    this.encoder = new ConstantQpEncoder(width, height, qp, keyInterval);
  }

  /**
   * Encodes one picture.
   *
   * @param frame a picture of this encoder's size
   * @param duration how long it is shown, in media units
   * @throws IOException if writing fails
   */
  public void encode(Yuv frame, long duration) throws IOException {
    if (frame.width != width || frame.height != height) {
      throw new IllegalArgumentException("picture is " + frame.width + "x" + frame.height + ", encoder " + width + "x"
          + height);
    }
    Picture pic = new Picture(frame.stride, frame.paddedHeight, frame.planes(), null, ColorSpace.YUV420J, 0,
        new Rect(0, 0, width, height));
    int capacity = frame.stride * frame.paddedHeight * 2 + 4096;
    if (buffer == null || buffer.capacity() < capacity) {
      buffer = ByteBuffer.allocate(capacity);
    }
    buffer.clear();
    boolean key = encoder.encode(pic, buffer);
    buffer.flip();
    ByteBuffer data = buffer;
    byte[] sample = Nal.annexBToLengthPrefixed(data);
    if (avc == null) {
      avc = parameterSets(data);
    }
    if (count == sizes.length) {
      int n = count * 2;
      offsets = Arrays.copyOf(offsets, n);
      sizes = Arrays.copyOf(sizes, n);
      dts = Arrays.copyOf(dts, n);
      sync = Arrays.copyOf(sync, n);
    }
    offsets[count] = position;
    sizes[count] = sample.length;
    dts[count] = time;
    sync[count] = key;
    count++;
    ByteBuffer b = ByteBuffer.wrap(sample);
    while (b.hasRemaining()) {
      position += out.write(b);
    }
    time += Math.max(1, duration);
  }

  private static AvcConfig parameterSets(ByteBuffer annexB) {
    byte[] sps = null;
    byte[] pps = null;
    List<int[]> units = Nal.annexBUnits(annexB);
    for (int[] u : units) {
      int type = annexB.get(u[0]) & 0x1F;
      byte[] unit = new byte[u[1] - u[0]];
      annexB.get(u[0], unit);
      if (type == Nal.SPS && sps == null) {
        sps = unit;
      } else if (type == Nal.PPS && pps == null) {
        pps = unit;
      }
    }
    if (sps == null || pps == null) {
      throw new IllegalStateException("the encoder's first frame carries no parameter sets");
    }
    return AvcConfig.of(sps, pps);
  }

  /** @return frames encoded so far */
  public int count() {
    return count;
  }

  /**
   * Finishes the piece.
   *
   * @return the encoded frames
   * @throws IOException if the file cannot be closed
   */
  EncodedPiece finish() throws IOException {
    out.close();
    return new EncodedPiece(file, timescale, Arrays.copyOf(offsets, count), Arrays.copyOf(sizes, count),
        Arrays.copyOf(dts, count), Arrays.copyOf(sync, count), time, avc);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
