package dev.vcg.stitch.jcodec.internal.stitch;

/**
 * How re-encoded frames are coded.
 *
 * @param qp the constant quantiser, at most 28 (JCodec codes chroma wrongly from 30 up)
 * @param keyIntervalSeconds seconds between IDR frames
 */
public record EncoderSettings(int qp, double keyIntervalSeconds) {
  /** The defaults: QP 24, an IDR every 2 seconds. */
  public static final EncoderSettings DEFAULT = new EncoderSettings(24, 2.0);

  /** Validates. */
  public EncoderSettings {
    if (qp < 10 || qp > 28) {
      throw new IllegalArgumentException("qp must be within 10..28: " + qp);
    }
    if (!(keyIntervalSeconds >= 0.5 && keyIntervalSeconds <= 10)) {
      throw new IllegalArgumentException("keyIntervalSeconds must be within 0.5..10: " + keyIntervalSeconds);
    }
  }
}
