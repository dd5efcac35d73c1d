package dev.vcg.stitch.jcodec.internal.stitch;

import java.nio.ByteBuffer;
import org.jcodec.codecs.h264.H264Utils;
import org.jcodec.codecs.h264.encode.EncodedMB;
import org.jcodec.codecs.h264.encode.MBEncoderHelper;
import org.jcodec.codecs.h264.encode.MBEncoderI16x16;
import org.jcodec.codecs.h264.io.CAVLC;
import org.jcodec.codecs.h264.io.model.MBType;
import org.jcodec.codecs.h264.io.model.NALUnit;
import org.jcodec.codecs.h264.io.model.NALUnitType;
import org.jcodec.codecs.h264.io.model.PictureParameterSet;
import org.jcodec.codecs.h264.io.model.RefPicMarkingIDR;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.codecs.h264.io.model.SliceHeader;
import org.jcodec.codecs.h264.io.model.SliceType;
import org.jcodec.codecs.h264.io.write.CAVLCWriter;
import org.jcodec.codecs.h264.io.write.SliceHeaderWriter;
import org.jcodec.common.io.BitWriter;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;

/**
 * A Baseline H.264 encoder at one constant quantiser. Every {@code keyInterval}-th frame is an IDR
 * carrying the parameter sets, coded as intra 16x16 macroblocks by JCodec's coder; the others are
 * P frames predicted from the one before by {@link InterSliceWriter} (skipped macroblocks, coded
 * block patterns, {@link PredictiveMotionSearch}). The in-loop deblocking filter is off, in the
 * stream and in the reconstruction, so a decoder's pictures equal the encoder's bit for bit.
 * Buffers are reused between frames. Not thread-safe.
 */
final class ConstantQpEncoder {
  private final int qp;
  private final int keyInterval;
  private final SeqParameterSet sps;
  private final PictureParameterSet pps;
  private final int mbWidth;
  private final int mbHeight;
  private final int maxPoc;
  private final int maxFrameNum;
  private final PredictiveMotionSearch search;
  private final InterSliceWriter inter;
  private Picture ref;
  private Picture spare;
  private ByteBuffer sliceBuffer;
  private int frameNumber;

  /**
   * @param width picture width
   * @param height picture height
   * @param qp the quantiser, at most 28 (above it JCodec codes chroma wrongly)
   * @param keyInterval frames from one IDR to the next
   */
  ConstantQpEncoder(int width, int height, int qp, int keyInterval) {
    if (qp > 28 || qp < 0) {
      throw new IllegalArgumentException("qp must be 0..28 (above 28 JCodec codes chroma wrongly): " + qp);
    }
    this.qp = qp;
    this.keyInterval = Math.max(1, keyInterval);
    this.mbWidth = (width + 15) >> 4;
    this.mbHeight = (height + 15) >> 4;
    this.sps = sps(width, height, this.keyInterval, mbWidth, mbHeight);
    this.pps = new PictureParameterSet();
    pps.picInitQpMinus26 = 0;
    // Slices say the in-loop filter is off (disable_deblocking_filter_idc = 1), see Unfiltered.
    pps.deblockingFilterControlPresentFlag = true;
    this.maxPoc = 1 << (sps.log2MaxPicOrderCntLsbMinus4 + 4);
    this.maxFrameNum = 1 << (sps.log2MaxFrameNumMinus4 + 4);
    this.search = new PredictiveMotionSearch(mbWidth, mbHeight);
    this.inter = new InterSliceWriter(mbWidth, mbHeight, search);
  }

