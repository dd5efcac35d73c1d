package dev.vcg.media;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Takes single frames out of a video: the first, the last (for last-frame continuity between
 * generated clips), or the one shown at a time; as images, encoded image bytes, or thumbnail
 * files. The pure-Java implementation is {@code dev.vcg.stitch.jcodec.JCodecFrameExtractor};
 * {@link MediaServices#frameExtractor()} finds it.
 *
 * <p>Frames are exact: the frame returned for a time is the one a player shows at that time
 * (presentation order, not decode order). Implementations are thread-safe.
 *
 * <pre>{@code
 * FrameExtractor frames = MediaServices.frameExtractor();
 * MediaRef nextStart = frames.image(clip, FramePosition.last(), ImageFormat.PNG);
 * }</pre>
 */
public interface FrameExtractor {
  /**
   * Decodes one frame.
   *
   * @param video an MP4 file
   * @param position which frame
   * @return the frame in RGB, at the video's display size
   * @throws MediaException if the video is missing, broken or unsupported
   *     ({@link MediaException.Reason#INVALID_REQUEST} for a time past the end)
   */
  BufferedImage frame(Path video, FramePosition position);

  /**
   * Decodes one frame and encodes it as an image, e.g. to send to an image or video provider.
   *
   * @param video an MP4 file
   * @param position which frame
   * @param format PNG or JPEG
   * @return the image bytes with their MIME type
   * @throws MediaException as {@link #frame}
   */
  MediaRef image(Path video, FramePosition position, ImageFormat format);

  /**
   * Writes a thumbnail or poster. The image appears at the output path only when complete.
   *
   * @param request which frame, where, how large
   * @return what was written
   * @throws MediaException as {@link #frame}, or {@link MediaException.Reason#OUTPUT_FAILED}
   */
  Thumbnail thumbnail(ThumbnailRequest request);

  /**
   * @param video an MP4 file
   * @return its first frame
   * @throws MediaException as {@link #frame}
   */
  default BufferedImage firstFrame(Path video) {
    return frame(video, FramePosition.first());
  }

  /**
   * @param video an MP4 file
   * @return its last frame
   * @throws MediaException as {@link #frame}
   */
  default BufferedImage lastFrame(Path video) {
    return frame(video, FramePosition.last());
  }

  /**
   * @param video an MP4 file
   * @param time presentation time from the start
   * @return the frame on screen at that time
   * @throws MediaException as {@link #frame}
   */
  default BufferedImage frameAt(Path video, Duration time) {
    return frame(video, FramePosition.at(time));
  }
}
