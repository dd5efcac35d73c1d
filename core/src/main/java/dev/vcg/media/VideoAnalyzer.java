package dev.vcg.media;

import java.nio.file.Path;

/**
 * Reads what a video holds ({@link #probe}) and how it is built ({@link #analyze}: shots, their
 * durations, colours and motion), the input of template-based planning. The pure-Java
 * implementation is {@code dev.vcg.stitch.jcodec.JCodecVideoAnalyzer};
 * {@link MediaServices#videoAnalyzer()} finds it. Implementations are thread-safe.
 *
 * <pre>{@code
 * VideoAnalysis reference = MediaServices.videoAnalyzer().analyze(Path.of("reference.mp4"));
 * for (Shot shot : reference.shots()) {
 *   System.out.println(shot.duration() + " " + shot.dominantColors().get(0).hex());
 * }
 * }</pre>
 */
public interface VideoAnalyzer {
  /**
   * Reads the container and codec headers; decodes no pictures. Cheap (about a millisecond for
   * a short clip).
   *
   * @param video an MP4 file
   * @return what it holds
   * @throws MediaException if the file is missing, not an MP4, truncated, fragmented, or has no
   *     video track
   */
  VideoInfo probe(Path video);

  /**
   * Finds the shots of a video by scene-cut detection on reduced frames, with each shot's
   * dominant colours and a motion estimate. Decodes every frame; memory stays flat.
   *
   * @param video an MP4 file
   * @param options thresholds and sizes
   * @return the shots
   * @throws MediaException if the video cannot be probed or decoded
   */
  VideoAnalysis analyze(Path video, AnalysisOptions options);

  /**
   * {@link #analyze(Path, AnalysisOptions)} with {@link AnalysisOptions#defaults()}.
   *
   * @param video an MP4 file
   * @return the shots
   * @throws MediaException if the video cannot be probed or decoded
   */
  default VideoAnalysis analyze(Path video) {
    return analyze(video, AnalysisOptions.defaults());
  }
}
