package dev.vcg.workflows.generation;

import dev.vcg.media.StitchRequest;
import dev.vcg.media.StitchResult;
import dev.vcg.media.StitchWarning;
import dev.vcg.media.Transition;
import dev.vcg.media.VideoStitcher;
import dev.vcg.provider.ImageSize;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stitcher for orchestration tests: records each request, writes the clips' bytes one after
 * another, and reports the length the clips' markers ({@code job:seconds}) add up to, less the
 * overlap of overlapping transitions. Replaces a transition by a cut when told to, with a warning.
 */
final class RecordingStitcher implements VideoStitcher {
  final List<StitchRequest> requests = new CopyOnWriteArrayList<>();
  volatile boolean replaceTransitions;

  @Override
  public StitchResult stitch(StitchRequest request) {
    requests.add(request);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    double seconds = 0;
    try {
      for (Path clip : request.clips()) {
        byte[] b = Files.readAllBytes(clip);
        all.write(b);
        seconds += secondsOf(b);
      }
      List<StitchWarning> warnings = new ArrayList<>();
      for (int i = 0; i < request.transitions().size(); i++) {
        Transition t = request.transitions().get(i);
        if (replaceTransitions && !t.isCut()) {
          StitchWarning w = new StitchWarning(StitchWarning.TRANSITION_REPLACED_BY_CUT, i,
              "transition " + i + " replaced by a cut");
          warnings.add(w);
          request.listener().onWarning(w);
        } else if (t.overlaps()) {
          seconds -= t.duration().toMillis() / 1000.0;
        }
      }
      Path tmp = Files.createTempFile(request.output().toAbsolutePath().getParent(), ".stitch", ".tmp");
      Files.write(tmp, all.toByteArray());
      Files.move(tmp, request.output(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      request.listener().onProgress(1.0);
      return StitchResult.builder().output(request.output()).duration(Duration.ofMillis(Math.round(seconds * 1000)))
          .frameCount(Math.max(1, (int) Math.round(seconds * 24))).size(new ImageSize(16, 9))
          .sizeBytes(all.size()).warnings(warnings).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The seconds in a fake clip's marker, {@code "<job>:<seconds>"}. */
  static double secondsOf(byte[] clip) {
    String s = new String(clip, 24, clip.length - 24, StandardCharsets.UTF_8);
    return Double.parseDouble(s.substring(s.lastIndexOf(':') + 1));
  }
}
