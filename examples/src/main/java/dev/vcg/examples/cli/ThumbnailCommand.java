package dev.vcg.examples.cli;

import dev.vcg.media.FramePosition;
import dev.vcg.media.MediaServices;
import dev.vcg.media.Thumbnail;
import dev.vcg.media.ThumbnailRequest;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** {@code vcg thumbnail VIDEO.mp4 -o OUT.png [--at SECONDS]}. */
final class ThumbnailCommand implements Command {
  @Override
  public String name() {
    return "thumbnail";
  }

  @Override
  public String summary() {
    return "write a frame of a video as PNG or JPEG";
  }

  @Override
  public String usage() {
    return "usage: vcg thumbnail VIDEO.mp4 -o OUT.png [--at SECONDS]\n\n"
        + "  -o OUT.png|OUT.jpg  the image to write (format from the extension)\n"
        + "  --at SECONDS        the frame on screen at that time (default: the first frame)\n";
  }

  @Override
  public Set<String> valueOptions() {
    return Set.of("-o", "--output", "--at");
  }

  @Override
  public int run(Args args, Io io) {
    if (args.positional().size() != 1) {
      throw new UsageException(args.positional().isEmpty() ? "give the video" : "give exactly one video");
    }
    if (args.value("-o").isPresent() && args.value("--output").isPresent()) {
      throw new UsageException("give -o or --output, not both");
    }
    Path out = Path.of(args.value("-o").or(() -> args.value("--output"))
        .orElseThrow(() -> new UsageException("missing -o OUT.png")));
    FramePosition at = args.number("--at", 0, 86_400).map(FramePosition::atSeconds).orElse(FramePosition.first());
    ThumbnailRequest request;
    try {
      request = ThumbnailRequest.builder().video(Path.of(args.positional().get(0))).output(out).position(at).build();
    } catch (IllegalStateException e) {
      throw new UsageException(e.getMessage());
    }
    Thumbnail t = MediaServices.frameExtractor().thumbnail(request);
    io.out().println(String.format(Locale.ROOT, "%s: %dx%d %s, frame at %.3f s", t.file(), t.width(), t.height(),
        t.format().name(), t.time().toNanos() / 1e9));
    return ExitCodes.OK;
  }
}
