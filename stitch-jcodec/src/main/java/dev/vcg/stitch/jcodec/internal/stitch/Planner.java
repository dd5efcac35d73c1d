package dev.vcg.stitch.jcodec.internal.stitch;

import dev.vcg.media.MediaException.Reason;
import dev.vcg.media.StitchException;
import dev.vcg.media.StitchRequest;
import dev.vcg.media.StitchWarning;
import dev.vcg.media.Transition;
import dev.vcg.stitch.jcodec.internal.clip.Clip;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Decides which frames are copied and which are re-encoded. */
final class Planner {
  private Planner() {
  }

  static Plan plan(List<Clip> clips, StitchRequest request, Consumer<StitchWarning> warn) {
    int width = request.outputSize().map(s -> s.width()).orElse(clips.get(0).width());
    int height = request.outputSize().map(s -> s.height()).orElse(clips.get(0).height());
    for (int i = 0; i < clips.size(); i++) {
      Clip c = clips.get(i);
      if (c.width() != width || c.height() != height) {
        throw new StitchException(i, c.file, Reason.UNSUPPORTED, "clip " + (i + 1) + " (" + c.file + ") is "
            + c.width() + "x" + c.height() + " but the output is " + width + "x" + height
            + "; scaling is not supported yet", null);
      }
    }
    double fps = request.frameRate().orElse(clips.get(0).frameRate());
    for (int i = 0; i < clips.size(); i++) {
      Clip c = clips.get(i);
      if (!sameRate(c.frameRate(), fps)) {
        throw new StitchException(i, c.file, Reason.UNSUPPORTED, "clip " + (i + 1) + " (" + c.file + ") runs at "
            + c.frameRate() + " fps but the output at " + fps + "; frame-rate conversion is not supported yet", null);
      }
    }
    for (Transition t : request.transitions()) {
      if (!t.isCut()) {
        throw new StitchException(null, Reason.UNSUPPORTED, "only cuts are supported yet, not "
            + t.type().wireName(), null);
      }
    }
    List<Plan.PieceSpec> pieces = new ArrayList<>();
    int[] slotPiece = new int[clips.size()];
    long[] slotOffset = new long[clips.size()];
    for (int i = 0; i < clips.size(); i++) {
      slotPiece[i] = pieces.size();
      pieces.add(new Plan.Copy(i, 0, clips.get(i).frameCount()));
    }
    return new Plan(width, height, pieces, slotPiece, slotOffset);
  }

  /** Rates within 0.1% count as equal (timescale rounding). */
  static boolean sameRate(double a, double b) {
    return Math.abs(a - b) <= 0.001 * b;
  }
}
