package dev.vcg.stitch.jcodec.internal.frames;

import dev.vcg.media.FramePosition;
import dev.vcg.media.MediaException;
import dev.vcg.media.MediaException.Reason;
import dev.vcg.stitch.jcodec.internal.clip.Clip;
import dev.vcg.stitch.jcodec.internal.clip.ClipDecoder;
import dev.vcg.stitch.jcodec.internal.clip.Yuv;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decodes the one frame a {@link FramePosition} names. */
public final class FrameGrabber {
  private static final Logger LOG = LoggerFactory.getLogger(FrameGrabber.class);

  private FrameGrabber() {
  }

  /**
   * A decoded frame and when it is shown.
   *
   * @param image the frame in RGB
   * @param time its presentation time
   */
  public record Grabbed(BufferedImage image, Duration time) {
  }

  /**
   * Opens a clip for decoding, refusing what the decoder cannot read.
   *
   * @param video the file
   * @return the clip
   * @throws MediaException if it cannot be decoded
   */
  public static Clip openDecodable(Path video) {
    Clip clip = Clip.open(video);
    clip.requireStitchable();
    if (clip.undecodable != null) {
      throw new MediaException(video, Reason.UNSUPPORTED, video + " cannot be decoded in pure Java: "
          + clip.undecodable + "; re-encode it with common settings (e.g. ffmpeg -c:v libx264)");
    }
    if (!clip.hazards.isEmpty()) {
      LOG.debug("{} uses {}; its frames decode approximately", video, clip.hazards);
    }
    return clip;
  }

  /**
   * @param video the file
   * @param position which frame
   * @return the frame
   * @throws MediaException if the video cannot be decoded or the time is past its end
   */
  public static Grabbed grab(Path video, FramePosition position) {
    Clip clip = openDecodable(video);
    int display = displayIndex(clip, position);
    try (ClipDecoder d = new ClipDecoder(clip)) {
      d.seek(display);
      d.limit(display + 1);
      Yuv f = d.next();
      BufferedImage img = f.toImage(clip.sps.fullRange, clip.sps.matrixCoefficients == 1);
      d.release(f);
      return new Grabbed(img, Duration.ofNanos(Math.round(clip.pts(display) * 1e9 / clip.timescale)));
    }
  }

  static int displayIndex(Clip clip, FramePosition position) {
    return switch (position.kind()) {
      case FIRST -> 0;
      case LAST -> clip.frameCount() - 1;
      case AT -> {
        long t = Math.round(position.time().toNanos() / 1e9 * clip.timescale);
        if (t >= clip.duration) {
          throw new MediaException(clip.file, Reason.INVALID_REQUEST, "cannot take a frame at "
              + position.time().toMillis() / 1000.0 + " s: " + clip.file + " lasts "
              + clip.duration * 1000 / clip.timescale / 1000.0 + " s");
        }
        int lo = 0;
        int hi = clip.frameCount() - 1;
        while (lo < hi) {
          int mid = (lo + hi + 1) >>> 1;
          if (clip.pts(mid) <= t) {
            lo = mid;
          } else {
            hi = mid - 1;
          }
        }
        yield lo;
      }
    };
  }
}
