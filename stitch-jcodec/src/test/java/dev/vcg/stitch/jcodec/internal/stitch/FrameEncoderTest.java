package dev.vcg.stitch.jcodec.internal.stitch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.stitch.jcodec.Ffmpeg;
import dev.vcg.stitch.jcodec.internal.clip.Clip;
import dev.vcg.stitch.jcodec.internal.clip.ClipDecoder;
import dev.vcg.stitch.jcodec.internal.clip.Yuv;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Rect;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The re-encoder on a real camera pan: what it writes decodes cleanly with ffmpeg, ffmpeg's
 * pictures are bit for bit the encoder's own reconstruction (so nothing drifts along a chain of
 * predicted frames), every frame stays close to its source, and prediction pays.
 */
class FrameEncoderTest {
  private static final int W = 320;
  private static final int H = 180;
  private static final int FRAMES = 72;
  private static Path pan;

  @TempDir
  Path dir;

  @BeforeAll
  static void source() {
    // A textured picture moving 3 pixels right and half a pixel down per frame.
    pan = Ffmpeg.clip("-f", "lavfi", "-i", "testsrc2=size=640x240:rate=24", "-vf", "crop=320:180:n*3:n/2",
        "-frames:v", String.valueOf(FRAMES), "-c:v", "libx264", "-profile:v", "high", "-crf", "16", "-pix_fmt",
        "yuv420p");
  }

  private Path encode(String name, int keyInterval) throws IOException {
    Path samples = dir.resolve(name + ".h264");
    Path out = dir.resolve(name + ".mp4");
    try (ClipDecoder d = new ClipDecoder(Clip.open(pan));
         FrameEncoder enc = new FrameEncoder(W, H, 24, keyInterval, 24, samples)) {
      for (Yuv f = d.next(); f != null; f = d.next()) {
        enc.encode(f, 1);
        d.release(f);
      }
      assertThat(enc.count()).isEqualTo(FRAMES);
      SingleTrackWriter.write(enc, out, W, H);
    }
    return out;
  }

  @Test
  void predictedFramesFollowAPanWithoutDrift() throws IOException {
    Path inter = encode("inter", FRAMES);
    assertThat(Ffmpeg.decodeErrors(inter)).isEmpty();
    List<byte[]> source = Ffmpeg.rawFrames(pan, W, H);
    List<byte[]> out = Ffmpeg.rawFrames(inter, W, H);
    assertThat(out).hasSize(FRAMES);
    for (int i = 0; i < FRAMES; i++) {
      assertThat(Ffmpeg.lumaPsnr(out.get(i), source.get(i), W, H, 0, W)).as("frame %d", i).isGreaterThan(42);
    }
  }

