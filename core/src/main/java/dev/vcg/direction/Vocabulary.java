package dev.vcg.direction;

import java.util.Locale;

/** Normalises LLM spellings of our enum words: "Push In", "push-in", "PUSH_IN" → "push_in". */
final class Vocabulary {
  private Vocabulary() {
  }

  static String normalise(String text) {
    return text.strip().toLowerCase(Locale.ROOT)
        .replaceAll("[\\s\\-./]+", "_")
        .replaceAll("[^a-z0-9_]", "")
        .replaceAll("_+", "_")
        .replaceAll("^_|_$", "");
  }
}
