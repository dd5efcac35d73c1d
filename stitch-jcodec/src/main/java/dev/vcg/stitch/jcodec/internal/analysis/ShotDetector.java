package dev.vcg.stitch.jcodec.internal.analysis;

import dev.vcg.media.AnalysisOptions;
import dev.vcg.media.Shot;
import dev.vcg.media.VideoAnalysis;
import dev.vcg.stitch.jcodec.internal.clip.Clip;
import dev.vcg.stitch.jcodec.internal.clip.ClipDecoder;
import dev.vcg.stitch.jcodec.internal.clip.Yuv;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the shots of a video. Every frame is decoded and reduced to a small frame; a cut is
 * where the colour histograms of consecutive frames differ by more than the threshold (robust to
 * motion within a shot, which moves pixels but keeps colours), at least the minimum shot length
 * after the previous cut. Per shot: a colour histogram for dominant colours, the mean
 * frame-to-frame luma change as motion, the mean luma as brightness. Memory is flat.
 */
public final class ShotDetector {
  private ShotDetector() {
  }

  /**
   * @param clip a decodable clip
   * @param options thresholds and sizes
   * @return the analysis
   */
  public static VideoAnalysis analyze(Clip clip, AnalysisOptions options) {
    int aw = Math.min(options.analysisWidth(), clip.width());
    int ah = Math.max(8, (int) Math.round((double) aw * clip.height() / clip.width()));
    SmallFrame prev = new SmallFrame(aw, ah);
    SmallFrame cur = new SmallFrame(aw, ah);
    double[] prevHist = null;
    long minGap = Math.round(options.minShotDuration().toNanos() / 1e9 * clip.timescale);
    List<Shot> shots = new ArrayList<>();
    Acc acc = new Acc();
    int shotStart = 0;
    int frames = 0;
    try (ClipDecoder d = new ClipDecoder(clip)) {
      for (Yuv f = d.next(); f != null; f = d.next()) {
        cur.reduce(f);
        d.release(f);
        double[] hist = cur.histogram();
        if (prevHist != null) {
          double score = SmallFrame.histogramDifference(prevHist, hist);
          boolean longEnough = clip.pts(frames) - clip.pts(shotStart) >= minGap;
          if (score >= options.cutThreshold() && longEnough) {
            shots.add(acc.shot(shots.size(), clip, shotStart, frames, options.colorsPerShot()));
            acc = new Acc();
            shotStart = frames;
          } else {
            acc.motion += cur.lumaDifference(prev);
            acc.pairs++;
          }
        }
        acc.add(cur);
        SmallFrame t = prev;
        prev = cur;
        cur = t;
        prevHist = hist;
        frames++;
        if (Thread.currentThread().isInterrupted()) {
          throw new dev.vcg.media.MediaException(clip.file, dev.vcg.media.MediaException.Reason.CANCELLED,
              "analysis of " + clip.file + " was interrupted");
        }
      }
    }
    shots.add(acc.shot(shots.size(), clip, shotStart, frames, options.colorsPerShot()));
    return new VideoAnalysis(clip.info, shots, frames);
  }

  /** Per-shot accumulators. */
  private static final class Acc {
    final ColorClusters colors = new ColorClusters();
    double motion;
    int pairs;
    double luma;
    int frames;

    void add(SmallFrame f) {
      colors.add(f.rgb);
      long s = 0;
      for (int v : f.luma) {
        s += v;
      }
      luma += (double) s / f.luma.length;
      frames++;
    }

    Shot shot(int index, Clip clip, int from, int to, int colors) {
      Duration start = time(clip, clip.pts(from));
      Duration end = time(clip, to < clip.frameCount() ? clip.pts(to) : clip.duration);
      double meanChange = pairs == 0 ? 0 : motion / pairs;
      double bright = Math.max(0, Math.min(1, (luma / Math.max(1, frames) - 16) / 219.0));
      return Shot.builder().index(index).span(start, end, to - from)
          .dominantColors(this.colors.dominant(colors))
          .motion(Math.min(1, meanChange * 10))
          .brightness(bright)
          .build();
    }

    private static Duration time(Clip clip, long units) {
      return Duration.ofNanos(Math.round(units * 1e9 / clip.timescale));
    }
  }
}
