package dev.vcg.stitch.jcodec.internal.clip;

import dev.vcg.media.MediaException;
import dev.vcg.media.MediaException.Reason;
import dev.vcg.stitch.jcodec.internal.h264.Nal;
import dev.vcg.stitch.jcodec.internal.mp4.SampleTable;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.jcodec.codecs.h264.H264Decoder;
import org.jcodec.codecs.h264.io.model.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a clip's frames in presentation order with JCodec's H.264 decoder.
 *
 * <p>JCodec returns frames in decode order and reuses nothing we give it once a frame is done;
 * frames are put back in display order using the container's composition times (exact, unlike
 * the decoder's picture order counts). A new decoder is started when the stream switches
 * parameter sets in band (stitched files), because JCodec does not re-initialise. Each JCodec
 * decoder creates a private thread pool that is never shut down; it is shut down here at once,
 * so no decoder leaves threads behind. Memory is a handful of pictures whatever the length.
 * Not thread-safe; one decoder per thread.
 */
public final class ClipDecoder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClipDecoder.class);

  private final Clip clip;
  private final FileChannel channel;
  private final SampleTable samples;
  private final int codedWidth;
  private final int codedHeight;
  private final ArrayDeque<byte[][]> pool = new ArrayDeque<>();
  private final Map<Integer, Yuv> pending = new HashMap<>();
  private H264Decoder decoder;
  private byte[] currentSps;
  private byte[] sampleBuffer = new byte[1 << 16];
  private int nextDecode;
  private int nextDisplay;
  private int endDisplay;
  private int skipped;

  /**
   * Opens a clip for decoding from its first frame.
   *
   * @param clip a probed clip that JCodec can decode
   * @throws MediaException if the file cannot be opened
   */
  public ClipDecoder(Clip clip) {
    this.clip = clip;
    this.samples = clip.video.samples();
    this.codedWidth = clip.sps.codedWidth();
    this.codedHeight = clip.sps.codedHeight();
    this.endDisplay = clip.frameCount();
    try {
      this.channel = FileChannel.open(clip.file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new MediaException(clip.file, Reason.NOT_FOUND, "cannot read " + clip.file + ": " + e.getMessage(), e);
    }
    startDecoder(clip.avc.sps().get(0), clip.avc.sps(), clip.avc.pps());
  }

  /**
   * Positions the decoder so that {@link #next()} returns display frame {@code display} next;
   * decoding starts at the closest IDR at or before it.
   *
   * @param display the first frame wanted
   */
  public void seek(int display) {
    if (display < 0 || display > clip.frameCount()) {
      throw new IllegalArgumentException("frame " + display + " of " + clip.frameCount());
    }
    int target = display < clip.frameCount() ? clip.decodeIndex(display) : clip.frameCount() - 1;
    int start = 0;
    for (int j = Math.min(target, samples.count() - 1); j > 0; j--) {
      if (samples.isSync(j) && clip.displayIndex(j) <= display && isIdr(j)) {
        start = j;
        break;
      }
    }
    if (display < nextDisplay || start > nextDecode) {
      // Restart at the IDR: no reference picture before it is needed.
      releasePending();
      List<List<byte[]>> sets = parameterSetsAt(start);
      startDecoder(sets.get(0).get(0), sets.get(0), sets.get(1));
      nextDecode = start;
    } else {
      for (Map.Entry<Integer, Yuv> e : new ArrayList<>(pending.entrySet())) {
        if (e.getKey() < display) {
          release(pending.remove(e.getKey()));
        }
      }
    }
    nextDisplay = display;
  }

  /** The parameter sets in force at a sample: the last ones sent in band before it, else avcC's. */
  private List<List<byte[]>> parameterSetsAt(int sample) {
    for (int j = sample; j >= 0; j--) {
      List<List<byte[]>> found = inBandSets(j);
      if (!found.get(0).isEmpty()) {
        if (found.get(1).isEmpty()) {
          found.set(1, clip.avc.pps());
        }
        return found;
      }
    }
    return List.of(clip.avc.sps(), clip.avc.pps());
  }

  private List<List<byte[]>> inBandSets(int i) {
    List<List<byte[]>> out = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>()));
    int size = Math.min(samples.size(i), 8192);
    ByteBuffer b = ByteBuffer.allocate(size);
    try {
      channel.read(b, samples.offset(i));
    } catch (IOException e) {
      return out;
    }
    b.flip();
    int pos = 0;
    while (pos + 5 <= b.limit()) {
      int len = b.getInt(pos);
      if (len <= 0 || pos + 4 + len > b.limit()) {
        break;
      }
      int type = b.get(pos + 4) & 0x1F;
      if (type == Nal.SPS || type == Nal.PPS) {
        byte[] unit = new byte[len];
        b.get(pos + 4, unit);
        out.get(type == Nal.SPS ? 0 : 1).add(unit);
      } else if (type == Nal.SLICE || type == Nal.IDR) {
        break;
      }
      pos += 4 + len;
    }
    return out;
  }

  /**
   * Stops after a display frame.
   *
   * @param display end (exclusive) of the frames wanted
   */
  public void limit(int display) {
    this.endDisplay = Math.min(clip.frameCount(), display);
  }

  /**
   * The next frame in display order. The picture stays valid until passed to {@link #release}.
   *
   * @return the frame, or null after the last
   * @throws MediaException DECODE_FAILED if the stream cannot be decoded
   */
  public Yuv next() {
    if (nextDisplay >= endDisplay) {
      return null;
    }
    while (!pending.containsKey(nextDisplay)) {
      if (nextDecode >= samples.count()) {
        throw new MediaException(clip.file, Reason.DECODE_FAILED, clip.file + ": frame " + (nextDisplay + 1)
            + " is never decoded; the stream's timing is inconsistent");
      }
      int i = nextDecode++;
      int display = clip.displayIndex(i);
      boolean wanted = display >= nextDisplay && display < endDisplay;
      List<ByteBuffer> nals = readSample(i);
      if (!wanted && isDisposable(nals)) {
        // Nothing refers to it and nobody asked for it: decoding it would change nothing.
        skipped++;
        continue;
      }
      Yuv f = decodeSample(i, nals);
      if (!wanted) {
        release(f);
      } else {
        f.pts = clip.pts(display);
        pending.put(display, f);
      }
    }
    return pending.remove(nextDisplay++);
  }

  /**
   * Returns a picture's memory for reuse.
   *
   * @param frame a picture from {@link #next()}
   */
  public void release(Yuv frame) {
    if (frame != null && frame.y.length == codedWidth * codedHeight && pool.size() < 8) {
      pool.push(new byte[][] {frame.y, frame.u, frame.v});
    }
  }

  private void releasePending() {
    pending.values().forEach(this::release);
    pending.clear();
  }

  /**
   * Whether a picture can be left out when its pixels are not wanted: all its slices have a zero
   * {@code nal_ref_idc}, so no later picture is predicted from it, and it carries no parameter
   * sets a later picture might need.
   */
  private static boolean isDisposable(List<ByteBuffer> nals) {
    boolean slices = false;
    for (ByteBuffer n : nals) {
      int header = n.get(n.position()) & 0xFF;
      int type = header & 0x1F;
      if (type == Nal.SPS || type == Nal.PPS) {
        return false;
      }
      if (type == Nal.SLICE || type == Nal.IDR || type == 2) {
        slices = true;
        if ((header & 0x60) != 0) {
          return false;
        }
      }
    }
    return slices;
  }

  /** @return pictures left undecoded because they were neither wanted nor referred to */
  public int skippedPictures() {
    return skipped;
  }

  private List<ByteBuffer> readSample(int i) {
    int size = samples.size(i);
    if (sampleBuffer.length < size) {
      sampleBuffer = new byte[Math.max(size, sampleBuffer.length * 2)];
    }
    ByteBuffer b = ByteBuffer.wrap(sampleBuffer, 0, size);
    try {
      long pos = samples.offset(i);
      while (b.hasRemaining()) {
        int r = channel.read(b, pos + b.position());
        if (r < 0) {
          throw new IOException("unexpected end of file");
        }
      }
    } catch (IOException e) {
      throw new MediaException(clip.file, Reason.NOT_FOUND, "cannot read " + clip.file + ": " + e.getMessage(), e);
    }
    b.flip();
    try {
      return Nal.splitLengthPrefixed(b, clip.avc.nalLengthSize());
    } catch (RuntimeException e) {
      throw new MediaException(clip.file, Reason.DECODE_FAILED, "cannot decode frame " + (i + 1) + " of " + clip.file
          + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }
  }

  private Yuv decodeSample(int i, List<ByteBuffer> nals) {
    try {
      switchParameterSetsIfNeeded(nals);
      byte[][] planes = pool.isEmpty() ? new byte[][] {new byte[codedWidth * codedHeight],
          new byte[codedWidth * codedHeight / 4], new byte[codedWidth * codedHeight / 4]} : pool.pop();
      Frame frame = decoder.decodeFrameFromNals(nals, planes);
      if (frame == null) {
        throw new MediaException(clip.file, Reason.DECODE_FAILED, clip.file + ": sample " + (i + 1)
            + " holds no picture");
      }
      if (frame.getWidth() != codedWidth || frame.getHeight() != codedHeight) {
        throw new MediaException(clip.file, Reason.UNSUPPORTED, clip.file + " changes its frame size at sample "
            + (i + 1) + "; re-encode it at one size");
      }
      Yuv y = new Yuv(clip.sps.width(), clip.sps.height(), codedWidth, codedHeight, planes);
      if (clip.sps.cropX() != 0 || clip.sps.cropY() != 0) {
        y = cropped(y, clip.sps.cropX(), clip.sps.cropY());
      }
      return y;
    } catch (MediaException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new MediaException(clip.file, Reason.DECODE_FAILED, "cannot decode frame " + (i + 1) + " of " + clip.file
          + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }
  }

  private static Yuv cropped(Yuv full, int cx, int cy) {
    Yuv out = Yuv.allocate(full.width & ~1, full.height & ~1);
    Yuv.copyPlane(Arrays.copyOfRange(full.y, cy * full.stride + cx, full.y.length), full.stride, out.y, out.stride,
        out.width, out.height);
    int cs = full.stride >> 1;
    int co = (cy >> 1) * cs + (cx >> 1);
    Yuv.copyPlane(Arrays.copyOfRange(full.u, co, full.u.length), cs, out.u, out.stride >> 1, out.width >> 1,
        out.height >> 1);
    Yuv.copyPlane(Arrays.copyOfRange(full.v, co, full.v.length), cs, out.v, out.stride >> 1, out.width >> 1,
        out.height >> 1);
    return out;
  }

  private void switchParameterSetsIfNeeded(List<ByteBuffer> nals) {
    List<byte[]> sps = new ArrayList<>();
    List<byte[]> pps = new ArrayList<>();
    for (ByteBuffer n : nals) {
      int type = n.get(n.position()) & 0x1F;
      if (type == Nal.SPS || type == Nal.PPS) {
        byte[] unit = new byte[n.remaining()];
        n.duplicate().get(unit);
        (type == Nal.SPS ? sps : pps).add(unit);
      }
    }
    if (!sps.isEmpty() && !Arrays.equals(sps.get(0), currentSps)) {
      // A new sequence: JCodec keeps stale reference arrays across SPS changes, so start afresh.
      startDecoder(sps.get(0), sps, pps.isEmpty() ? clip.avc.pps() : pps);
    }
  }

  private void startDecoder(byte[] activeSps, List<byte[]> sps, List<byte[]> pps) {
    H264Decoder d = new H264Decoder();
    containThreads(d);
    List<ByteBuffer> s = new ArrayList<>();
    for (byte[] unit : sps) {
      s.add(ByteBuffer.wrap(unit, 1, unit.length - 1).slice());
    }
    List<ByteBuffer> p = new ArrayList<>();
    for (byte[] unit : pps) {
      p.add(ByteBuffer.wrap(unit, 1, unit.length - 1).slice());
    }
    try {
      d.addSps(s);
      d.addPps(p);
    } catch (RuntimeException e) {
      throw new MediaException(clip.file, Reason.CORRUPT, clip.file + " has parameter sets the decoder cannot read: "
          + e.getMessage(), e);
    }
    decoder = d;
    currentSps = activeSps;
  }

  private boolean isIdr(int i) {
    int size = Math.min(samples.size(i), 4096);
    ByteBuffer b = ByteBuffer.allocate(size);
    try {
      channel.read(b, samples.offset(i));
    } catch (IOException e) {
      return false;
    }
    b.flip();
    int pos = 0;
    while (pos + 5 <= b.limit()) {
      int len = b.getInt(pos);
      if (len <= 0) {
        return false;
      }
      int type = b.get(pos + 4) & 0x1F;
      if (type == Nal.IDR) {
        return true;
      }
      if (type == Nal.SLICE) {
        return false;
      }
      pos += 4 + len;
    }
    return false;
  }

  /**
   * JCodec's H264Decoder starts a fixed thread pool in its constructor and never stops it; threads
   * are only created when a multi-slice frame is decoded, and then linger for ever. Turning the
   * pool off at once (slices are then decoded on the calling thread) means no decoder can leak.
   */
  static void containThreads(H264Decoder d) {
    try {
      Field tp = H264Decoder.class.getDeclaredField("tp");
      tp.setAccessible(true);
      Object pool = tp.get(d);
      if (pool instanceof ExecutorService es) {
        es.shutdownNow();
      }
      Field threaded = H264Decoder.class.getDeclaredField("threaded");
      threaded.setAccessible(true);
      threaded.setBoolean(d, false);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("cannot turn off the JCodec decoder's thread pool; multi-slice clips may leave idle threads", e);
    }
  }

  @Override
  public void close() {
    releasePending();
    try {
      channel.close();
    } catch (IOException e) {
      // Read-only: nothing to lose.
    }
  }

  /** @return the clip being decoded */
  public Clip clip() {
    return clip;
  }
}
