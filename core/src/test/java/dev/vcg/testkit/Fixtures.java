package dev.vcg.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads test fixtures from the test class path (a module's {@code src/test/resources}), never from
 * outside the module, so every module's tests run on their own checkout.
 *
 * <pre>{@code
 * String body = Fixtures.text("fixtures/fal/error-422-content-policy.json");
 * }</pre>
 */
public final class Fixtures {
  private Fixtures() {
  }

  /**
   * @param resource a class-path resource, e.g. {@code fixtures/runway/task-succeeded.json}
   * @return its bytes
   * @throws IllegalArgumentException if there is no such resource
   */
  public static byte[] bytes(String resource) {
    Objects.requireNonNull(resource, "resource");
    String name = resource.startsWith("/") ? resource.substring(1) : resource;
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = Fixtures.class.getClassLoader();
    }
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name + " on the test class path; copy it into this "
            + "module's src/test/resources/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param resource a class-path resource
   * @return its text, read as UTF-8
   * @throws IllegalArgumentException if there is no such resource
   */
  public static String text(String resource) {
    return new String(bytes(resource), StandardCharsets.UTF_8);
  }
}
