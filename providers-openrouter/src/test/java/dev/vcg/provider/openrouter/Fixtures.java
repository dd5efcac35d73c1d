package dev.vcg.provider.openrouter;

/** Reads the OpenRouter contract fixtures copied into {@code src/test/resources/fixtures/openrouter}. */
final class Fixtures {
  private Fixtures() {
  }

  static String read(String name) {
    return dev.vcg.testkit.Fixtures.text("fixtures/openrouter/" + name);
  }
}
