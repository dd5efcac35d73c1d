package dev.vcg.direction;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Who made a plan. */
public enum DirectionSource {
  /** A language model, through {@link AiDirector}. */
  LLM,
  /** The offline planner (no language model configured, or it failed and fallback was allowed). */
  OFFLINE;

  /** @return the JSON spelling */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param text the JSON spelling
   * @return the source
   * @throws IllegalArgumentException if unknown
   */
  @JsonCreator
  public static DirectionSource parse(String text) {
    return valueOf(text.strip().toUpperCase(Locale.ROOT));
  }
}
