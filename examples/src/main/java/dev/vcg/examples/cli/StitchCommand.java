package dev.vcg.examples.cli;

import dev.vcg.direction.TransitionType;
import dev.vcg.media.MediaServices;
import dev.vcg.media.StitchListener;
import dev.vcg.media.StitchRequest;
import dev.vcg.media.StitchResult;
import dev.vcg.media.StitchWarning;
import dev.vcg.media.Transition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.DoubleConsumer;
import java.util.stream.Collectors;

/** {@code vcg stitch CLIP.mp4... -o OUT.mp4 [--transition T] [--transition-seconds S]}. */
final class StitchCommand implements Command {
  @Override
  public String name() {
    return "stitch";
  }

  @Override
  public String summary() {
    return "join MP4 clips into one video (lossless for cuts)";
  }

  @Override
  public String usage() {
    return "usage: vcg stitch CLIP.mp4... -o OUT.mp4 [--transition "
        + Arrays.stream(TransitionType.values()).map(TransitionType::wireName).collect(Collectors.joining("|"))
        + "] [--transition-seconds S]\n\n"
        + "  -o OUT.mp4              the video to write (replaced only when complete)\n"
        + "  --transition T          between every two clips (default cut)\n"
        + "  --transition-seconds S  transition length, 0.1 to 10 (default 0.5)\n";
  }

  @Override
  public Set<String> valueOptions() {
    return Set.of("-o", "--output", "--transition", "--transition-seconds");
  }

  @Override
  public int run(Args args, Io io) {
    if (args.positional().isEmpty()) {
      throw new UsageException("give at least one clip");
    }
    if (args.value("-o").isPresent() && args.value("--output").isPresent()) {
      throw new UsageException("give -o or --output, not both");
    }
    Path out = Path.of(args.value("-o").or(() -> args.value("--output"))
        .orElseThrow(() -> new UsageException("missing -o OUT.mp4")));
    TransitionType type = args.value("--transition").map(t -> TransitionType.tryParse(t).orElseThrow(
        () -> new UsageException("unknown transition '" + t + "'; use one of " + Arrays.stream(TransitionType.values())
            .map(TransitionType::wireName).collect(Collectors.joining(", "))))).orElse(TransitionType.CUT);
    double seconds = args.number("--transition-seconds", 0.1, 10).orElse(0.5);
    StitchRequest.Builder b = StitchRequest.builder().output(out)
        .transition(Transition.of(type, Duration.ofMillis(Math.round(seconds * 1000))));
    for (String clip : args.positional()) {
      b.addClip(Path.of(clip));
    }
    DoubleConsumer progress = io.progress("stitching");
    StitchRequest request;
    try {
      request = b.listener(new StitchListener() {
        @Override
        public void onWarning(StitchWarning warning) {
          io.err().println("warning: " + warning.message());
        }

        @Override
        public void onProgress(double fraction) {
          progress.accept(fraction);
        }
      }).build();
    } catch (IllegalStateException e) {
      throw new UsageException(e.getMessage());
    }
    StitchResult r = MediaServices.stitcher().stitch(request);
    io.out().println(String.format(Locale.ROOT, "%s: %dx%d, %.3f s, %d frames%s, %s", r.output(),
        r.size().width(), r.size().height(), r.duration().toNanos() / 1e9, r.frameCount(),
        r.hasAudio() ? ", audio" : "", r.isLossless() ? "lossless"
            : r.copiedFrames() + " frames copied, " + r.encodedFrames() + " re-encoded"));
    return ExitCodes.OK;
  }
}
