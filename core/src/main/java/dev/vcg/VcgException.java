package dev.vcg;

/**
 * The root of every exception the library throws. Unchecked, like the exceptions of the
 * SDKs this library is modelled on: callers catch the subtype they can act on.
 *
 * <p>Subtypes say what failed and whether trying again may help ({@link #isRetryable()}).
 * Messages say what to do next. No message, {@code toString} or stack trace of any subtype
 * contains an API key.
 */
public class VcgException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what failed and what to do about it
   */
  public VcgException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param message what failed and what to do about it
   * @param cause the underlying failure, may be {@code null}
   */
  public VcgException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether the same operation may succeed if tried again later without changes.
   *
   * @return {@code false} unless a subtype knows better
   */
  public boolean isRetryable() {
    return false;
  }
}
