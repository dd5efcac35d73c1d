package dev.vcg.testkit;

import java.util.Base64;

/** Tiny valid images for requests in tests. */
public final class TestImages {
  private static final byte[] PNG_1X1 = Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

  private TestImages() {
  }

  /** @return a fresh copy of a 1×1 transparent PNG */
  public static byte[] png1x1() {
    return PNG_1X1.clone();
  }
}
