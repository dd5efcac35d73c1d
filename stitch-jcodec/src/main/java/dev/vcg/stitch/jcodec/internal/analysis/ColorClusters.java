package dev.vcg.stitch.jcodec.internal.analysis;

import dev.vcg.media.DominantColor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Accumulates a shot's pixels in a 16x16x16 colour histogram (bounded memory for any length)
 * and finds its dominant colours by weighted k-means over the occupied bins, seeded with
 * k-means++ from a fixed seed so results are repeatable.
 */
final class ColorClusters {
  /** RGB distance under which two cluster centres count as one colour. */
  private static final double MERGE_DISTANCE = 28;
  private final long[] count = new long[4096];
  private final long[][] sum = new long[4096][3];
  private long total;

  void add(int[] rgb) {
    for (int p : rgb) {
      int r = (p >> 16) & 0xFF;
      int g = (p >> 8) & 0xFF;
      int b = p & 0xFF;
      int bin = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);
      count[bin]++;
      sum[bin][0] += r;
      sum[bin][1] += g;
      sum[bin][2] += b;
    }
    total += rgb.length;
  }

  List<DominantColor> dominant(int k) {
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < 4096; i++) {
      if (count[i] > 0) {
        points.add(new double[] {(double) sum[i][0] / count[i], (double) sum[i][1] / count[i],
            (double) sum[i][2] / count[i], count[i]});
      }
    }
    if (points.isEmpty()) {
      return List.of();
    }
    int clusters = Math.min(k, points.size());
    double[][] centres = seed(points, clusters);
    int[] assign = new int[points.size()];
    for (int iter = 0; iter < 20; iter++) {
      boolean changed = false;
      for (int i = 0; i < points.size(); i++) {
        int best = nearest(points.get(i), centres);
        if (best != assign[i] || iter == 0) {
          changed |= best != assign[i];
          assign[i] = best;
        }
      }
      double[][] acc = new double[clusters][4];
      for (int i = 0; i < points.size(); i++) {
        double[] p = points.get(i);
        double[] a = acc[assign[i]];
        a[0] += p[0] * p[3];
        a[1] += p[1] * p[3];
        a[2] += p[2] * p[3];
        a[3] += p[3];
      }
      for (int c = 0; c < clusters; c++) {
        if (acc[c][3] > 0) {
          centres[c] = new double[] {acc[c][0] / acc[c][3], acc[c][1] / acc[c][3], acc[c][2] / acc[c][3]};
        }
      }
      if (!changed && iter > 0) {
        break;
      }
    }
    double[] weight = new double[clusters];
    for (int i = 0; i < points.size(); i++) {
      weight[assign[i]] += points.get(i)[3];
    }
    // Shades closer than MERGE_DISTANCE are one colour to a viewer (compression noise splits flat
    // areas over neighbouring bins): merge them, heaviest first.
    boolean merged = true;
    while (merged) {
      merged = false;
      for (int a = 0; a < clusters && !merged; a++) {
        for (int b = a + 1; b < clusters && !merged; b++) {
          if (weight[a] > 0 && weight[b] > 0 && dist(centres[a], centres[b]) < MERGE_DISTANCE * MERGE_DISTANCE) {
            double w = weight[a] + weight[b];
            for (int ch = 0; ch < 3; ch++) {
              centres[a][ch] = (centres[a][ch] * weight[a] + centres[b][ch] * weight[b]) / w;
            }
            weight[a] = w;
            weight[b] = 0;
            merged = true;
          }
        }
      }
    }
    List<DominantColor> out = new ArrayList<>();
    for (int c = 0; c < clusters; c++) {
      if (weight[c] > 0) {
        out.add(new DominantColor(clamp(centres[c][0]), clamp(centres[c][1]), clamp(centres[c][2]),
            Math.min(1, weight[c] / total)));
      }
    }
    out.sort(Comparator.comparingDouble(DominantColor::share).reversed());
    return out;
  }

  private static double[][] seed(List<double[]> points, int k) {
    Random random = new Random(42);
    double[][] centres = new double[k][];
    // The heaviest bin first, then k-means++ on weighted squared distance.
    double[] heaviest = points.stream().max(Comparator.comparingDouble(p -> p[3])).orElseThrow();
    centres[0] = heaviest.clone();
    for (int c = 1; c < k; c++) {
      double totalW = 0;
      double[] d = new double[points.size()];
      for (int i = 0; i < points.size(); i++) {
        double[] p = points.get(i);
        double best = Double.MAX_VALUE;
        for (int j = 0; j < c; j++) {
          best = Math.min(best, dist(p, centres[j]));
        }
        d[i] = best * p[3];
        totalW += d[i];
      }
      double pick = random.nextDouble() * totalW;
      int chosen = points.size() - 1;
      for (int i = 0; i < points.size(); i++) {
        pick -= d[i];
        if (pick <= 0) {
          chosen = i;
          break;
        }
      }
      centres[c] = points.get(chosen).clone();
    }
    return centres;
  }

  private static int nearest(double[] p, double[][] centres) {
    int best = 0;
    double bestD = Double.MAX_VALUE;
    for (int c = 0; c < centres.length; c++) {
      double d = dist(p, centres[c]);
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    return best;
  }

  private static double dist(double[] a, double[] b) {
    double dr = a[0] - b[0];
    double dg = a[1] - b[1];
    double db = a[2] - b[2];
    return dr * dr + dg * dg + db * db;
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }
}
