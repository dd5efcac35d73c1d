package dev.vcg.stitch.jcodec.internal.stitch;

import java.util.List;

/**
 * What to produce: the output size and the pieces in order, each copied from a clip or
 * rendered, and where each clip's part of the output (for its audio) starts.
 *
 * @param width output width
 * @param height output height
 * @param pieces the pieces in output order
 * @param slotPiece for each clip, the piece in which its part of the output starts
 * @param slotOffset for each clip, the offset into that piece, in the piece's media units
 */
record Plan(int width, int height, List<PieceSpec> pieces, int[] slotPiece, long[] slotOffset) {

  /** A piece to produce. */
  sealed interface PieceSpec permits Copy {
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
   * For each clip, [start, end) of its part of the output in the joined video's units.
   *
   * @param video the joined video
   * @return the slots
   */
  long[][] audioSlots(VideoTimeline video) {
    int n = slotPiece.length;
    long[][] slots = new long[n][2];
    for (int c = 0; c < n; c++) {
      long pieceTs = video.pieceTimescales[slotPiece[c]];
      slots[c][0] = video.starts[slotPiece[c]] + VideoTimeline.rescale(slotOffset[c], pieceTs, video.timescale);
    }
    for (int c = 0; c < n; c++) {
      slots[c][1] = c + 1 < n ? slots[c + 1][0] : video.duration;
    }
    return slots;
  }
}