  private static SeqParameterSet sps(int width, int height, int keyInterval, int mbWidth, int mbHeight) {
    SeqParameterSet s = new SeqParameterSet();
    s.picWidthInMbsMinus1 = mbWidth - 1;
    s.picHeightInMapUnitsMinus1 = mbHeight - 1;
    s.chromaFormatIdc = ColorSpace.YUV420J;
    s.profileIdc = 66;
    // Constrained Baseline: also within Main's constraints (no FMO, ASO or redundant slices), which
    // is what browsers and hardware decoders expect of a Baseline stream.
    s.constraintSet0Flag = true;
    s.constraintSet1Flag = true;
    s.levelIdc = level(mbWidth * mbHeight);
    s.numRefFrames = 1;
    s.frameMbsOnlyFlag = true;
    s.log2MaxFrameNumMinus4 = Math.max(0, 31 - Integer.numberOfLeadingZeros(keyInterval) - 3);
    int codedWidth = mbWidth << 4;
    int codedHeight = mbHeight << 4;
    s.frameCroppingFlag = codedWidth != width || codedHeight != height;
    s.frameCropRightOffset = (codedWidth - width + 1) >> 1;
    s.frameCropBottomOffset = (codedHeight - height + 1) >> 1;
    return s;
  }

  /**
   * The level to declare for a frame size: 4.1 up to 1080p (8,192 macroblocks, 50 Mbit/s, enough
   * for a constant quantiser on detailed content), 5.1 up to 4K (36,864), 6.0 above (up to 8K).
   * Each allows 30 frames per second at its largest size.
   */
  static int level(int macroblocks) {
    return macroblocks <= 8192 ? 41 : macroblocks <= 36864 ? 51 : 60;
  }

  /**
   * Encodes one picture.
   *
   * @param pic limited-range 4:2:0 samples, planes at least the coded (macroblock-aligned) size
   * @param out where the Annex B NAL units are written (from its position)
   * @return true when the frame is an IDR
   */
  boolean encode(Picture pic, ByteBuffer out) {
    if (frameNumber >= keyInterval) {
      frameNumber = 0;
    }
    boolean idr = frameNumber == 0;
    int frameNum = frameNumber++;
    if (idr) {
      writeParameterSet(out, NALUnitType.SPS, sps);
      writeParameterSet(out, NALUnitType.PPS, pps);
      search.reset();
    } else {
      search.nextFrame();
    }
    Picture recon = spare != null ? spare : Picture.create(mbWidth << 4, mbHeight << 4, ColorSpace.YUV420J);
    int capacity = (mbWidth << 4) * (mbHeight << 4) * 2;
    if (sliceBuffer == null || sliceBuffer.capacity() < capacity) {
      sliceBuffer = ByteBuffer.allocate(capacity);
    }
    sliceBuffer.clear();
    encodeSlice(pic, recon, out, idr, frameNum);
    spare = ref;
    ref = recon;
    return idr;
  }

  private void writeParameterSet(ByteBuffer out, NALUnitType type, Object set) {
    out.putInt(1);
    new NALUnit(type, 3).write(out);
    ByteBuffer tmp = ByteBuffer.allocate(1024);
    if (set instanceof SeqParameterSet s) {
      s.write(tmp);
    } else {
      ((PictureParameterSet) set).write(tmp);
    }
    tmp.flip();
    H264Utils.escapeNAL(tmp, out);
  }

  private void encodeSlice(Picture pic, Picture recon, ByteBuffer out, boolean idr, int frameNum) {
    SliceType type = idr ? SliceType.I : SliceType.P;
    CAVLC[] cavlc = {new CAVLC(sps, pps, 2, 2), new CAVLC(sps, pps, 1, 1), new CAVLC(sps, pps, 1, 1)};

    out.putInt(1);
    new NALUnit(idr ? NALUnitType.IDR_SLICE : NALUnitType.NON_IDR_SLICE, 3).write(out);
    SliceHeader sh = new SliceHeader();
    sh.sliceType = type;
    if (idr) {
      sh.refPicMarkingIDR = new RefPicMarkingIDR(false, false);
    }
    sh.pps = pps;
    sh.sps = sps;
    sh.picOrderCntLsb = (frameNum << 1) % maxPoc;
    sh.frameNum = frameNum % maxFrameNum;
    sh.sliceQpDelta = qp - (pps.picInitQpMinus26 + 26);
    sh.disableDeblockingFilterIdc = 1;
    BitWriter bits = new BitWriter(sliceBuffer);
    SliceHeaderWriter.write(sh, idr, 2, bits);
    if (idr) {
      intraMacroblocks(pic, recon, cavlc, bits);
    } else {
      inter.write(pic, ref, recon, cavlc, qp, bits);
    }
    bits.write1Bit(1);
    bits.flush();
    ByteBuffer data = bits.getBuffer();
    data.flip();
    H264Utils.escapeNAL(data, out);
  }

