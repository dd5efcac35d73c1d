package dev.vcg.provider.openai;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the OpenAI contract fixtures from {@code src/test/resources/fixtures/openai}. */
final class Fixtures {
  private Fixtures() {
  }

  static String read(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/openai/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
