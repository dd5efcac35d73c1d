package dev.vcg.stitch.jcodec.internal.analysis;

import dev.vcg.stitch.jcodec.internal.clip.Yuv;

/**
 * A frame reduced to a few thousand pixels by box averaging: luma and RGB, for comparisons and
 * colour statistics. BT.601 limited range.
 */
final class SmallFrame {
  final int width;
  final int height;
  final int[] luma;
  final int[] rgb;

  SmallFrame(int width, int height) {
    this.width = width;
    this.height = height;
    this.luma = new int[width * height];
    this.rgb = new int[width * height];
  }

  /** Fills this frame from a full picture. */
  void reduce(Yuv f) {
    int cs = f.stride >> 1;
    for (int by = 0; by < height; by++) {
      int y0 = by * f.height / height;
      int y1 = Math.max(y0 + 1, (by + 1) * f.height / height);
      for (int bx = 0; bx < width; bx++) {
        int x0 = bx * f.width / width;
        int x1 = Math.max(x0 + 1, (bx + 1) * f.width / width);
        long sy = 0;
        long su = 0;
        long sv = 0;
        int n = 0;
        int nc = 0;
        for (int y = y0; y < y1; y++) {
          int row = y * f.stride;
          int crow = (y >> 1) * cs;
          for (int x = x0; x < x1; x++) {
            sy += f.y[row + x] + 128;
            su += f.u[crow + (x >> 1)];
            sv += f.v[crow + (x >> 1)];
            n++;
          }
        }
        nc = n;
        int yy = (int) (sy / n);
        double cb = nc == 0 ? 0 : (double) su / nc;
        double cr = nc == 0 ? 0 : (double) sv / nc;
        double yl = 1.164 * (yy - 16);
        int r = clamp(yl + 1.596 * cr);
        int g = clamp(yl - 0.391 * cb - 0.813 * cr);
        int b = clamp(yl + 2.018 * cb);
        int i = by * width + bx;
        luma[i] = yy;
        rgb[i] = (r << 16) | (g << 8) | b;
      }
    }
  }

  private static int clamp(double v) {
    int i = (int) Math.round(v);
    return i < 0 ? 0 : Math.min(255, i);
  }

  /** @return mean absolute luma difference to another frame, 0 to 1 */
  double lumaDifference(SmallFrame o) {
    long d = 0;
    for (int i = 0; i < luma.length; i++) {
      d += Math.abs(luma[i] - o.luma[i]);
    }
    return d / 255.0 / luma.length;
  }

  /** @return a normalised 64-bin colour histogram (4 levels per channel) */
  double[] histogram() {
    double[] h = new double[64];
    for (int p : rgb) {
      h[(((p >> 22) & 3) << 4) | (((p >> 14) & 3) << 2) | ((p >> 6) & 3)] += 1.0 / rgb.length;
    }
    return h;
  }

  static double histogramDifference(double[] a, double[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d += Math.abs(a[i] - b[i]);
    }
    return d / 2;
  }
}
