package dev.vcg;

/**
 * The caller's input cannot be used: an unreadable or unsupported file, a refused URL, a
 * malformed request. Not retryable: the input must change.
 */
public class InvalidInputException extends VcgException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what is wrong with the input and how to fix it
   */
  public InvalidInputException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param message what is wrong with the input and how to fix it
   * @param cause the underlying failure
   */
  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
