package dev.vcg.stitch.jcodec.internal.h264;

/** An H.264 header is malformed. Internal; mapped to a {@code MediaException} naming the file. */
public final class H264FormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is malformed
   */
  public H264FormatException(String message) {
    super(message, null, false, false);
  }
}
