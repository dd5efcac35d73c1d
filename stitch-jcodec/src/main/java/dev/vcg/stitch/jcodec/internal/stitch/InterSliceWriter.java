package dev.vcg.stitch.jcodec.internal.stitch;

import org.jcodec.codecs.h264.H264Const;
import org.jcodec.codecs.h264.decode.CoeffTransformer;
import org.jcodec.codecs.h264.io.CAVLC;
import org.jcodec.codecs.h264.io.model.MBType;
import org.jcodec.codecs.h264.io.write.CAVLCWriter;
import org.jcodec.common.io.BitWriter;
import org.jcodec.common.model.Picture;

/**
 * Codes the macroblocks of a P slice: each one either skipped (P_Skip: predicted with the
 * standard's skip vector and no residual) or as one 16x16 partition with a full-pel vector from
 * the {@link PredictiveMotionSearch} and only the 8x8 luma blocks and chroma parts that have
 * coefficients left after quantisation. The prediction, transforms and quantiser are the
 * standard's integer ones (JCodec's {@link CoeffTransformer}, whose reconstruction matches
 * decoders), the entropy coding JCodec's CAVLC writer; reconstructed pixels are written straight
 * into the reference picture with no in-loop filter (the slices switch it off). Holds its
 * scratch buffers, so a frame allocates nothing. Not thread-safe.
 */
final class InterSliceWriter {
  private static final MBType P = MBType.P_16x16;

  private final int mbWidth;
  private final int mbHeight;
  private final PredictiveMotionSearch search;
  private final int[] mvX;
  private final int[] mvY;
  private final byte[] patch = new byte[256];
  private final byte[] predY = new byte[256];
  private final byte[] predU = new byte[64];
  private final byte[] predV = new byte[64];
  private final int[][] luma = new int[16][16];
  private final int[][] cb = new int[4][16];
  private final int[][] cr = new int[4][16];
  private final int[] dcCb = new int[4];
  private final int[] dcCr = new int[4];
  private final int[] residual = new int[16];
  private int qp;

  InterSliceWriter(int mbWidth, int mbHeight, PredictiveMotionSearch search) {
    this.mbWidth = mbWidth;
    this.mbHeight = mbHeight;
    this.search = search;
    this.mvX = new int[mbWidth * mbHeight];
    this.mvY = new int[mbWidth * mbHeight];
  }

  /**
   * Writes the macroblock layer of a P slice and reconstructs it.
   *
   * @param pic the picture to code
   * @param ref the previous reconstructed picture
   * @param recon where this picture's reconstruction goes
   * @param cavlc CAVLC writers for Y, Cb and Cr, fresh for the slice
   * @param qp the quantiser
   * @param out the slice data, after its header
   */
  void write(Picture pic, Picture ref, Picture recon, CAVLC[] cavlc, int qp, BitWriter out) {
    this.qp = qp;
    int skipRun = 0;
    for (int mbY = 0, mb = 0; mbY < mbHeight; mbY++) {
      for (int mbX = 0; mbX < mbWidth; mbX++, mb++) {
        int[] pred = predictor(mbX, mbY, mb);
        int mvpx = pred[0];
        int mvpy = pred[1];
        take(pic.getPlaneData(0), pic.getPlaneWidth(0), mbX << 4, mbY << 4, patch);
        int[] mv = search.estimate(ref, patch, mbX, mbY, mvpx, mvpy);
        predict(ref, mbX, mbY, mv[0], mv[1]);
        int cbp = transform(pic, mbX, mbY, qp);
        mvX[mb] = mv[0];
        mvY[mb] = mv[1];
        if (cbp == 0 && isSkipVector(mbX, mbY, mb, mvpx, mvpy, mv[0], mv[1])) {
          skipRun++;
          zeroLumaTokens(cavlc[0], mbX, mbY, 0xF);
          zeroChromaTokens(cavlc, mbX, mbY);
          reconstruct(recon, mbX, mbY, 0, 0);
          continue;
        }
        CAVLCWriter.writeUE(out, skipRun);
        skipRun = 0;
        CAVLCWriter.writeUE(out, 0); // P_L0_16x16
        CAVLCWriter.writeSE(out, mv[0] - mvpx);
        CAVLCWriter.writeSE(out, mv[1] - mvpy);
        CAVLCWriter.writeUE(out, H264Const.CODED_BLOCK_PATTERN_INTER_COLOR_INV[cbp]);
        if (cbp != 0) {
          CAVLCWriter.writeSE(out, 0); // mb_qp_delta
        }
        writeResidual(out, cavlc, mbX, mbY, cbp);
        reconstruct(recon, mbX, mbY, cbp & 0xF, cbp >> 4);
      }
    }
    if (skipRun > 0) {
      CAVLCWriter.writeUE(out, skipRun);
    }
  }

