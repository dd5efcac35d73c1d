package dev.vcg.workflows.generation;

import dev.vcg.media.FrameExtractor;
import dev.vcg.media.FramePosition;
import dev.vcg.media.ImageFormat;
import dev.vcg.media.MediaRef;
import dev.vcg.media.Thumbnail;
import dev.vcg.media.ThumbnailRequest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;

/** A frame extractor for orchestration tests: frames are PNGs coloured by the video's content. */
final class TestFrames implements FrameExtractor {
  final List<Path> lastFrames = new CopyOnWriteArrayList<>();
  volatile RuntimeException thumbnailFailure;

  @Override
  public BufferedImage frame(Path video, FramePosition position) {
    try {
      return ImageIO.read(new ByteArrayInputStream(png(video, position)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public MediaRef image(Path video, FramePosition position, ImageFormat format) {
    if (position.kind() == FramePosition.Kind.LAST) {
      lastFrames.add(video);
    }
    return MediaRef.bytes(png(video, position), "image/png");
  }

  @Override
  public Thumbnail thumbnail(ThumbnailRequest request) {
    if (thumbnailFailure != null) {
      throw thumbnailFailure;
    }
    try {
      Files.write(request.output(), png(request.video(), request.position()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Thumbnail(request.output(), ImageFormat.PNG, 16, 9,
        request.position().time() == null ? Duration.ZERO : request.position().time());
  }

  private static byte[] png(Path video, FramePosition position) {
    try {
      return TestImages.png(new String(Files.readAllBytes(video), java.nio.charset.StandardCharsets.ISO_8859_1)
          + position, 16, 9);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
