package dev.vcg.stitch.jcodec.internal.clip;

import dev.vcg.media.AudioInfo;
import dev.vcg.media.MediaException;
import dev.vcg.media.MediaException.Reason;
import dev.vcg.media.VideoInfo;
import dev.vcg.provider.ImageSize;
import dev.vcg.stitch.jcodec.internal.audio.AacConfig;
import dev.vcg.stitch.jcodec.internal.h264.AvcConfig;
import dev.vcg.stitch.jcodec.internal.h264.H264FormatException;
import dev.vcg.stitch.jcodec.internal.h264.Nal;
import dev.vcg.stitch.jcodec.internal.h264.Pps;
import dev.vcg.stitch.jcodec.internal.h264.SliceHeader;
import dev.vcg.stitch.jcodec.internal.h264.Sps;
import dev.vcg.stitch.jcodec.internal.mp4.Mp4Movie;
import dev.vcg.stitch.jcodec.internal.mp4.Mp4Parser;
import dev.vcg.stitch.jcodec.internal.mp4.Mp4Track;
import dev.vcg.stitch.jcodec.internal.mp4.SampleTable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A probed input clip: container tables, codec headers, presentation order, features the
 * decoder cannot reproduce exactly, and audio configuration. Immutable once opened.
 */
public final class Clip {
  /** Bytes read from the start of each sample to find its first slice header. */
  private static final int SCAN_BYTES = 512;

  public final Path file;
  public final Mp4Movie movie;
  public final Mp4Track video;
  public final Mp4Track audio;
  public final AvcConfig avc;
  public final Sps sps;
  public final Pps pps;
  /** Video media time units per second. */
  public final long timescale;
  /** Composition time of the first displayed frame. */
  public final long startCts;
  /** Presented length in video media units. */
  public final long duration;
  private final int[] displayToDecode;
  private final int[] decodeToDisplay;
  /** Whether sample i (decode order) is an IDR picture. */
  private final boolean[] idr;
  /** Whether the first m samples in decode order are exactly the first m displayed frames. */
  private final boolean[] cleanCut;
  public final Set<String> hazards;
  public final boolean bFrames;
  /** Why JCodec's decoder cannot decode this clip at all, or null. */
  public final String undecodable;
  /** The AAC configuration of the audio track, or null when there is no AAC audio. */
  public final AacConfig aac;
  /** Audio priming (encoder delay) in audio samples. */
  public final long audioPriming;
  /** Audio content length in audio samples (after priming, as the edit list presents it). */
  public final long audioContent;
  public final VideoInfo info;