  /** The median vector prediction of a 16x16 partition with one reference (8.4.1.3). */
  private int[] predictor(int mbX, int mbY, int mb) {
    boolean a = mbX > 0;
    boolean b = mbY > 0;
    boolean c = mbY > 0 && mbX + 1 < mbWidth;
    int ax = a ? mvX[mb - 1] : 0;
    int ay = a ? mvY[mb - 1] : 0;
    int bx = b ? mvX[mb - mbWidth] : 0;
    int by = b ? mvY[mb - mbWidth] : 0;
    int cx;
    int cy;
    if (c) {
      cx = mvX[mb - mbWidth + 1];
      cy = mvY[mb - mbWidth + 1];
    } else {
      c = mbX > 0 && mbY > 0; // D, the top-left, stands in for C
      cx = c ? mvX[mb - mbWidth - 1] : 0;
      cy = c ? mvY[mb - mbWidth - 1] : 0;
    }
    if (!b && !c && a) {
      return new int[] {ax, ay};
    }
    int available = (a ? 1 : 0) + (b ? 1 : 0) + (c ? 1 : 0);
    if (available == 1) {
      return a ? new int[] {ax, ay} : b ? new int[] {bx, by} : new int[] {cx, cy};
    }
    return new int[] {median(ax, bx, cx), median(ay, by, cy)};
  }

  private static int median(int a, int b, int c) {
    return a + b + c - Math.min(a, Math.min(b, c)) - Math.max(a, Math.max(b, c));
  }

  /** Whether a vector is the one P_Skip implies here (8.4.1.1). */
  private boolean isSkipVector(int mbX, int mbY, int mb, int mvpx, int mvpy, int x, int y) {
    if (mbX == 0 || mbY == 0) {
      return x == 0 && y == 0;
    }
    if ((mvX[mb - 1] == 0 && mvY[mb - 1] == 0) || (mvX[mb - mbWidth] == 0 && mvY[mb - mbWidth] == 0)) {
      return x == 0 && y == 0;
    }
    return x == mvpx && y == mvpy;
  }

  private static void take(byte[] plane, int stride, int x, int y, byte[] out) {
    for (int r = 0; r < 16; r++) {
      System.arraycopy(plane, (y + r) * stride + x, out, r << 4, 16);
    }
  }

  /** Motion-compensated prediction for a full-pel vector (quarter-pel units, multiples of 4). */
  private void predict(Picture ref, int mbX, int mbY, int mvx, int mvy) {
    int stride = ref.getPlaneWidth(0);
    int off = ((mbY << 4) + (mvy >> 2)) * stride + (mbX << 4) + (mvx >> 2);
    byte[] y = ref.getPlaneData(0);
    for (int r = 0; r < 16; r++, off += stride) {
      System.arraycopy(y, off, predY, r << 4, 16);
    }
    chroma(ref.getPlaneData(1), ref.getPlaneWidth(1), ref.getPlaneHeight(1), mbX, mbY, mvx, mvy, predU);
    chroma(ref.getPlaneData(2), ref.getPlaneWidth(2), ref.getPlaneHeight(2), mbX, mbY, mvx, mvy, predV);
  }

  /** Chroma prediction: eighth-pel bilinear (8.4.2.2.2), edges repeated. */
  private static void chroma(byte[] plane, int stride, int height, int mbX, int mbY, int mvx, int mvy, byte[] out) {
    int xf = mvx & 7;
    int yf = mvy & 7;
    int x0 = (mbX << 3) + (mvx >> 3);
    int y0 = (mbY << 3) + (mvy >> 3);
    int maxX = stride - 1;
    int maxY = height - 1;
    if (xf == 0 && yf == 0 && x0 >= 0 && y0 >= 0 && x0 + 8 <= stride && y0 + 8 <= height) {
      for (int r = 0; r < 8; r++) {
        System.arraycopy(plane, (y0 + r) * stride + x0, out, r << 3, 8);
      }
      return;
    }
    int wA = (8 - xf) * (8 - yf);
    int wB = xf * (8 - yf);
    int wC = (8 - xf) * yf;
    int wD = xf * yf;
    for (int r = 0; r < 8; r++) {
      int ya = clip(y0 + r, maxY) * stride;
      int yb = clip(y0 + r + 1, maxY) * stride;
      for (int c = 0; c < 8; c++) {
        int xa = clip(x0 + c, maxX);
        int xb = clip(x0 + c + 1, maxX);
        // Samples are stored minus 128; the weights sum to 64, so the offset passes through.
        int v = wA * (plane[ya + xa] + 128) + wB * (plane[ya + xb] + 128) + wC * (plane[yb + xa] + 128)
            + wD * (plane[yb + xb] + 128);
        out[(r << 3) + c] = (byte) (((v + 32) >> 6) - 128);
      }
    }
  }

