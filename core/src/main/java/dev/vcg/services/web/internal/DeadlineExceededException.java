package dev.vcg.services.web.internal;

import java.net.SocketTimeoutException;

/** The whole-fetch deadline passed. Not API. */
public final class DeadlineExceededException extends SocketTimeoutException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public DeadlineExceededException() {
    super("deadline exceeded");
  }
}
