package dev.vcg.stitch.jcodec.internal.stitch;

import org.jcodec.codecs.h264.encode.MotionEstimator;
import org.jcodec.common.model.Picture;

/**
 * Full-pel motion search that starts from the vectors most likely to be right instead of from
 * zero: no motion, the median predictor, the vectors already chosen for the left, top and
 * top-right macroblocks, and the vector of the same macroblock in the previous frame (camera
 * moves and provider clips keep their motion from frame to frame). The best of those is refined
 * by a small diamond walk that stops at the first step that does not improve; a wider ring is
 * tried only when the match is still poor. Costs are the sum of absolute differences plus a
 * penalty for the bits of the vector difference, and each sum stops as soon as it cannot win.
 *
 * <p>JCodec's own search walks from zero for a fixed number of steps, also through flat areas
 * where every step scores the same; this one evaluates about a third as many blocks for equal or
 * smaller output at the same quantiser. Not thread-safe: one per encoder.
 */
final class PredictiveMotionSearch extends MotionEstimator {
  /** Largest vector component, in pixels. */
  private static final int MAX_RANGE = 64;
  /** Diamond steps at most. */
  private static final int MAX_STEPS = 16;
  /** Weight of one bit of vector difference against one unit of SAD (about the quantiser's lambda). */
  private static final int LAMBDA = 4;
  /** Average difference per pixel above which the wider ring is tried. */
  private static final int POOR_MATCH = 6 * 256;

  private final int mbWidth;
  private int[] prevX;
  private int[] prevY;
  private int[] curX;
  private int[] curY;

  private byte[] plane;
  private int stride;
  private int maxX;
  private int maxY;
  private int originX;
  private int originY;
  private int predX;
  private int predY;
  private byte[] patch;
  private int bestX;
  private int bestY;
  private int bestCost;

  /**
   * @param mbWidth macroblocks per row
   * @param mbHeight macroblock rows
   */
  PredictiveMotionSearch(int mbWidth, int mbHeight) {
    super(0);
    this.mbWidth = mbWidth;
    int n = mbWidth * mbHeight;
    prevX = new int[n];
    prevY = new int[n];
    curX = new int[n];
    curY = new int[n];
  }

  /** Starts a predicted frame: the vectors found so far become the previous frame's. */
  void nextFrame() {
    int[] t = prevX;
    prevX = curX;
    curX = t;
    t = prevY;
    prevY = curY;
    curY = t;
  }

  /** Starts over after an intra frame: no previous vectors. */
  void reset() {
    java.util.Arrays.fill(curX, 0);
    java.util.Arrays.fill(curY, 0);
    java.util.Arrays.fill(prevX, 0);
    java.util.Arrays.fill(prevY, 0);
  }

  @Override
  public int[] estimate(Picture ref, byte[] patch, int mbX, int mbY, int mvpx, int mvpy) {
    this.plane = ref.getPlaneData(0);
    this.stride = ref.getPlaneWidth(0);
    this.originX = mbX << 4;
    this.originY = mbY << 4;
    this.maxX = Math.min(MAX_RANGE, stride - 16 - originX);
    this.maxY = Math.min(MAX_RANGE, ref.getPlaneHeight(0) - 16 - originY);
    this.predX = mvpx;
    this.predY = mvpy;
    this.patch = patch;
    int mb = mbY * mbWidth + mbX;

    bestCost = Integer.MAX_VALUE;
    try0(0, 0);
    try0(mvpx >> 2, mvpy >> 2);
    try0(prevX[mb], prevY[mb]);
    if (mbX > 0) {
      try0(curX[mb - 1], curY[mb - 1]);
    }
    if (mbY > 0) {
      try0(curX[mb - mbWidth], curY[mb - mbWidth]);
      if (mbX + 1 < mbWidth) {
        try0(curX[mb - mbWidth + 1], curY[mb - mbWidth + 1]);
      }
    }
    diamond();
    if (bestCost > POOR_MATCH) {
      int cx = bestX;
      int cy = bestY;
      for (int r = 4; r <= 16; r <<= 1) {
        try0(cx - r, cy);
        try0(cx + r, cy);
        try0(cx, cy - r);
        try0(cx, cy + r);
        try0(cx - r, cy - r);
        try0(cx + r, cy - r);
        try0(cx - r, cy + r);
        try0(cx + r, cy + r);
      }
      diamond();
    }
    curX[mb] = bestX;
    curY[mb] = bestY;
    this.patch = null;
    this.plane = null;
    return new int[] {bestX << 2, bestY << 2};
  }

  private void diamond() {
    // The point just left was scored already: skip it (dx, dy is the last step taken).
    int dx = 0;
    int dy = 0;
    for (int step = 0; step < MAX_STEPS; step++) {
      int x = bestX;
      int y = bestY;
      if (dx != 1) {
        try0(x - 1, y);
      }
      if (dx != -1) {
        try0(x + 1, y);
      }
      if (dy != 1) {
        try0(x, y - 1);
      }
      if (dy != -1) {
        try0(x, y + 1);
      }
      if (bestX == x && bestY == y) {
        return;
      }
      dx = bestX - x;
      dy = bestY - y;
    }
  }

  /** Scores a vector (pixels) and keeps it when it is strictly better. */
  private void try0(int dx, int dy) {
    if (dx == bestX && dy == bestY && bestCost != Integer.MAX_VALUE) {
      return;
    }
    if (dx < -originX || dy < -originY || dx > maxX || dy > maxY || dx < -MAX_RANGE || dy < -MAX_RANGE) {
      return;
    }
    int penalty = LAMBDA * (bits((dx << 2) - predX) + bits((dy << 2) - predY));
    if (penalty >= bestCost) {
      return;
    }
    int limit = bestCost - penalty;
    int s = 0;
    int off = (originY + dy) * stride + originX + dx;
    byte[] p = plane;
    byte[] q = patch;
    for (int r = 0, k = 0; r < 16; r++, off += stride) {
      for (int c = 0; c < 16; c++, k++) {
        s += Math.abs(p[off + c] - q[k]);
      }
      if (s >= limit) {
        return;
      }
    }
    bestCost = s + penalty;
    bestX = dx;
    bestY = dy;
  }

  /** Length in bits of a signed Exp-Golomb code. */
  private static int bits(int v) {
    int code = v <= 0 ? -2 * v : 2 * v - 1;
    return 2 * (31 - Integer.numberOfLeadingZeros(code + 1)) + 1;
  }
}