  private static int clip(int v, int max) {
    return v < 0 ? 0 : v > max ? max : v;
  }

  /**
   * Transforms and quantises the residual of the current prediction.
   *
   * @return the coded block pattern: bit i for luma 8x8 block i, chroma (0, 1 DC only, 2) above
   */
  private int transform(Picture pic, int mbX, int mbY, int qp) {
    int cbp = 0;
    byte[] y = pic.getPlaneData(0);
    int stride = pic.getPlaneWidth(0);
    int x0 = mbX << 4;
    int y0 = mbY << 4;
    for (int blk = 0; blk < 16; blk++) {
      int[] c = luma[blk];
      int bx = (blk & 3) << 2;
      int by = (blk >> 2) << 2;
      difference(y, stride, x0 + bx, y0 + by, predY, 4, bx, by, c);
      CoeffTransformer.fdct4x4(c);
      CoeffTransformer.quantizeAC(c, qp);
      if (nonZero(c)) {
        cbp |= 1 << (((by >> 3) << 1) | (bx >> 3));
      }
    }
    int chroma = Math.max(chromaTransform(pic.getPlaneData(1), pic.getPlaneWidth(1), mbX, mbY, predU, cb, dcCb, qp),
        chromaTransform(pic.getPlaneData(2), pic.getPlaneWidth(2), mbX, mbY, predV, cr, dcCr, qp));
    return cbp | (chroma << 4);
  }

  /** Source minus prediction of a 4x4 block, in raster order. */
  private static void difference(byte[] plane, int stride, int x, int y, byte[] pred, int log2PredStride, int px,
                                 int py, int[] out) {
    for (int r = 0, i = 0; r < 4; r++) {
      int so = (y + r) * stride + x;
      int po = ((py + r) << log2PredStride) + px;
      for (int k = 0; k < 4; k++, i++) {
        out[i] = plane[so + k] - pred[po + k];
      }
    }
  }

  /** @return 2 if AC coefficients remain, 1 if only DC, 0 if none */
  private static int chromaTransform(byte[] plane, int stride, int mbX, int mbY, byte[] pred, int[][] ac, int[] dc,
                                     int qp) {
    int x0 = mbX << 3;
    int y0 = mbY << 3;
    boolean anyAc = false;
    for (int blk = 0; blk < 4; blk++) {
      int[] c = ac[blk];
      int bx = (blk & 1) << 2;
      int by = (blk >> 1) << 2;
      difference(plane, stride, x0 + bx, y0 + by, pred, 3, bx, by, c);
      CoeffTransformer.fdct4x4(c);
      dc[blk] = c[0];
      c[0] = 0;
      CoeffTransformer.quantizeAC(c, qp);
      anyAc |= nonZero(c);
    }
    CoeffTransformer.quantizeDC2x2(dc, qp);
    CoeffTransformer.fvdDC2x2(dc);
    return anyAc ? 2 : nonZero(dc) ? 1 : 0;
  }

  private static boolean nonZero(int[] c) {
    for (int v : c) {
      if (v != 0) {
        return true;
      }
    }
    return false;
  }

  private void writeResidual(BitWriter out, CAVLC[] cavlc, int mbX, int mbY, int cbp) {
    int left = mbX << 2;
    int top = mbY << 2;
    for (int i = 0; i < 16; i++) {
      int bx = left + H264Const.MB_BLK_OFF_LEFT[i];
      int by = top + H264Const.MB_BLK_OFF_TOP[i];
      if ((cbp & (1 << (i >> 2))) != 0) {
        cavlc[0].writeACBlock(out, bx, by, P, P, luma[H264Const.BLK_INV_MAP[i]], H264Const.totalZeros16, 0, 16,
            CoeffTransformer.zigzag4x4);
      } else {
        cavlc[0].setZeroCoeff(bx, by);
      }
    }
    int chroma = cbp >> 4;
    if (chroma > 0) {
      cavlc[1].writeChrDCBlock(out, dcCb, H264Const.totalZeros4, 0, 4, DC_ORDER);
      cavlc[2].writeChrDCBlock(out, dcCr, H264Const.totalZeros4, 0, 4, DC_ORDER);
    }
    if (chroma == 2) {
      for (int comp = 1; comp <= 2; comp++) {
        int[][] ac = comp == 1 ? cb : cr;
        for (int i = 0; i < 4; i++) {
          cavlc[comp].writeACBlock(out, (mbX << 1) + H264Const.MB_BLK_OFF_LEFT[i],
              (mbY << 1) + H264Const.MB_BLK_OFF_TOP[i], P, P, ac[i], H264Const.totalZeros16, 1, 15,
              CoeffTransformer.zigzag4x4);
        }
      }
    } else {
      zeroChromaTokens(cavlc, mbX, mbY);
    }
  }

