package dev.vcg.media;

/**
 * Hears about a stitch while it runs. Methods may be called from worker threads; implementations
 * must be thread-safe and return quickly. Exceptions they throw are logged and ignored.
 */
public interface StitchListener {
  /** A listener that ignores everything. */
  StitchListener NONE = new StitchListener() {
  };

  /**
   * Something was done differently from what was asked (also listed in
   * {@link StitchResult#warnings()}).
   *
   * @param warning what and why
   */
  default void onWarning(StitchWarning warning) {
  }

  /**
   * Progress of the whole stitch.
   *
   * @param fraction from 0 to 1, never decreasing
   */
  default void onProgress(double fraction) {
  }
}
