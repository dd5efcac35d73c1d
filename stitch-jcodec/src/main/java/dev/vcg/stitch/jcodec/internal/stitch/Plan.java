package dev.vcg.stitch.jcodec.internal.stitch;

import java.util.List;

/**
 * What to produce: the output size and frame rate, the pieces in order (each copied from a clip
 * or rendered), and where each clip's part of the output (for its audio) starts.
 *
 * @param width output width
 * @param height output height
 * @param fps output frame rate
 * @param slots each clip's output frames
 * @param pieces the pieces in output order
 * @param slotPiece for each clip, the piece in which its part of the output starts
 * @param slotOffset for each clip, the offset into that piece, in the piece's media units
 */
record Plan(int width, int height, double fps, List<Slots> slots, List<PieceSpec> pieces, int[] slotPiece,
            long[] slotOffset) {

  /** A piece to produce. */
  sealed interface PieceSpec permits Copy, Render {
  }

  /**
   * Samples {@code [from, to)} of a clip, copied.
   *
   * @param clip clip index
   * @param from first decode index
   * @param to end decode index
   */
  record Copy(int clip, int from, int to) implements PieceSpec {
  }

  /**
   * Frames to decode, change and encode.
   *
   * @param task what to render
   */
  record Render(RenderTask task) implements PieceSpec {
  }

  /** @return the number of frames to encode */
  int framesToEncode() {
    int n = 0;
    for (PieceSpec p : pieces) {
      if (p instanceof Render r) {
        n += r.task().frames();
      }
    }
    return n;
  }

  /**
   * For each clip, [start, end) of its part of the output in the joined video's units.
   *
   * @param video the joined video
   * @return the slots
   */
  long[][] audioSlots(VideoTimeline video) {
    int n = slotPiece.length;
    long[][] out = new long[n][2];
    for (int c = 0; c < n; c++) {
      long pieceTs = video.pieceTimescales[slotPiece[c]];
      out[c][0] = video.starts[slotPiece[c]] + VideoTimeline.rescale(slotOffset[c], pieceTs, video.timescale);
    }
    for (int c = 0; c < n; c++) {
      out[c][1] = c + 1 < n ? out[c + 1][0] : video.duration;
    }
    return out;
  }
}
