package dev.vcg.provider.openai;

/** Reads the OpenAI contract fixtures copied into {@code src/test/resources/fixtures/openai}. */
final class Fixtures {
  private Fixtures() {
  }

  static String read(String name) {
    return dev.vcg.testkit.Fixtures.text("fixtures/openai/" + name);
  }
}