  @Test
  void aStandardDecoderReconstructsExactlyWhatTheEncoderPredictsFrom() throws IOException {
    // QP 28, where an in-loop filter would act the most; one IDR, then predicted frames only.
    ConstantQpEncoder encoder = new ConstantQpEncoder(W, H, 28, FRAMES);
    Path stream = dir.resolve("stream.h264");
    List<byte[]> reconstructed = new ArrayList<>();
    try (ClipDecoder d = new ClipDecoder(Clip.open(pan));
         FileChannel out = FileChannel.open(stream, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
      for (Yuv f = d.next(); f != null; f = d.next()) {
        buffer.clear();
        encoder.encode(new Picture(f.stride, f.paddedHeight, f.planes(), null, ColorSpace.YUV420J, 0,
            new Rect(0, 0, W, H)), buffer);
        buffer.flip();
        out.write(buffer);
        reconstructed.add(visible(encoder.reconstruction()));
        d.release(f);
      }
    }
    assertThat(Ffmpeg.probe(stream, "v:0", "stream=profile,level", false)).isEqualTo("Constrained Baseline\n41");
    List<byte[]> decoded = Ffmpeg.rawFrames(stream, W, H);
    assertThat(decoded).hasSize(FRAMES);
    for (int i = 0; i < FRAMES; i++) {
      assertThat(decoded.get(i)).as("frame %d", i).isEqualTo(reconstructed.get(i));
    }
  }

  @Test
  void anUnchangedPictureCostsAlmostNothingAfterTheFirstFrame() throws IOException {
    ConstantQpEncoder encoder = new ConstantQpEncoder(W, H, 24, 1000);
    Yuv still;
    try (ClipDecoder d = new ClipDecoder(Clip.open(pan))) {
      Yuv f = d.next();
      still = Yuv.allocate(W, H);
      still.copyFrom(f);
      still.padEdges();
      d.release(f);
    }
    Picture pic = new Picture(still.stride, still.paddedHeight, still.planes(), null, ColorSpace.YUV420J, 0,
        new Rect(0, 0, W, H));
    Path stream = dir.resolve("still.h264");
    int[] sizes = new int[12];
    List<byte[]> reconstructed = new ArrayList<>();
    try (FileChannel out = FileChannel.open(stream, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
      for (int i = 0; i < sizes.length; i++) {
        buffer.clear();
        encoder.encode(pic, buffer);
        buffer.flip();
        sizes[i] = buffer.remaining();
        out.write(buffer);
        reconstructed.add(visible(encoder.reconstruction()));
      }
    }
    // After the IDR and two frames that refine what quantisation left, every macroblock is skipped:
    // a slice header and one skip run (240 macroblocks coded with no residual take over 200 bytes).
    for (int i = 3; i < sizes.length; i++) {
      assertThat(sizes[i]).as("frame %d of %s", i, java.util.Arrays.toString(sizes)).isLessThan(40);
    }
    List<byte[]> decoded = Ffmpeg.rawFrames(stream, W, H);
    for (int i = 0; i < sizes.length; i++) {
      assertThat(decoded.get(i)).as("frame %d", i).isEqualTo(reconstructed.get(i));
    }
  }

  @ParameterizedTest
  @CsvSource({"16,16", "32,16", "16,48", "48,32", "40,24", "66,38"})
  void smallAndUnalignedPicturesDecodeExactly(int width, int height) throws IOException {
    // A textured picture drifting diagonally: vectors differ from macroblock to macroblock at the
    // edges, where the standard's predictor rules have their special cases.
    ConstantQpEncoder encoder = new ConstantQpEncoder(width, height, 26, 1000);
    Yuv frame = Yuv.allocate(width, height);
    Path stream = dir.resolve("small.h264");
    List<byte[]> reconstructed = new ArrayList<>();
    try (FileChannel out = FileChannel.open(stream, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
      for (int n = 0; n < 20; n++) {
        for (int y = 0; y < height; y++) {
          for (int x = 0; x < width; x++) {
            double v = 128 + 60 * Math.sin((x + 2 * n) / 5.0) * Math.cos((y - n) / 4.0) + 30 * Math.sin(x * y / 50.0);
            frame.y[y * frame.stride + x] = (byte) ((int) v - 128);
          }
        }
        for (int y = 0; y < height / 2; y++) {
          for (int x = 0; x < width / 2; x++) {
            frame.u[y * frame.chromaStride() + x] = (byte) (20 * Math.sin((x + n) / 3.0));
            frame.v[y * frame.chromaStride() + x] = (byte) (20 * Math.cos((y + n) / 3.0));
          }
        }
        frame.padEdges();
        buffer.clear();
        encoder.encode(new Picture(frame.stride, frame.paddedHeight, frame.planes(), null, ColorSpace.YUV420J, 0,
            new Rect(0, 0, width, height)), buffer);
        buffer.flip();
        out.write(buffer);
        reconstructed.add(visible(encoder.reconstruction(), width, height));
      }
    }
    List<byte[]> decoded = Ffmpeg.rawFrames(stream, width, height);
    assertThat(decoded).hasSize(20);
    for (int i = 0; i < decoded.size(); i++) {
      assertThat(decoded.get(i)).as("frame %d", i).isEqualTo(reconstructed.get(i));
    }
  }

  private static byte[] visible(Picture p) {
    return visible(p, W, H);
  }

  @Test
  void declaresALevelThatAllowsItsFrameSize() {
    assertThat(ConstantQpEncoder.level((1920 / 16) * (1088 / 16))).isEqualTo(41);
    assertThat(ConstantQpEncoder.level((4096 / 16) * (2160 / 16))).isEqualTo(51);
    assertThat(ConstantQpEncoder.level((7680 / 16) * (4320 / 16))).isEqualTo(60);
  }

  /** The visible 4:2:0 planes of a coded picture, unsigned, as ffmpeg writes yuv420p. */
  private static byte[] visible(Picture p, int width, int height) {
    byte[] out = new byte[width * height * 3 / 2];
    int o = 0;
    for (int c = 0; c < 3; c++) {
      int w = c == 0 ? width : width / 2;
      int h = c == 0 ? height : height / 2;
      byte[] plane = p.getPlaneData(c);
      int stride = p.getPlaneWidth(c);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          out[o++] = (byte) (plane[y * stride + x] + 128);
        }
      }
    }
    return out;
  }

  @Test
  void predictionCostsLessThanCodingEveryFrameOnItsOwn() throws IOException {
    long inter = Files.size(encode("inter", FRAMES));
    long intra = Files.size(encode("intra", 1));
    // Every inter macroblock still carries a full residual, so the gain is moderate (about 0.6).
    assertThat(inter).isLessThan(intra * 7 / 10);
  }
}
