package dev.vcg.services.assets;

import dev.vcg.media.DominantColor;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Colour statistics of a decoded image: dominant colours by median cut over a nearest-neighbour
 * sample (so exact colours survive; no blending at edges), transparency and brightness.
 */
final class PixelStats {
  static final int SAMPLE_SIDE = 200;
  private static final int OPAQUE_ENOUGH = 128;

  final List<DominantColor> colors;
  final double transparentShare;
  final double brightness;

  private PixelStats(List<DominantColor> colors, double transparentShare, double brightness) {
    this.colors = colors;
    this.transparentShare = transparentShare;
    this.brightness = brightness;
  }

  static PixelStats of(BufferedImage image, int maxColors) {
    int w = image.getWidth();
    int h = image.getHeight();
    int sw = Math.min(w, SAMPLE_SIDE);
    int sh = Math.min(h, SAMPLE_SIDE);
    boolean alpha = image.getColorModel().hasAlpha();
    int[] opaque = new int[sw * sh];
    int n = 0;
    long notOpaque = 0;
    double luma = 0;
    for (int y = 0; y < sh; y++) {
      int sy = (int) ((y + 0.5) * h / sh);
      for (int x = 0; x < sw; x++) {
        int sx = (int) ((x + 0.5) * w / sw);
        int argb = image.getRGB(sx, sy);
        int a = alpha ? argb >>> 24 : 255;
        if (a < 255) {
          notOpaque++;
        }
        if (a >= OPAQUE_ENOUGH) {
          opaque[n++] = argb & 0xFFFFFF;
          int r = (argb >> 16) & 0xFF;
          int g = (argb >> 8) & 0xFF;
          int b = argb & 0xFF;
          luma += (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255.0;
        }
      }
    }
    double total = (double) sw * sh;
    List<DominantColor> colors = medianCut(opaque, n, maxColors);
    return new PixelStats(colors, notOpaque / total, n == 0 ? 0 : Math.min(1, luma / n));
  }

  /** One box of the colour cube: bins (5 bits per channel) with counts and exact sums. */
  private static final class Box {
    final List<Integer> bins;
    final long count;
    int[] min = new int[3];
    int[] max = new int[3];

    Box(List<Integer> bins, long[] counts) {
      this.bins = bins;
      long c = 0;
      min = new int[] {31, 31, 31};
      max = new int[] {0, 0, 0};
      for (int bin : bins) {
        c += counts[bin];
        int[] q = {bin >> 10, (bin >> 5) & 31, bin & 31};
        for (int i = 0; i < 3; i++) {
          min[i] = Math.min(min[i], q[i]);
          max[i] = Math.max(max[i], q[i]);
        }
      }
      this.count = c;
    }

    int longest() {
      int best = 0;
      for (int i = 1; i < 3; i++) {
        if (max[i] - min[i] > max[best] - min[best]) {
          best = i;
        }
      }
      return best;
    }

    int range() {
      int c = longest();
      return max[c] - min[c];
    }
  }

  static List<DominantColor> medianCut(int[] rgb, int n, int maxColors) {
    if (n == 0) {
      return List.of();
    }
    long[] counts = new long[1 << 15];
    long[][] sums = new long[1 << 15][3];
    List<Integer> used = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int c = rgb[i];
      int r = (c >> 16) & 0xFF;
      int g = (c >> 8) & 0xFF;
      int b = c & 0xFF;
      int bin = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
      if (counts[bin]++ == 0) {
        used.add(bin);
      }
      sums[bin][0] += r;
      sums[bin][1] += g;
      sums[bin][2] += b;
    }
    List<Box> boxes = new ArrayList<>();
    boxes.add(new Box(used, counts));
    while (boxes.size() < maxColors) {
      Box split = null;
      for (Box box : boxes) {
        if (box.bins.size() > 1 && box.range() > 0
            && (split == null || box.count * box.range() > split.count * split.range())) {
          split = box;
        }
      }
      if (split == null) {
        break;
      }
      int axis = split.longest();
      int shift = axis == 0 ? 10 : axis == 1 ? 5 : 0;
      List<Integer> sorted = new ArrayList<>(split.bins);
      sorted.sort(Comparator.comparingInt(bin -> (bin >> shift) & 31));
      long half = split.count / 2;
      long acc = 0;
      int cut = 1;
      for (int i = 0; i < sorted.size() - 1; i++) {
        acc += counts[sorted.get(i)];
        cut = i + 1;
        if (acc >= half) {
          break;
        }
      }
      // Never cut between bins with the same value on the axis.
      int value = (sorted.get(cut - 1) >> shift) & 31;
      while (cut < sorted.size() && ((sorted.get(cut) >> shift) & 31) == value) {
        cut++;
      }
      if (cut >= sorted.size()) {
        cut = 1;
        int first = (sorted.get(0) >> shift) & 31;
        while (cut < sorted.size() && ((sorted.get(cut) >> shift) & 31) == first) {
          cut++;
        }
      }
      boxes.remove(split);
      boxes.add(new Box(new ArrayList<>(sorted.subList(0, cut)), counts));
      boxes.add(new Box(new ArrayList<>(sorted.subList(cut, sorted.size())), counts));
    }
    List<DominantColor> out = new ArrayList<>();
    for (Box box : boxes) {
      long r = 0;
      long g = 0;
      long b = 0;
      for (int bin : box.bins) {
        r += sums[bin][0];
        g += sums[bin][1];
        b += sums[bin][2];
      }
      out.add(new DominantColor((int) Math.round((double) r / box.count), (int) Math.round((double) g / box.count),
          (int) Math.round((double) b / box.count), (double) box.count / n));
    }
    out.sort(Comparator.comparingDouble(DominantColor::share).reversed());
    return out;
  }
}