  private Clip(Path file, Mp4Movie movie, Mp4Track video, AvcConfig avc, Sps sps, Pps pps, Scan scan) {
    this.file = file;
    this.movie = movie;
    this.video = video;
    this.avc = avc;
    this.sps = sps;
    this.pps = pps;
    this.timescale = video.timescale();
    SampleTable s = video.samples();
    int n = s.count();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : Long.compare(s.cts(a), s.cts(b)) != 0
        ? Long.compare(s.cts(a), s.cts(b)) : Integer.compare(a, b));
    displayToDecode = new int[n];
    decodeToDisplay = new int[n];
    for (int k = 0; k < n; k++) {
      displayToDecode[k] = order[k];
      decodeToDisplay[order[k]] = k;
    }
    this.startCts = n == 0 ? 0 : s.cts(displayToDecode[0]);
    this.cleanCut = new boolean[n + 1];
    int maxDisplay = -1;
    cleanCut[0] = true;
    for (int m = 1; m <= n; m++) {
      maxDisplay = Math.max(maxDisplay, decodeToDisplay[m - 1]);
      cleanCut[m] = maxDisplay == m - 1;
    }
    this.idr = scan == null ? new boolean[n] : scan.idr;
    this.duration = s.totalDuration();
    this.hazards = scan == null ? Set.of() : Collections.unmodifiableSet(scan.hazards);
    this.bFrames = scan != null && scan.bFrames;
    this.undecodable = scan == null ? "it is not 8-bit 4:2:0 progressive H.264" : scan.undecodable;
    Mp4Track a = movie.audio().orElse(null);
    this.audio = a;
    AacConfig cfg = null;
    long priming = 0;
    long content = 0;
    if (a != null) {
      byte[] esds = a.entryType().equals("mp4a") ? a.entryChild("esds") : null;
      cfg = esds == null ? null : AacConfig.fromEsds(esds);
      long sampleRate = cfg != null && cfg.sampleRate() > 0 ? cfg.sampleRate() : a.timescale();
      priming = Math.round((double) a.presentationStart() * sampleRate / a.timescale());
      content = Math.round((double) a.presentedDuration(movie.movieTimescale()) * sampleRate / a.timescale());
    }
    this.aac = cfg;
    this.audioPriming = priming;
    this.audioContent = content;
    this.info = buildInfo();
  }

  /**
   * Probes a file. Broken files fail; valid files with unsupported features are described (see
   * {@link #requireStitchable()}).
   *
   * @param file an MP4 file
   * @return the clip
   * @throws MediaException NOT_FOUND, NOT_MEDIA, TRUNCATED, CORRUPT, UNSUPPORTED (fragmented or
   *     several sample descriptions), TOO_LARGE
   */
  public static Clip open(Path file) {
    Mp4Movie movie = Mp4Parser.parse(file);
    Mp4Track video = movie.video().orElseThrow(() -> new MediaException(file, Reason.NOT_MEDIA,
        file + " has no video track" + (movie.audio().isPresent() ? " (it is audio only)" : "")
            + "; give an MP4 video"));
    if (video.samples().count() == 0) {
      throw new MediaException(file, Reason.CORRUPT, file + " has a video track with no frames; export it again");
    }
    String type = video.entryType();
    if (!type.equals("avc1") && !type.equals("avc3")) {
      return new Clip(file, movie, video, null, null, null, null);
    }
    try {
      AvcConfig avc = AvcConfig.parse(video.entryChild("avcC"));
      Scan scan = new Scan();
      for (byte[] s : avc.sps()) {
        Sps sps = Sps.parse(s);
        scan.sps.put(sps.id, sps);
      }
      for (byte[] p : avc.pps()) {
        Pps pps = Pps.parse(p);
        scan.pps.put(pps.id, pps);
      }
      scan.scan(file, video.samples(), avc.nalLengthSize());
      Sps sps = scan.firstSps != null ? scan.firstSps : scan.sps.values().stream().findFirst().orElse(null);
      Pps pps = scan.firstPps != null ? scan.firstPps : scan.pps.values().stream().findFirst().orElse(null);
      if (sps == null || pps == null) {
        throw new MediaException(file, Reason.CORRUPT, file + " has no H.264 parameter sets (SPS/PPS); export it again");
      }
      boolean supported = sps.bitDepthLuma == 8 && sps.chromaFormatIdc == 1 && sps.frameMbsOnly;
      return new Clip(file, movie, video, avc, sps, pps, supported ? scan.finish(sps, pps) : null);
    } catch (H264FormatException e) {
      throw new MediaException(file, Reason.CORRUPT, file + " has broken H.264 headers: " + e.getMessage()
          + "; export or download it again", e);
    }
  }

  /**
   * Refuses clips the stitcher cannot use.
   *
   * @throws MediaException UNSUPPORTED naming the file and the feature
   */
  public void requireStitchable() {
    String type = video.entryType();
    if (avc == null) {
      String name = switch (type) {
        case "hvc1", "hev1" -> "HEVC (H.265)";
        case "av01" -> "AV1";
        case "vp09" -> "VP9";
        case "mp4v" -> "MPEG-4 Part 2";
        default -> "'" + type + "'";
      };
      throw unsupported("is " + name + " video; only H.264 is supported. Convert it, e.g. "
          + "ffmpeg -i in.mp4 -c:v libx264 -pix_fmt yuv420p out.mp4");
    }
    if (avc.nalLengthSize() != 4) {
      throw unsupported("uses " + avc.nalLengthSize() + "-byte NAL lengths; only 4-byte lengths are supported");
    }
    if (sps.bitDepthLuma != 8 || sps.bitDepthChroma != 8) {
      throw unsupported("is " + sps.bitDepthLuma + "-bit video (" + sps.profileName() + "); only 8-bit H.264 is "
          + "supported. Convert it with -pix_fmt yuv420p");
    }
    if (sps.chromaFormatIdc != 1) {
      throw unsupported("uses " + sps.chromaName() + " chroma; only 4:2:0 is supported. Convert it with -pix_fmt yuv420p");
    }
    if (!sps.frameMbsOnly) {
      throw unsupported("is interlaced; only progressive video is supported. Deinterlace it first");
    }
    if (!video.samples().isSync(0)) {
      throw unsupported("does not start with a key frame; cut it at a key frame or re-encode it");
    }
    if (info.size().width() < 16 || info.size().height() < 16) {
      throw unsupported("is only " + info.size() + " pixels");
    }
  }

  private MediaException unsupported(String what) {
    return new MediaException(file, Reason.UNSUPPORTED, file + " " + what);
  }

  /**
   * @param decode a sample index
   * @return whether it is an IDR picture (decoding can start there)
   */
  public boolean isIdr(int decode) {
    return idr[decode];
  }

  /**
   * @param m a number of samples from the start, 0 to the frame count
   * @return whether the first {@code m} samples in decode order are exactly the first {@code m}
   *     frames in display order (a point where the stream can be cut)
   */
  public boolean cleanCut(int m) {
    return cleanCut[m];
  }

  /** @return the number of video frames */
  public int frameCount() {
    return displayToDecode.length;
  }

  /**
   * @param display display index
   * @return the decode index of that frame
   */
  public int decodeIndex(int display) {
    return displayToDecode[display];
  }

  /**
   * @param decode decode index
   * @return its display index
   */
  public int displayIndex(int decode) {
    return decodeToDisplay[decode];
  }

  /**
   * @param display display index
   * @return the frame's presentation time in media units (0 for the first frame)
   */
  public long pts(int display) {
    return video.samples().cts(displayToDecode[display]) - startCts;
  }

  /**
   * @param display display index
   * @return how long the frame is shown, in media units
   */
  public long frameDuration(int display) {
    long next = display + 1 < displayToDecode.length ? pts(display + 1) : duration;
    return Math.max(0, next - pts(display));
  }

  /** @return the presented length */
  public Duration presentedDuration() {
    return Duration.ofNanos(Math.round(duration * 1e9 / timescale));
  }

  /** @return frames per second (average) */
  public double frameRate() {
    return duration <= 0 ? 0 : frameCount() * (double) timescale / duration;
  }

  /** @return displayed width */
  public int width() {
    return info.size().width();
  }

  /** @return displayed height */
  public int height() {
    return info.size().height();
  }

  /** @return whether JCodec can decode every frame exactly */
  public boolean decodesExactly() {
    return undecodable == null && hazards.isEmpty();
  }

  private VideoInfo buildInfo() {
    SampleTable s = video.samples();
    int width;
    int height;
    if (sps != null) {
      width = sps.width();
      height = sps.height();
    } else {
      byte[] e = video.sampleEntry();
      int base = video.entryChildrenOffset() - 78;
      width = e.length >= base + 28 ? ((e[base + 24] & 0xFF) << 8) | (e[base + 25] & 0xFF) : 0;
      height = e.length >= base + 28 ? ((e[base + 26] & 0xFF) << 8) | (e[base + 27] & 0xFF) : 0;
      if (width <= 0 || height <= 0) {
        throw new MediaException(file, Reason.CORRUPT, file + " declares no frame size; export it again");
      }
    }
    long maxOffset = 0;
    long firstOffset = s.ctsOffset(0);
    for (int i = 0; i < s.count(); i++) {
      maxOffset = Math.max(maxOffset, s.ctsOffset(i) - Math.min(firstOffset, s.minCtsOffset()));
    }
    long delayUnits = Math.max(0, startCts - s.dts(0));
    VideoInfo.Builder b = VideoInfo.builder()
        .file(file, movie.fileSize())
        .duration(presentedDuration())
        .codec(video.entryType(), sps == null ? "" : sps.profileName(), sps == null ? "" : sps.levelName())
        .format(sps == null ? 8 : sps.bitDepthLuma, sps == null ? "4:2:0" : sps.chromaName(),
            sps != null && !sps.frameMbsOnly)
        .size(new ImageSize(width, height))
        .timing(Math.max(frameRate(), 1e-9), s.count(), s.syncCount(), timescale)
        .reorderDelay(Duration.ofNanos(Math.round(delayUnits * 1e9 / timescale)));
    hazards.forEach(b::decodeWarning);
    if (audio != null) {
      int rate = aac != null && aac.sampleRate() > 0 ? aac.sampleRate() : (int) Math.min(Integer.MAX_VALUE, audio.timescale());
      int channels = aac != null && aac.channels() > 0 ? aac.channels() : audioEntryChannels();
      long content = audioContent;
      b.audio(new AudioInfo(audio.entryType(), aac != null ? aac.profileName() : audio.entryType(), Math.max(1, rate),
          Math.max(1, channels), (int) Math.min(Integer.MAX_VALUE, audioPriming),
          Duration.ofNanos(Math.round(content * 1e9 / Math.max(1, rate)))));
    }
    return b.build();
  }

  private int audioEntryChannels() {
    byte[] e = audio.sampleEntry();
    int pos = 8 + 16;
    return e.length >= pos + 2 ? ((e[pos] & 0xFF) << 8) | (e[pos + 1] & 0xFF) : 0;
  }

  @Override
  public String toString() {
    return info.toString();
  }

  /** Walks the first slice header of every sample and the in-band parameter sets. */
  private static final class Scan {
    final Map<Integer, Sps> sps = new HashMap<>();
    final Map<Integer, Pps> pps = new HashMap<>();
    final Set<String> hazards = new TreeSet<>();
    Sps firstSps;
    Pps firstPps;
    boolean bFrames;
    boolean[] idr;
    boolean implicitBipredUsed;
    boolean scaling;
    boolean constrainedIntra;
    String undecodable;

    void scan(Path file, SampleTable samples, int lengthSize) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        ByteBuffer window = ByteBuffer.allocate(SCAN_BYTES);
        idr = new boolean[samples.count()];
        for (int i = 0; i < samples.count(); i++) {
          idr[i] = scanSample(ch, samples.offset(i), samples.size(i), lengthSize, window, i == 0);
        }
      } catch (IOException e) {
        throw new MediaException(file, Reason.NOT_FOUND, "cannot read " + file + ": " + e.getMessage(), e);
      }
    }

    /** Reads a sample's parameter sets and first slice header; returns whether it is an IDR. */
    private boolean scanSample(FileChannel ch, long offset, int size, int lengthSize, ByteBuffer window,
                               boolean first) throws IOException {
      window.clear();
      window.limit(Math.min(SCAN_BYTES, size));
      readFully(ch, window, offset);
      int pos = 0;
      while (pos + lengthSize <= size) {
        long len = 0;
        for (int k = 0; k < lengthSize; k++) {
          len = (len << 8) | (byteAt(ch, window, offset, pos + k) & 0xFF);
        }
        pos += lengthSize;
        if (len == 0) {
          continue;
        }
        if (len > size - pos) {
          throw new H264FormatException("NAL unit of " + len + " bytes runs past its sample");
        }
        int type = byteAt(ch, window, offset, pos) & 0x1F;
        if (type == Nal.SPS || type == Nal.PPS) {
          byte[] unit = read(ch, window, offset, pos, (int) Math.min(len, 4096));
          if (type == Nal.SPS) {
            Sps s = Sps.parse(unit);
            sps.put(s.id, s);
          } else {
            Pps p = Pps.parse(unit);
            pps.put(p.id, p);
          }
        } else if (type == Nal.SLICE || type == Nal.IDR) {
          byte[] head = read(ch, window, offset, pos, (int) Math.min(len, 64));
          SliceHeader sh = SliceHeader.parse(head, sps, pps);
          Pps p = pps.get(sh.ppsId());
          if (first) {
            firstPps = p;
            firstSps = sps.get(p.spsId);
          }
          if (p.scalingMatrix || sps.get(p.spsId).scalingMatrix) {
            scaling = true;
          }
          if (p.constrainedIntraPred) {
            constrainedIntra = true;
          }
          if (sh.sliceType() == SliceHeader.B) {
            bFrames = true;
            if (sh.temporalDirect()) {
              hazards.add(VideoInfo.TEMPORAL_DIRECT);
            }
            if (p.weightedBipredIdc == 2 && !p.weightedPred) {
              implicitBipredUsed = true;
            }
          }
          return type == Nal.IDR;
        }
        pos += (int) len;
      }
      return false;
    }

    Scan finish(Sps first, Pps firstP) {
      if (scaling) {
        hazards.add(VideoInfo.SCALING_MATRIX);
      }
      if (implicitBipredUsed) {
        hazards.add(VideoInfo.IMPLICIT_WEIGHTED_BIPRED);
      }
      if (constrainedIntra) {
        undecodable = "it uses constrained intra prediction";
      } else if (first.profileIdc != 66 && first.profileIdc != 77 && first.profileIdc != 100) {
        undecodable = "it uses the " + first.profileName() + " profile";
      } else if (firstP.numSliceGroups > 1) {
        undecodable = "it uses slice groups";
      } else if (first.transformBypass) {
        undecodable = "it uses lossless transform bypass";
      }
      return this;
    }

    private static byte byteAt(FileChannel ch, ByteBuffer window, long offset, int pos) throws IOException {
      if (pos < window.limit()) {
        return window.get(pos);
      }
      ByteBuffer one = ByteBuffer.allocate(1);
      readFully(ch, one, offset + pos);
      return one.get(0);
    }

    private static byte[] read(FileChannel ch, ByteBuffer window, long offset, int pos, int len) throws IOException {
      byte[] out = new byte[len];
      if (pos + len <= window.limit()) {
        window.get(pos, out, 0, len);
        return out;
      }
      ByteBuffer b = ByteBuffer.wrap(out);
      readFully(ch, b, offset + pos);
      return out;
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
      long p = pos;
      while (b.hasRemaining()) {
        int r = ch.read(b, p);
        if (r < 0) {
          throw new IOException("unexpected end of file");
        }
        p += r;
      }
    }
  }
}
