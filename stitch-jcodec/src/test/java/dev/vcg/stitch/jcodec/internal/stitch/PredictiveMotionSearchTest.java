package dev.vcg.stitch.jcodec.internal.stitch;

import static org.assertj.core.api.Assertions.assertThat;

import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.junit.jupiter.api.Test;

/** The motion search finds known displacements of a smooth picture, small and large. */
class PredictiveMotionSearchTest {
  private static final int W = 320;
  private static final int H = 192;

  private static int texture(int x, int y) {
    return (int) Math.round(60 * Math.sin(x / 9.0) * Math.cos(y / 11.0) + 40 * Math.sin((x + 2 * y) / 17.0));
  }

  /** A picture whose pixel (x, y) shows the texture at (x + dx, y + dy). */
  private static Picture shifted(int dx, int dy) {
    Picture p = Picture.create(W, H, ColorSpace.YUV420J);
    byte[] y = p.getPlaneData(0);
    for (int r = 0; r < H; r++) {
      for (int c = 0; c < W; c++) {
        y[r * W + c] = (byte) texture(c + dx, r + dy);
      }
    }
    return p;
  }

  private static byte[] patch(Picture pic, int mbX, int mbY) {
    byte[] out = new byte[256];
    for (int r = 0; r < 16; r++) {
      System.arraycopy(pic.getPlaneData(0), (mbY * 16 + r) * W + mbX * 16, out, r * 16, 16);
    }
    return out;
  }

  /** Runs the search over the interior macroblocks in coding order; returns the vectors in pixels. */
  private static int[][] search(PredictiveMotionSearch s, Picture ref, Picture cur) {
    int mbw = W / 16;
    int mbh = H / 16;
    int[][] mv = new int[mbw * mbh][];
    for (int y = 0; y < mbh; y++) {
      for (int x = 0; x < mbw; x++) {
        int[] v = s.estimate(ref, patch(cur, x, y), x, y, 0, 0);
        mv[y * mbw + x] = new int[] {v[0] >> 2, v[1] >> 2};
      }
    }
    return mv;
  }

  @Test
  void findsASmallDisplacementFromRest() {
    Picture ref = shifted(0, 0);
    Picture cur = shifted(3, -2);
    PredictiveMotionSearch s = new PredictiveMotionSearch(W / 16, H / 16);
    s.reset();
    int[][] mv = search(s, ref, cur);
    // Every block whose match lies inside the reference picture.
    for (int y = 1; y < H / 16 - 1; y++) {
      for (int x = 1; x < W / 16 - 1; x++) {
        assertThat(mv[y * (W / 16) + x]).as("macroblock %d,%d", x, y).containsExactly(3, -2);
      }
    }
  }

  @Test
  void followsALargeMoveFromTheNeighboursAndThePreviousFrame() {
    PredictiveMotionSearch s = new PredictiveMotionSearch(W / 16, H / 16);
    s.reset();
    // Frame 1 moves 6 pixels, frame 2 moves another 6: the previous frame's vectors lead the search.
    search(s, shifted(0, 0), shifted(6, 1));
    s.nextFrame();
    int[][] mv = search(s, shifted(6, 1), shifted(12, 2));
    int found = 0;
    int inside = 0;
    for (int y = 1; y < H / 16 - 1; y++) {
      for (int x = 1; x < W / 16 - 2; x++) {
        inside++;
        if (mv[y * (W / 16) + x][0] == 6 && mv[y * (W / 16) + x][1] == 1) {
          found++;
        }
      }
    }
    assertThat(found).isEqualTo(inside);
  }
}
