package dev.vcg.workflow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The user's answers to a {@link Suspension}'s questions, by question id, given to
 * {@link WorkflowEngine#resume(String, Answers)}. Saved with the run.
 *
 * @param values answer text by question id
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Answers(Map<String, String> values) {
  private static final Answers NONE = new Answers(Map.of());

  /** Validates and copies. */
  public Answers {
    values = values == null ? Map.of() : Map.copyOf(values);
  }

  /**
   * @param values answer text by question id
   * @return the answers
   */
  public static Answers of(Map<String, String> values) {
    return new Answers(Objects.requireNonNull(values, "values"));
  }

  /** @return no answers */
  public static Answers none() {
    return NONE;
  }

  /**
   * @param questionId a question's id
   * @return its answer, if given
   */
  public Optional<String> get(String questionId) {
    return Optional.ofNullable(values.get(questionId));
  }

  /** @return whether no answer is given */
  public boolean isEmpty() {
    return values.isEmpty();
  }
}
