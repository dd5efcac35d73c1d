package dev.vcg.examples.server;

import dev.vcg.provider.ApiKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys the server has seen (its own from the environment, and those given with projects), so
 * that nothing it sends can carry one: every response body and every event passes through
 * {@link #scrub}. A second line of defence: the library already keeps keys out of messages,
 * events and state. Thread-safe.
 */
final class Secrets {
  /** Keys shorter than this are not searched for: they would match ordinary text. */
  private static final int MIN_LENGTH = 8;
  static final String MASK = "[redacted]";

  private final Set<String> values = ConcurrentHashMap.newKeySet();

  /** @param key a key the server holds */
  void add(ApiKey key) {
    add(key.reveal());
  }

  /** @param key a key as it was received (e.g. in a project's config), before it is checked */
  void add(String key) {
    String v = key.strip();
    if (v.length() >= MIN_LENGTH) {
      values.add(v);
    }
  }

  /**
   * @param text text about to leave the server
   * @return the text with every known key replaced by {@value #MASK}
   */
  String scrub(String text) {
    if (values.isEmpty()) {
      return text;
    }
    String out = text;
    for (String v : values) {
      if (out.contains(v)) {
        out = out.replace(v, MASK);
      }
    }
    return out;
  }
}
