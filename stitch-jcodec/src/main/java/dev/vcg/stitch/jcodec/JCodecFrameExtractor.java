package dev.vcg.stitch.jcodec;

import dev.vcg.media.FrameExtractor;
import dev.vcg.media.FramePosition;
import dev.vcg.media.ImageFormat;
import dev.vcg.media.MediaException;
import dev.vcg.media.MediaException.Reason;
import dev.vcg.media.MediaRef;
import dev.vcg.media.Thumbnail;
import dev.vcg.media.ThumbnailRequest;
import dev.vcg.stitch.jcodec.internal.frames.FrameGrabber;
import dev.vcg.stitch.jcodec.internal.frames.Images;
import dev.vcg.stitch.jcodec.internal.stitch.OutputFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The pure-Java {@link FrameExtractor}: decodes H.264 MP4 frames exactly, in presentation order
 * (the frame for a time is the one a player shows then), and writes PNG or JPEG images. Decoding
 * starts at the nearest key frame before the frame wanted; provider clips usually have one key
 * frame, so a frame near the end of a 5 s 720p clip takes about a second.
 *
 * <p>Stateless and thread-safe.
 */
public final class JCodecFrameExtractor implements FrameExtractor {
  /** Creates an extractor (for {@link java.util.ServiceLoader}). */
  public JCodecFrameExtractor() {
  }

  @Override
  public BufferedImage frame(Path video, FramePosition position) {
    Objects.requireNonNull(video, "video");
    Objects.requireNonNull(position, "position");
    return FrameGrabber.grab(video, position).image();
  }

  @Override
  public MediaRef image(Path video, FramePosition position, ImageFormat format) {
    Objects.requireNonNull(format, "format");
    BufferedImage img = frame(video, position);
    try {
      return MediaRef.bytes(Images.encode(img, format, 0.9f), format.mimeType());
    } catch (UncheckedIOException e) {
      throw new MediaException(video, Reason.OUTPUT_FAILED, "cannot encode a " + format + " image of " + video + ": "
          + e.getCause().getMessage(), e);
    }
  }

  @Override
  public Thumbnail thumbnail(ThumbnailRequest request) {
    Objects.requireNonNull(request, "request");
    FrameGrabber.Grabbed g = FrameGrabber.grab(request.video(), request.position());
    BufferedImage img = Images.fit(g.image(), request.maxWidth().orElse(0), request.maxHeight().orElse(0));
    Path out = request.output();
    Path temp = OutputFiles.temporaryFor(out);
    boolean done = false;
    try {
      try (OutputStream os = Files.newOutputStream(temp)) {
        Images.write(img, request.format(), request.jpegQuality(), os);
      }
      OutputFiles.publish(temp, out);
      done = true;
      return new Thumbnail(out, request.format(), img.getWidth(), img.getHeight(), g.time());
    } catch (IOException e) {
      throw new MediaException(out, Reason.OUTPUT_FAILED, "cannot write " + out + ": " + e.getMessage(), e);
    } finally {
      if (!done) {
        OutputFiles.deleteQuietly(temp);
      }
    }
  }
}
