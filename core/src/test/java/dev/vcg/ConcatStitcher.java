package dev.vcg;

import dev.vcg.media.StitchRequest;
import dev.vcg.media.StitchResult;
import dev.vcg.media.VideoStitcher;
import dev.vcg.provider.ImageSize;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stitcher for orchestration tests in core: writes the clips' bytes one after another (atomically)
 * and reports the length their {@code <seconds>} markers add up to.
 */
final class ConcatStitcher implements VideoStitcher {
  private static final Pattern MARKER = Pattern.compile("<(\\d+)>");

  @Override
  public StitchResult stitch(StitchRequest request) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    long seconds = 0;
    try {
      for (Path clip : request.clips()) {
        byte[] b = Files.readAllBytes(clip);
        all.write(b);
        Matcher m = MARKER.matcher(new String(b, StandardCharsets.US_ASCII));
        while (m.find()) {
          seconds += Long.parseLong(m.group(1));
        }
      }
      Path tmp = Files.createTempFile(request.output().toAbsolutePath().getParent(), ".stitch", ".tmp");
      Files.write(tmp, all.toByteArray());
      Files.move(tmp, request.output(), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return StitchResult.builder().output(request.output()).duration(Duration.ofSeconds(seconds))
        .frameCount((int) Math.max(1, seconds * 24)).size(new ImageSize(16, 9)).sizeBytes(all.size()).build();
  }
}
