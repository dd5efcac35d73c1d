package dev.vcg.media;

import dev.vcg.VcgException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Reading, decoding or writing media failed. Names the file at fault (when there is one) and a
 * {@link Reason} a caller can act on; the message says what was wrong and what to do.
 *
 * <p>{@link Reason#isInputProblem()} tells whether the input must change (an unsupported, broken
 * or missing file) or something else failed (the output could not be written, no implementation is
 * available). Not retryable: the same input fails the same way.
 */
public class MediaException extends VcgException {
  private static final long serialVersionUID = 1L;

  /** Why media could not be used. */
  public enum Reason {
    /** The file does not exist or cannot be opened. */
    NOT_FOUND(true),
    /** The file is not a video (or image) of a recognised container. */
    NOT_MEDIA(true),
    /** The file ends before its declared content (an interrupted download). */
    TRUNCATED(true),
    /** The file is structurally broken: invalid boxes, tables or codec headers. */
    CORRUPT(true),
    /** A valid file using something not supported (codec, bit depth, interlacing, fragments). */
    UNSUPPORTED(true),
    /** The file is larger than the configured limits (bytes, pixels, samples). */
    TOO_LARGE(true),
    /** The picture data could not be decoded. */
    DECODE_FAILED(true),
    /** The request cannot be served with these inputs (e.g. a time past the end). */
    INVALID_REQUEST(true),
    /** The output could not be written (disk full, permissions, encoder failure). */
    OUTPUT_FAILED(false),
    /** No implementation of the media SPI is on the class path. */
    NOT_AVAILABLE(false),
    /** The operation was interrupted or cancelled; nothing was written. */
    CANCELLED(false);

    private final boolean inputProblem;

    Reason(boolean inputProblem) {
      this.inputProblem = inputProblem;
    }

    /** @return whether the caller's input must change for the operation to succeed */
    public boolean isInputProblem() {
      return inputProblem;
    }
  }

  private final transient Path file;
  private final Reason reason;

  /**
   * Creates an exception.
   *
   * @param file the file at fault, or null when none is
   * @param reason the kind of failure
   * @param message what failed and what to do; should name the file
   */
  public MediaException(Path file, Reason reason, String message) {
    this(file, reason, message, null);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param file the file at fault, or null when none is
   * @param reason the kind of failure
   * @param message what failed and what to do; should name the file
   * @param cause the underlying failure, may be null
   */
  public MediaException(Path file, Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** @return the file at fault, if one is */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** @return the kind of failure */
  public Reason reason() {
    return reason;
  }
}