  /** Codes every macroblock as intra 16x16 with JCodec's coder, collecting the intra predictors. */
  private void intraMacroblocks(Picture pic, Picture recon, CAVLC[] cavlc, BitWriter bits) {
    byte[][] leftRow = {new byte[16], new byte[8], new byte[8]};
    byte[][] topLine = {new byte[mbWidth << 4], new byte[mbWidth << 3], new byte[mbWidth << 3]};
    MBEncoderI16x16 intra = new MBEncoderI16x16(cavlc, leftRow, topLine);
    EncodedMB[] top = new EncodedMB[mbWidth];
    for (int i = 0; i < mbWidth; i++) {
      top[i] = new Unfiltered();
    }
    EncodedMB current = new Unfiltered();
    for (int mbY = 0; mbY < mbHeight; mbY++) {
      for (int mbX = 0; mbX < mbWidth; mbX++) {
        EncodedMB left = mbX > 0 ? top[mbX - 1] : null;
        EncodedMB above = mbY > 0 ? top[mbX] : null;
        int mode = intra.getPredMode(pic, mbX, mbY);
        int cbpChroma = intra.getCbpChroma(pic, mbX, mbY);
        int cbpLuma = intra.getCbpLuma(pic, mbX, mbY);
        CAVLCWriter.writeUE(bits, MBType.I_16x16.code() + (cbpLuma / 15) * 12 + cbpChroma * 4 + mode);
        intra.encodeMacroblock(pic, mbX, mbY, bits, current, left, above, qp, 0);
        Picture px = current.getPixels();
        System.arraycopy(px.getPlaneData(0), 240, topLine[0], mbX << 4, 16);
        System.arraycopy(px.getPlaneData(1), 56, topLine[1], mbX << 3, 8);
        System.arraycopy(px.getPlaneData(2), 56, topLine[2], mbX << 3, 8);
        column(px.getPlaneData(0), 15, 16, leftRow[0]);
        column(px.getPlaneData(1), 7, 8, leftRow[1]);
        column(px.getPlaneData(2), 7, 8, leftRow[2]);
        MBEncoderHelper.putBlkPic(recon, px, mbX << 4, mbY << 4);
        EncodedMB t = top[mbX];
        top[mbX] = current;
        current = t;
      }
    }
  }

  /** @return the last frame as a decoder reconstructs it (coded size), for tests */
  Picture reconstruction() {
    return ref;
  }

  /**
   * A macroblock that JCodec's in-encoder deblocking leaves alone. JCodec's macroblock coders
   * deblock their reconstruction as they go, but not as the standard does (intra prediction then
   * reads filtered neighbours, and the filter strength ignores the coded coefficients), so at
   * quantisers where the filter acts, decoders reconstruct other pixels than the encoder predicts
   * from and the error grows from frame to frame. Its filter thresholds derive from the
   * macroblocks' quantiser; reporting 0 makes them 0, so nothing is filtered, and the slices
   * switch the filter off for decoders too: both sides then hold exactly the same pictures.
   */
  private static final class Unfiltered extends EncodedMB {
    @Override
    public int getQp() {
      return 0;
    }
  }

  private static void column(byte[] plane, int off, int stride, byte[] out) {
    for (int i = 0; i < out.length; i++, off += stride) {
      out[i] = plane[off];
    }
  }
}
