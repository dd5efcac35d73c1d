package dev.vcg.examples.cli;

import dev.vcg.VcgException;

/** The command line is wrong: an unknown command or option, a missing or malformed value. */
public final class UsageException extends VcgException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong, e.g. "missing -o OUT.mp4"
   */
  public UsageException(String message) {
    super(message);
  }
}
