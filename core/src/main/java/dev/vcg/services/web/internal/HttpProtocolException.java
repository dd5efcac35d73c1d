package dev.vcg.services.web.internal;

import java.io.IOException;

/** The server's answer is not valid HTTP/1.x, or breaks a limit on its framing. Not API. */
public final class HttpProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong
   */
  public HttpProtocolException(String message) {
    super(message);
  }
}
