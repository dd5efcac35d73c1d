package dev.vcg.stitch.jcodec.internal.clip;

/**
 * Scales a picture to fit a target size, keeping its aspect ratio, and centres it on black
 * (letterbox or pillarbox). Separable linear filtering whose support widens when shrinking, so
 * downscaled pictures do not alias. One instance per source/target size pair; not thread-safe.
 */
public final class Scaler {
  private static final int SHIFT = 14;

  private final int srcW;
  private final int srcH;
  private final Yuv target;
  private final int dx;
  private final int dy;
  private final int dw;
  private final int dh;
  private final Filter lumaX;
  private final Filter lumaY;
  private final Filter chromaX;
  private final Filter chromaY;
  private int[] temp = new int[0];

  /**
   * @param srcW source width
   * @param srcH source height
   * @param dstW target width (even)
   * @param dstH target height (even)
   */
  public Scaler(int srcW, int srcH, int dstW, int dstH) {
    this.srcW = srcW;
    this.srcH = srcH;
    double scale = Math.min((double) dstW / srcW, (double) dstH / srcH);
    int w = Math.min(dstW, Math.max(2, (int) Math.round(srcW * scale) & ~1));
    int h = Math.min(dstH, Math.max(2, (int) Math.round(srcH * scale) & ~1));
    this.dw = w;
    this.dh = h;
    this.dx = ((dstW - w) / 2) & ~1;
    this.dy = ((dstH - h) / 2) & ~1;
    this.target = Yuv.allocate(dstW, dstH);
    this.lumaX = new Filter(srcW, w);
    this.lumaY = new Filter(srcH, h);
    this.chromaX = new Filter(srcW / 2, w / 2);
    this.chromaY = new Filter(srcH / 2, h / 2);
  }

  /**
   * Scales a picture. The returned picture is reused by the next call.
   *
   * @param src a picture of the source size
   * @return the scaled, letterboxed picture
   */
  public Yuv scale(Yuv src) {
    if (src.width != srcW || src.height != srcH) {
      throw new IllegalArgumentException("picture is " + src.width + "x" + src.height + ", expected " + srcW + "x" + srcH);
    }
    int cs = target.stride >> 1;
    resample(src.y, src.stride, target.y, target.stride, dx, dy, lumaX, lumaY, srcH);
    resample(src.u, src.stride >> 1, target.u, cs, dx / 2, dy / 2, chromaX, chromaY, srcH / 2);
    resample(src.v, src.stride >> 1, target.v, cs, dx / 2, dy / 2, chromaX, chromaY, srcH / 2);
    target.pts = src.pts;
    return target;
  }

  private void resample(byte[] s, int ss, byte[] d, int ds, int ox, int oy, Filter fx, Filter fy, int rows) {
    int outW = fx.out;
    if (temp.length < outW * rows) {
      temp = new int[outW * rows];
    }
    for (int r = 0; r < rows; r++) {
      int so = r * ss;
      int to = r * outW;
      for (int x = 0; x < outW; x++) {
        int start = fx.start[x];
        int base = x * fx.taps;
        int acc = 0;
        for (int k = 0; k < fx.count[x]; k++) {
          acc += s[so + start + k] * fx.weight[base + k];
        }
        temp[to + x] = acc;
      }
    }
    int half = 1 << (2 * SHIFT - 1);
    for (int yo = 0; yo < fy.out; yo++) {
      int start = fy.start[yo];
      int base = yo * fy.taps;
      int o = (oy + yo) * ds + ox;
      for (int x = 0; x < outW; x++) {
        long acc = 0;
        for (int k = 0; k < fy.count[yo]; k++) {
          acc += (long) temp[(start + k) * outW + x] * fy.weight[base + k];
        }
        int v = (int) ((acc + half) >> (2 * SHIFT));
        d[o + x] = (byte) (v < -128 ? -128 : v > 127 ? 127 : v);
      }
    }
  }

  /** Precomputed taps for one dimension. */
  private static final class Filter {
    final int out;
    final int taps;
    final int[] start;
    final int[] count;
    final int[] weight;

    Filter(int in, int out) {
      this.out = out;
      double scale = (double) in / out;
      double support = Math.max(1.0, scale);
      this.taps = (int) Math.ceil(support * 2) + 2;
      this.start = new int[out];
      this.count = new int[out];
      this.weight = new int[out * taps];
      double[] w = new double[taps];
      for (int i = 0; i < out; i++) {
        double center = (i + 0.5) * scale - 0.5;
        int first = (int) Math.floor(center - support) + 1;
        int last = (int) Math.ceil(center + support) - 1;
        first = Math.max(0, first);
        last = Math.min(in - 1, last);
        int n = Math.min(taps, last - first + 1);
        double sum = 0;
        for (int k = 0; k < n; k++) {
          double dist = Math.abs(first + k - center) / support;
          w[k] = Math.max(0, 1 - dist);
          sum += w[k];
        }
        if (sum <= 0) {
          n = 1;
          first = Math.min(in - 1, Math.max(0, (int) Math.round(center)));
          w[0] = 1;
          sum = 1;
        }
        start[i] = first;
        count[i] = n;
        int total = 0;
        for (int k = 0; k < n; k++) {
          int q = (int) Math.round(w[k] / sum * (1 << SHIFT));
          weight[i * taps + k] = q;
          total += q;
        }
        // Make the weights sum exactly to one so flat areas stay flat.
        weight[i * taps] += (1 << SHIFT) - total;
      }
    }
  }
}
