package dev.vcg.stitch.jcodec.internal.clip;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * A 4:2:0 picture in JCodec's sample convention (signed bytes holding value - 128), with planes
 * padded to whole 16x16 macroblocks so the encoder can read them directly. {@code width} and
 * {@code height} are the visible size (even); {@code stride} and {@code paddedHeight} are
 * multiples of 16. Not thread-safe.
 */
public final class Yuv {
  public final int width;
  public final int height;
  public final int stride;
  public final int paddedHeight;
  public final byte[] y;
  public final byte[] u;
  public final byte[] v;
  /** Presentation time in the source's media units (informational). */
  public long pts;

  /**
   * Wraps planes.
   *
   * @param width visible width
   * @param height visible height
   * @param stride luma row length
   * @param paddedHeight luma rows
   * @param planes Y, U, V
   */
  public Yuv(int width, int height, int stride, int paddedHeight, byte[][] planes) {
    this.width = width;
    this.height = height;
    this.stride = stride;
    this.paddedHeight = paddedHeight;
    this.y = planes[0];
    this.u = planes[1];
    this.v = planes[2];
  }

  /**
   * Allocates a picture.
   *
   * @param width visible width (even)
   * @param height visible height (even)
   * @return a black picture
   */
  public static Yuv allocate(int width, int height) {
    int stride = (width + 15) & ~15;
    int ph = (height + 15) & ~15;
    Yuv p = new Yuv(width, height, stride, ph, new byte[][] {new byte[stride * ph], new byte[stride * ph / 4],
        new byte[stride * ph / 4]});
    p.fill(16, 128, 128);
    return p;
  }

  /** @return chroma row length */
  public int chromaStride() {
    return stride >> 1;
  }

  /** @return the planes, for the encoder */
  public byte[][] planes() {
    return new byte[][] {y, u, v};
  }

  /**
   * Fills the whole picture (padding included) with one colour.
   *
   * @param luma 0..255
   * @param cb 0..255
   * @param cr 0..255
   */
  public void fill(int luma, int cb, int cr) {
    java.util.Arrays.fill(y, (byte) (luma - 128));
    java.util.Arrays.fill(u, (byte) (cb - 128));
    java.util.Arrays.fill(v, (byte) (cr - 128));
  }

  /**
   * Repeats the last visible row and column into the padding, which the encoder codes cheaply.
   */
  public void padEdges() {
    padPlane(y, stride, paddedHeight, width, height);
    padPlane(u, stride >> 1, paddedHeight >> 1, width >> 1, height >> 1);
    padPlane(v, stride >> 1, paddedHeight >> 1, width >> 1, height >> 1);
  }

  private static void padPlane(byte[] p, int stride, int rows, int w, int h) {
    if (w < stride) {
      for (int r = 0; r < h; r++) {
        byte last = p[r * stride + w - 1];
        java.util.Arrays.fill(p, r * stride + w, r * stride + stride, last);
      }
    }
    for (int r = h; r < rows; r++) {
      System.arraycopy(p, (h - 1) * stride, p, r * stride, stride);
    }
  }

  /**
   * Copies the visible area of another picture of the same size.
   *
   * @param src the source
   */
  public void copyFrom(Yuv src) {
    copyPlane(src.y, src.stride, y, stride, width, height);
    copyPlane(src.u, src.stride >> 1, u, stride >> 1, width >> 1, height >> 1);
    copyPlane(src.v, src.stride >> 1, v, stride >> 1, width >> 1, height >> 1);
  }

  static void copyPlane(byte[] s, int ss, byte[] d, int ds, int w, int h) {
    for (int r = 0; r < h; r++) {
      System.arraycopy(s, r * ss, d, r * ds, w);
    }
  }

  /**
   * Mixes two pictures of this size into this one: {@code out = a * (1 - t) + b * t}.
   *
   * @param a first picture
   * @param b second picture
   * @param t weight of {@code b}, 0 to 1
   */
  public void blend(Yuv a, Yuv b, double t) {
    int w = (int) Math.round(Math.max(0, Math.min(1, t)) * 256);
    blendPlane(a.y, a.stride, b.y, b.stride, y, stride, width, height, w);
    blendPlane(a.u, a.stride >> 1, b.u, b.stride >> 1, u, stride >> 1, width >> 1, height >> 1, w);
    blendPlane(a.v, a.stride >> 1, b.v, b.stride >> 1, v, stride >> 1, width >> 1, height >> 1, w);
  }

  private static void blendPlane(byte[] a, int as, byte[] b, int bs, byte[] d, int ds, int w, int h, int wb) {
    int wa = 256 - wb;
    for (int r = 0; r < h; r++) {
      int ao = r * as;
      int bo = r * bs;
      int o = r * ds;
      for (int x = 0; x < w; x++) {
        d[o + x] = (byte) ((a[ao + x] * wa + b[bo + x] * wb + 128) >> 8);
      }
    }
  }

  /**
   * Mixes a picture with a flat colour into this one.
   *
   * @param a the picture
   * @param luma colour Y (0..255)
   * @param cb colour Cb
   * @param cr colour Cr
   * @param t weight of the colour, 0 to 1
   */
  public void fade(Yuv a, int luma, int cb, int cr, double t) {
    int wb = (int) Math.round(Math.max(0, Math.min(1, t)) * 256);
    fadePlane(a.y, a.stride, y, stride, width, height, luma - 128, wb);
    fadePlane(a.u, a.stride >> 1, u, stride >> 1, width >> 1, height >> 1, cb - 128, wb);
    fadePlane(a.v, a.stride >> 1, v, stride >> 1, width >> 1, height >> 1, cr - 128, wb);
  }