  private static final int[] DC_ORDER = {0, 1, 2, 3};

  private static void zeroLumaTokens(CAVLC cavlc, int mbX, int mbY, int blocks8x8) {
    for (int i = 0; i < 16; i++) {
      if ((blocks8x8 & (1 << (i >> 2))) != 0) {
        cavlc.setZeroCoeff((mbX << 2) + H264Const.MB_BLK_OFF_LEFT[i], (mbY << 2) + H264Const.MB_BLK_OFF_TOP[i]);
      }
    }
  }

  private static void zeroChromaTokens(CAVLC[] cavlc, int mbX, int mbY) {
    for (int comp = 1; comp <= 2; comp++) {
      for (int i = 0; i < 4; i++) {
        cavlc[comp].setZeroCoeff((mbX << 1) + H264Const.MB_BLK_OFF_LEFT[i], (mbY << 1) + H264Const.MB_BLK_OFF_TOP[i]);
      }
    }
  }

  /** Prediction plus the dequantised residual of the coded blocks, into the reconstruction. */
  private void reconstruct(Picture recon, int mbX, int mbY, int lumaCbp, int chromaCbp) {
    byte[] y = recon.getPlaneData(0);
    int stride = recon.getPlaneWidth(0);
    int x0 = mbX << 4;
    int y0 = mbY << 4;
    for (int blk = 0; blk < 16; blk++) {
      int bx = (blk & 3) << 2;
      int by = (blk >> 2) << 2;
      int[] res = null;
      if ((lumaCbp & (1 << (((by >> 3) << 1) | (bx >> 3)))) != 0 && nonZero(luma[blk])) {
        res = residual;
        System.arraycopy(luma[blk], 0, res, 0, 16);
        CoeffTransformer.dequantizeAC(res, qp, null);
        CoeffTransformer.idct4x4(res);
      }
      put(y, stride, x0 + bx, y0 + by, predY, 4, bx, by, res);
    }
    chromaRecon(recon.getPlaneData(1), recon.getPlaneWidth(1), mbX, mbY, predU, cb, dcCb, chromaCbp);
    chromaRecon(recon.getPlaneData(2), recon.getPlaneWidth(2), mbX, mbY, predV, cr, dcCr, chromaCbp);
  }

  private void chromaRecon(byte[] plane, int stride, int mbX, int mbY, byte[] pred, int[][] ac, int[] dc, int cbp) {
    int x0 = mbX << 3;
    int y0 = mbY << 3;
    if (cbp > 0) {
      CoeffTransformer.invDC2x2(dc);
      CoeffTransformer.dequantizeDC2x2(dc, qp, null);
    }
    for (int blk = 0; blk < 4; blk++) {
      int bx = (blk & 1) << 2;
      int by = (blk >> 1) << 2;
      int[] res = null;
      if (cbp > 0) {
        res = residual;
        if (cbp == 2) {
          System.arraycopy(ac[blk], 0, res, 0, 16);
          CoeffTransformer.dequantizeAC(res, qp, null);
        } else {
          java.util.Arrays.fill(res, 0);
        }
        res[0] = dc[blk];
        CoeffTransformer.idct4x4(res);
      }
      put(plane, stride, x0 + bx, y0 + by, pred, 3, bx, by, res);
    }
  }

  /** Writes a 4x4 block: prediction plus residual (if any), clipped to the sample range. */
  private static void put(byte[] plane, int stride, int x, int y, byte[] pred, int log2PredStride, int px, int py,
                          int[] res) {
    for (int r = 0, i = 0; r < 4; r++) {
      int o = (y + r) * stride + x;
      int p = ((py + r) << log2PredStride) + px;
      if (res == null) {
        System.arraycopy(pred, p, plane, o, 4);
        continue;
      }
      for (int k = 0; k < 4; k++, i++) {
        int v = pred[p + k] + res[i];
        plane[o + k] = (byte) (v < -128 ? -128 : v > 127 ? 127 : v);
      }
    }
  }
}
