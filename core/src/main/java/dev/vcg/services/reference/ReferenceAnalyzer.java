package dev.vcg.services.reference;

import dev.vcg.InvalidInputException;
import dev.vcg.direction.DirectedShot;
import dev.vcg.direction.VideoDirection;
import dev.vcg.media.AnalysisOptions;
import dev.vcg.media.AssetStore;
import dev.vcg.media.DominantColor;
import dev.vcg.media.MediaRef;
import dev.vcg.media.MediaServices;
import dev.vcg.media.Shot;
import dev.vcg.media.VideoAnalysis;
import dev.vcg.media.VideoAnalyzer;
import dev.vcg.services.internal.Colors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Reads the structure of a reference: an earlier {@link VideoDirection} is used directly as the
 * template (its shot lengths kept); a video file is measured with the media
 * {@link VideoAnalyzer} (scene cuts → shot lengths, dominant colours weighted by shot length →
 * palette, motion → pacing). A reference given as a URL or bytes is first put in the run's folder
 * of the {@link AssetStore} (downloaded through the guarded downloader).
 *
 * <p>Pacing in words: mean shot length under 2.5 s is "fast cuts", under 6 s "moderate cuts",
 * else "long takes"; mean motion above 0.3 is "high energy", above 0.1 "gentle movement", else
 * "mostly still".
 *
 * <p>Immutable and thread-safe when its analyzer and store are.
 */
public final class ReferenceAnalyzer {
  /** The most shots followed (as many as a plan may be told to follow). */
  public static final int MAX_SHOTS = 500;

  private final Supplier<VideoAnalyzer> analyzer;
  private final AssetStore store;
  private final AnalysisOptions options;

  private ReferenceAnalyzer(Builder b) {
    this.analyzer = b.analyzer;
    this.store = b.store;
    this.options = b.options;
  }

  /** @return a builder: the analyzer found on the class path, no asset store */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * An earlier plan as template: its shot lengths and colours are kept.
   *
   * @param plan the plan
   * @return the template
   */
  public static ReferenceTemplate fromPlan(VideoDirection plan) {
    Objects.requireNonNull(plan, "plan");
    List<Double> durations = plan.shots().stream().map(DirectedShot::duration).limit(MAX_SHOTS).toList();
    List<String> palette = new ArrayList<>();
    for (DirectedShot s : plan.shots()) {
      if (s.colorPalette() != null) {
        java.util.regex.Matcher m = Colors.HEX_IN_TEXT.matcher(s.colorPalette());
        while (m.find() && palette.size() < 5) {
          String hex = m.group().toLowerCase(Locale.ROOT);
          if (!palette.contains(hex)) {
            palette.add(hex);
          }
        }
      }
    }
    double mean = durations.isEmpty() ? 0 : durations.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    return new ReferenceTemplate(ReferenceTemplate.Source.PLAN, plan, durations, palette, 0, cuts(mean), List.of());
  }

  /**
   * Measures a reference video.
   *
   * @param video an MP4 file, or a URL or bytes to store first
   * @param runId the run, for storing a URL or bytes
   * @return the template
   * @throws dev.vcg.media.MediaException if no video analyzer is available ({@code NOT_AVAILABLE}:
   *     add {@code vcg-stitch-jcodec}), or the video cannot be read
   * @throws InvalidInputException if the reference is not a file and there is no asset store
   */
  public ReferenceTemplate analyze(MediaRef video, String runId) {
    Objects.requireNonNull(video, "video");
    Objects.requireNonNull(runId, "runId");
    Path file;
    if (video instanceof MediaRef.File f) {
      file = f.path();
    } else if (store != null) {
      file = store.store(runId, "reference", video).path();
    } else {
      throw new InvalidInputException("the reference video is not a local file and no asset store is configured to "
          + "download it; pass a file, or configure an asset store");
    }
    VideoAnalysis a = analyzer.get().analyze(file, options);
    return fromAnalysis(a);
  }

  static ReferenceTemplate fromAnalysis(VideoAnalysis a) {
    List<String> warnings = new ArrayList<>();
    List<Double> durations = new ArrayList<>();
    Map<Integer, Double> weights = new LinkedHashMap<>();
    double motion = 0;
    double total = 0;
    for (Shot s : a.shots()) {
      double seconds = s.duration().toMillis() / 1000.0;
      if (durations.size() < MAX_SHOTS) {
        durations.add(Math.min(600, Math.max(0.1, seconds)));
      }
      total += seconds;
      motion += s.motion() * seconds;
      for (DominantColor c : s.dominantColors()) {
        int rgb = c.rgb() & 0xffffff;
        Integer near = weights.keySet().stream().filter(k -> Colors.distance(k, rgb) < 40).findFirst().orElse(null);
        weights.merge(near == null ? rgb : near, c.share() * seconds, Double::sum);
      }
    }
    if (a.shots().size() > MAX_SHOTS) {
      warnings.add("the reference has " + a.shots().size() + " shots; the first " + MAX_SHOTS + " are followed");
    }
    double meanMotion = total > 0 ? motion / total : 0;
    double meanShot = durations.isEmpty() ? 0 : total / a.shots().size();
    List<String> palette = weights.entrySet().stream()
        .sorted(Comparator.comparingDouble((Map.Entry<Integer, Double> e) -> -e.getValue()))
        .limit(5).map(e -> Colors.hex(e.getKey())).toList();
    String pacing = cuts(meanShot) + ", " + (meanMotion > 0.3 ? "high energy" : meanMotion > 0.1 ? "gentle movement"
        : "mostly still");
    return new ReferenceTemplate(ReferenceTemplate.Source.VIDEO, null, durations, palette,
        Math.round(meanMotion * 1000) / 1000.0, pacing, warnings);
  }

  private static String cuts(double meanShotSeconds) {
    return meanShotSeconds < 2.5 ? "fast cuts" : meanShotSeconds < 6 ? "moderate cuts" : "long takes";
  }

  @Override
  public String toString() {
    return "ReferenceAnalyzer";
  }

  /** Builds a {@link ReferenceAnalyzer}. Not thread-safe. */
  public static final class Builder {
    private Supplier<VideoAnalyzer> analyzer = MediaServices::videoAnalyzer;
    private AssetStore store;
    private AnalysisOptions options = AnalysisOptions.defaults();

    private Builder() {
    }

    /**
     * @param analyzer the video analyzer (default: the one on the class path, found when first needed)
     * @return this builder
     */
    public Builder videoAnalyzer(VideoAnalyzer analyzer) {
      Objects.requireNonNull(analyzer, "analyzer");
      this.analyzer = () -> analyzer;
      return this;
    }

    /**
     * @param store where references given as URLs or bytes are put before analysis, or null
     * @return this builder
     */
    public Builder assetStore(AssetStore store) {
      this.store = store;
      return this;
    }

    /**
     * @param options cut threshold and sizes (default {@link AnalysisOptions#defaults()})
     * @return this builder
     */
    public Builder options(AnalysisOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** @return the analyzer */
    public ReferenceAnalyzer build() {
      return new ReferenceAnalyzer(this);
    }
  }
}
