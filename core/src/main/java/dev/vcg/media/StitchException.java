package dev.vcg.media;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Stitching failed: an input clip cannot be used (named with its position in the request), or
 * the output could not be written. When this is thrown, nothing is left at the output path.
 */
public class StitchException extends MediaException {
  private static final long serialVersionUID = 1L;

  private final int clipIndex;

  /**
   * Creates an exception about one input clip.
   *
   * @param clipIndex the clip's position in {@link StitchRequest#clips()} (0-based), or -1
   * @param file the clip
   * @param reason the kind of failure
   * @param message what failed and what to do
   * @param cause the underlying failure, may be null
   */
  public StitchException(int clipIndex, Path file, Reason reason, String message, Throwable cause) {
    super(file, reason, message, cause);
    this.clipIndex = clipIndex;
  }

  /**
   * Creates an exception not tied to one clip (e.g. the output cannot be written).
   *
   * @param file the file at fault, or null
   * @param reason the kind of failure
   * @param message what failed and what to do
   * @param cause the underlying failure, may be null
   */
  public StitchException(Path file, Reason reason, String message, Throwable cause) {
    this(-1, file, reason, message, cause);
  }

  /** @return the 0-based position of the clip at fault in the request, if one is */
  public OptionalInt clipIndex() {
    return clipIndex < 0 ? OptionalInt.empty() : OptionalInt.of(clipIndex);
  }
}
