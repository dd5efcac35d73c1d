package dev.vcg.stitch.jcodec.internal.mp4;

/** A box or table is malformed. Internal; mapped to a {@code MediaException} naming the file. */
public final class BoxFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is malformed
   */
  public BoxFormatException(String message) {
    super(message, null, false, false);
  }
}