  private static void fadePlane(byte[] a, int as, byte[] d, int ds, int w, int h, int c, int wb) {
    int wa = 256 - wb;
    int add = c * wb + 128;
    for (int r = 0; r < h; r++) {
      int ao = r * as;
      int o = r * ds;
      for (int x = 0; x < w; x++) {
        d[o + x] = (byte) ((a[ao + x] * wa + add) >> 8);
      }
    }
  }

  /**
   * Wipes from {@code a} to {@code b}: columns left of the edge show one picture, right of it
   * the other.
   *
   * @param a the outgoing picture
   * @param b the incoming picture
   * @param t progress, 0 (all a) to 1 (all b)
   * @param fromRight whether {@code b} enters from the right edge (moving left)
   */
  public void wipe(Yuv a, Yuv b, double t, boolean fromRight) {
    int edge = (int) Math.round(Math.max(0, Math.min(1, t)) * width) & ~1;
    int cut = fromRight ? width - edge : edge;
    wipePlane(a.y, a.stride, b.y, b.stride, y, stride, width, height, cut, fromRight);
    wipePlane(a.u, a.stride >> 1, b.u, b.stride >> 1, u, stride >> 1, width >> 1, height >> 1, cut >> 1, fromRight);
    wipePlane(a.v, a.stride >> 1, b.v, b.stride >> 1, v, stride >> 1, width >> 1, height >> 1, cut >> 1, fromRight);
  }

  private static void wipePlane(byte[] a, int as, byte[] b, int bs, byte[] d, int ds, int w, int h, int cut,
                                boolean fromRight) {
    for (int r = 0; r < h; r++) {
      if (fromRight) {
        System.arraycopy(a, r * as, d, r * ds, cut);
        System.arraycopy(b, r * bs + cut, d, r * ds + cut, w - cut);
      } else {
        System.arraycopy(b, r * bs, d, r * ds, cut);
        System.arraycopy(a, r * as + cut, d, r * ds + cut, w - cut);
      }
    }
  }

  /**
   * Converts to RGB.
   *
   * @param fullRange whether samples use the full 0..255 range
   * @param bt709 whether to use BT.709 coefficients (else BT.601)
   * @return the image
   */
  public BufferedImage toImage(boolean fullRange, boolean bt709) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] out = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    // Fixed-point coefficients (x 65536).
    double kr = bt709 ? 0.2126 : 0.299;
    double kb = bt709 ? 0.0722 : 0.114;
    double ys = fullRange ? 1.0 : 255.0 / 219.0;
    double cs = fullRange ? 1.0 : 255.0 / 224.0;
    int yMul = (int) Math.round(ys * 65536);
    int yOff = fullRange ? 0 : 16;
    int crR = (int) Math.round(2 * (1 - kr) * cs * 65536);
    int cbB = (int) Math.round(2 * (1 - kb) * cs * 65536);
    int cbG = (int) Math.round(2 * (1 - kb) * kb / (1 - kr - kb) * cs * 65536);
    int crG = (int) Math.round(2 * (1 - kr) * kr / (1 - kr - kb) * cs * 65536);
    int cstride = stride >> 1;
    for (int r = 0; r < height; r++) {
      int yo = r * stride;
      int co = (r >> 1) * cstride;
      int o = r * width;
      for (int x = 0; x < width; x++) {
        int yy = ((y[yo + x] + 128) - yOff) * yMul;
        int cb = u[co + (x >> 1)];
        int cr = v[co + (x >> 1)];
        int rr = (yy + crR * cr + 32768) >> 16;
        int gg = (yy - cbG * cb - crG * cr + 32768) >> 16;
        int bb = (yy + cbB * cb + 32768) >> 16;
        out[o + x] = (clamp(rr) << 16) | (clamp(gg) << 8) | clamp(bb);
      }
    }
    return img;
  }

  /**
   * Converts an RGB image to limited-range BT.601 4:2:0 (what players assume when a stream
   * carries no colour description).
   *
   * @param img the image, exactly {@code width x height}
   * @param into the picture to fill
   */
  public static void fromImage(BufferedImage img, Yuv into) {
    int w = into.width;
    int h = into.height;
    int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
    int cstride = into.stride >> 1;
    for (int r = 0; r < h; r++) {
      for (int x = 0; x < w; x++) {
        int p = rgb[r * w + x];
        int rr = (p >> 16) & 0xFF;
        int gg = (p >> 8) & 0xFF;
        int bb = p & 0xFF;
        int yy = (16829 * rr + 33039 * gg + 6416 * bb + 32768 + (16 << 16)) >> 16;
        into.y[r * into.stride + x] = (byte) (clamp(yy) - 128);
      }
    }
    for (int r = 0; r < h / 2; r++) {
      for (int x = 0; x < w / 2; x++) {
        int sr = 0;
        int sg = 0;
        int sb = 0;
        for (int k = 0; k < 4; k++) {
          int p = rgb[(2 * r + (k >> 1)) * w + 2 * x + (k & 1)];
          sr += (p >> 16) & 0xFF;
          sg += (p >> 8) & 0xFF;
          sb += p & 0xFF;
        }
        int cb = (-9714 * sr - 19070 * sg + 28784 * sb + 4 * 32768 + (128 << 18)) >> 18;
        int cr = (28784 * sr - 24103 * sg - 4681 * sb + 4 * 32768 + (128 << 18)) >> 18;
        into.u[r * cstride + x] = (byte) (clamp(cb) - 128);
        into.v[r * cstride + x] = (byte) (clamp(cr) - 128);
      }
    }
    into.padEdges();
  }

  private static int clamp(int v) {
    return v < 0 ? 0 : v > 255 ? 255 : v;
  }
}
