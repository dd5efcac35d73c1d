package dev.vcg.stitch.jcodec.local;

import dev.vcg.direction.CameraMove;
import dev.vcg.stitch.jcodec.internal.clip.Yuv;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Renders the frames of an offline clip: the start image under a smooth camera move, blending
 * into the end image (which the last frame shows exactly). The first frame is the start image
 * exactly, so clips chain without a jump. Bilinear sampling on RGB arrays, with mirrored edges
 * where a pull-out shows more than the image holds. Not thread-safe.
 */
final class MotionRenderer {
  private final int width;
  private final int height;
  private final int[] start;
  private final int startW;
  private final int startH;
  private final int[] end;
  private final CameraMove move;
  private final int frames;
  private final int[] out;
  private final BufferedImage frame;

  /**
   * @param start the start image, already cropped to the output's aspect ratio
   * @param end the end image, cropped and scaled to the output size, or null
   * @param width output width
   * @param height output height
   * @param move the camera move
   * @param frames how many frames the clip has
   */
  MotionRenderer(BufferedImage start, BufferedImage end, int width, int height, CameraMove move, int frames) {
    this.width = width;
    this.height = height;
    this.startW = start.getWidth();
    this.startH = start.getHeight();
    this.start = start.getRGB(0, 0, startW, startH, null, 0, startW);
    this.end = end == null ? null : end.getRGB(0, 0, width, height, null, 0, width);
    this.move = move;
    this.frames = frames;
    this.frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    this.out = ((DataBufferInt) frame.getRaster().getDataBuffer()).getData();
  }

  /**
   * Renders one frame into a picture.
   *
   * @param i frame index, 0 to frames - 1
   * @param into the picture to fill (output size)
   */
  void render(int i, Yuv into) {
    double t = frames <= 1 ? 1 : (double) i / (frames - 1);
    double e = t * t * (3 - 2 * t);
    double[] m = transform(move, e);
    double scale = m[0];
    double dx = m[1] * width;
    double dy = m[2] * height;
    double endWeight = end == null ? 0 : smooth((t - 0.35) / 0.65);
    int wEnd = (int) Math.round(endWeight * 256);
    // Output pixel (x, y) shows source point ((x - cx - dx) / scale + cx) in output units.
    double sx = (double) startW / width;
    double sy = (double) startH / height;
    double cx = width / 2.0;
    double cy = height / 2.0;
    for (int y = 0; y < height; y++) {
      double v = ((y + 0.5 - cy - dy) / scale + cy) * sy - 0.5;
      for (int x = 0; x < width; x++) {
        double u = ((x + 0.5 - cx - dx) / scale + cx) * sx - 0.5;
        int p = sample(u, v);
        if (wEnd > 0) {
          p = mix(p, end[y * width + x], wEnd);
        }
        out[y * width + x] = p;
      }
    }
    Yuv.fromImage(frame, into);
  }

  /** Scale and translation (fractions of the frame) of a move at eased progress {@code e}. */
  static double[] transform(CameraMove move, double e) {
    return switch (move) {
      case STATIC -> new double[] {1, 0, 0};
      case PUSH_IN -> new double[] {1 + 0.25 * e, 0, 0};
      case PULL_OUT -> new double[] {1 / (1 + 0.2 * e), 0, 0};
      case PAN_LEFT -> pan(1 + 0.15 * e, 1, 0);
      case PAN_RIGHT -> pan(1 + 0.15 * e, -1, 0);
      case TILT_UP -> pan(1 + 0.12 * e, 0, 1);
      case TILT_DOWN -> pan(1 + 0.12 * e, 0, -1);
      case CRANE_UP -> pan(1 + 0.18 * e, 0, 0.9);
      case CRANE_DOWN -> pan(1 + 0.18 * e, 0, -0.9);
      case DOLLY_LEFT -> pan(1 + 0.2 * e, 0.9, 0);
      case DOLLY_RIGHT -> pan(1 + 0.2 * e, -0.9, 0);
    };
  }

  /** A zoom that leaves room to shift the view without showing an edge, and the shift. */
  private static double[] pan(double scale, double x, double y) {
    double room = (scale - 1) / 2;
    return new double[] {scale, x * room, y * room};
  }

  private static double smooth(double x) {
    double c = Math.max(0, Math.min(1, x));
    return c * c * (3 - 2 * c);
  }

  private int sample(double u, double v) {
    int x0 = (int) Math.floor(u);
    int y0 = (int) Math.floor(v);
    int fx = (int) ((u - x0) * 256);
    int fy = (int) ((v - y0) * 256);
    int a = pixel(x0, y0);
    int b = pixel(x0 + 1, y0);
    int c = pixel(x0, y0 + 1);
    int d = pixel(x0 + 1, y0 + 1);
    return mix(mix(a, b, fx), mix(c, d, fx), fy);
  }

  private int pixel(int x, int y) {
    return start[reflect(y, startH) * startW + reflect(x, startW)];
  }

  private static int reflect(int i, int n) {
    if (n == 1) {
      return 0;
    }
    int period = 2 * (n - 1);
    int k = Math.floorMod(i, period);
    return k < n ? k : period - k;
  }

  private static int mix(int p, int q, int w) {
    int iw = 256 - w;
    int r = (((p >> 16) & 0xFF) * iw + ((q >> 16) & 0xFF) * w + 128) >> 8;
    int g = (((p >> 8) & 0xFF) * iw + ((q >> 8) & 0xFF) * w + 128) >> 8;
    int b = ((p & 0xFF) * iw + (q & 0xFF) * w + 128) >> 8;
    return (r << 16) | (g << 8) | b;
  }
}
