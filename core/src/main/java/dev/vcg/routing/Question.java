package dev.vcg.routing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A clarifying question. Answers are strings: free text for {@link Type#TEXT}, one of
 * {@link #options()} for {@link Type#SELECT}, {@code "true"}/{@code "false"} for
 * {@link Type#BOOLEAN}.
 *
 * @param id the answer's key, e.g. {@code industry}
 * @param question the question, in words
 * @param type how it is answered
 * @param options the choices, for {@link Type#SELECT}
 * @param required whether an answer is needed to continue
 * @param followUp what to tell the user after each answer (e.g. {@code "true" -> "Please upload them"})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Question(String id, String question, Type type, List<String> options, boolean required,
                       Map<String, String> followUp) {
  /** How a question is answered. */
  public enum Type {
    /** Free text. */
    TEXT,
    /** One of the options. */
    SELECT,
    /** Yes or no. */
    BOOLEAN;

    /** @return the JSON spelling */
    @com.fasterxml.jackson.annotation.JsonValue
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * @param text the JSON spelling
     * @return the type
     */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static Type parse(String text) {
      return valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** Validates and copies. */
  public Question {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(type, "type");
    options = options == null ? List.of() : List.copyOf(options);
    followUp = followUp == null ? Map.of() : Map.copyOf(followUp);
    if (type == Type.SELECT && options.isEmpty()) {
      throw new IllegalArgumentException("select question '" + id + "' needs options");
    }
  }

  /**
   * @param id answer key
   * @param question the question
   * @param required whether needed
   * @return a free-text question
   */
  public static Question text(String id, String question, boolean required) {
    return new Question(id, question, Type.TEXT, List.of(), required, Map.of());
  }

  /**
   * @param id answer key
   * @param question the question
   * @param required whether needed
   * @param options the choices
   * @return a select question
   */
  public static Question select(String id, String question, boolean required, List<String> options) {
    return new Question(id, question, Type.SELECT, options, required, Map.of());
  }

  /**
   * @param id answer key
   * @param question the question
   * @param required whether needed
   * @param followUp what to say after each answer
   * @return a yes/no question
   */
  public static Question bool(String id, String question, boolean required, Map<String, String> followUp) {
    return new Question(id, question, Type.BOOLEAN, List.of(), required, followUp);
  }
}
