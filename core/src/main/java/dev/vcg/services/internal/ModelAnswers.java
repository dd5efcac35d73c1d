package dev.vcg.services.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcg.internal.Json;
import java.util.Optional;

/** Finds the JSON object in a language model's answer (plain, fenced, or wrapped in prose). */
public final class ModelAnswers {
  private ModelAnswers() {
  }

  /** @return the first JSON object the answer holds, if any */
  public static Optional<JsonNode> object(String answer) {
    if (answer == null) {
      return Optional.empty();
    }
    String t = answer.strip();
    Optional<JsonNode> direct = parse(t);
    if (direct.isPresent()) {
      return direct;
    }
    int start = t.indexOf('{');
    int end = t.lastIndexOf('}');
    if (start >= 0 && end > start) {
      return parse(t.substring(start, end + 1));
    }
    return Optional.empty();
  }

  private static Optional<JsonNode> parse(String text) {
    try {
      JsonNode n = Json.mapper().readTree(text);
      return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
