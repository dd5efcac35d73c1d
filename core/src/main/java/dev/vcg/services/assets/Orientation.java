package dev.vcg.services.assets;

/** The shape of an image. */
public enum Orientation {
  /** Wider than tall (by more than 1 %). */
  LANDSCAPE,
  /** Taller than wide (by more than 1 %). */
  PORTRAIT,
  /** Width and height within 1 % of each other. */
  SQUARE;

  /**
   * @param width pixels, positive
   * @param height pixels, positive
   * @return the orientation
   */
  public static Orientation of(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("dimensions must be positive: " + width + "x" + height);
    }
    int max = Math.max(width, height);
    if (Math.abs(width - height) <= max / 100.0) {
      return SQUARE;
    }
    return width > height ? LANDSCAPE : PORTRAIT;
  }
}
