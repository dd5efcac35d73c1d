package dev.vcg.stitch.jcodec;

import dev.vcg.media.AnalysisOptions;
import dev.vcg.media.VideoAnalysis;
import dev.vcg.media.VideoAnalyzer;
import dev.vcg.media.VideoInfo;
import dev.vcg.stitch.jcodec.internal.analysis.ShotDetector;
import dev.vcg.stitch.jcodec.internal.clip.Clip;
import dev.vcg.stitch.jcodec.internal.frames.FrameGrabber;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The pure-Java {@link VideoAnalyzer}.
 *
 * <p>{@link #probe} walks the MP4's boxes (bounded: nothing is allocated from a declared size
 * that is not present) and parses the H.264 parameter sets and slice headers; it reports
 * features the decoder cannot reproduce exactly. {@link #analyze} decodes every frame, reduces
 * it to {@link AnalysisOptions#analysisWidth()} pixels across, and cuts where consecutive colour
 * histograms differ by more than {@link AnalysisOptions#cutThreshold()}. Each shot gets dominant
 * colours (k-means over a colour histogram), a motion estimate (mean frame-to-frame luma change)
 * and its brightness. Decoding runs at roughly real time for 720p; memory is flat.
 *
 * <p>Stateless and thread-safe.
 */
public final class JCodecVideoAnalyzer implements VideoAnalyzer {
  /** Creates an analyzer (for {@link java.util.ServiceLoader}). */
  public JCodecVideoAnalyzer() {
  }

  @Override
  public VideoInfo probe(Path video) {
    Objects.requireNonNull(video, "video");
    return Clip.open(video).info;
  }

  @Override
  public VideoAnalysis analyze(Path video, AnalysisOptions options) {
    Objects.requireNonNull(video, "video");
    Objects.requireNonNull(options, "options");
    Clip clip = FrameGrabber.openDecodable(video);
    return ShotDetector.analyze(clip, options);
  }
}
