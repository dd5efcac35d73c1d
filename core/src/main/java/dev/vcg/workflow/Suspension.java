package dev.vcg.workflow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Why a run stopped to wait for the user: a message and the questions to answer. A step suspends
 * the run with {@link StepContext#suspend(Suspension)}; the run ends {@link RunStatus#SUSPENDED},
 * is checkpointed, and {@link WorkflowEngine#resume(String, Answers)} runs the same step again
 * with the answers available from {@link StepContext#answers()}.
 *
 * @param message what is needed and why, for the user
 * @param questions the questions; may be empty
 * @param attributes extra JSON-friendly details for the caller (e.g. a question schema); never
 *     secrets
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Suspension(String message, List<Question> questions, Map<String, String> attributes) {
  /** Validates and copies. */
  public Suspension {
    Objects.requireNonNull(message, "message");
    questions = questions == null ? List.of() : List.copyOf(questions);
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /**
   * @param message what is needed and why
   * @param questions the questions
   * @return the suspension
   */
  public static Suspension of(String message, Question... questions) {
    return new Suspension(message, List.of(questions), Map.of());
  }

  /**
   * One question for the user.
   *
   * @param id the stable id its answer is given under (see {@link Answers})
   * @param text the question
   * @param choices the allowed answers, or empty for free text
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Question(String id, String text, List<String> choices) {
    /** Validates and copies. */
    public Question {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(text, "text");
      if (id.isBlank()) {
        throw new IllegalArgumentException("question id is blank");
      }
      choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /**
     * @param id the answer's id
     * @param text the question
     * @param choices the allowed answers, or none for free text
     * @return the question
     */
    public static Question of(String id, String text, String... choices) {
      return new Question(id, text, List.of(choices));
    }
  }
}
