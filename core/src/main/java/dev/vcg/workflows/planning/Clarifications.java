package dev.vcg.workflows.planning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.vcg.internal.Json;
import dev.vcg.routing.Clarification;
import dev.vcg.routing.InvalidAnswersException;
import dev.vcg.routing.Question;
import dev.vcg.workflow.RunOutcome;
import dev.vcg.workflow.RunStatus;
import dev.vcg.workflow.Suspension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The clarification questions of an {@code INTERACTIVE} run, as its {@link Suspension} carries
 * them, and the answers' check.
 *
 * <p>The run suspends with one {@link Suspension.Question} per typed {@link Question} (choices: a
 * select question's options, {@code yes}/{@code no} for a yes/no question) and these attributes:
 * <ul>
 *   <li>{@value #QUESTIONS} — the typed questions as JSON (id, question, type, options, required,
 *       follow-up);</li>
 *   <li>{@value #PROBLEMS} — only when answers given to resume the run were rejected: what was
 *       wrong, one problem per line. The run then waits again with the same questions; nothing is
 *       lost.</li>
 * </ul>
 *
 * <pre>{@code
 * RunOutcome o = engine.resume(runId, Answers.of(answers)).result().join();
 * Clarifications.rejection(o).ifPresent(e -> { throw e; });   // InvalidAnswersException; answer again
 * }</pre>
 *
 * <p>Thread-safe (stateless).
 */
public final class Clarifications {
  /** The attribute holding the typed questions as JSON. */
  public static final String QUESTIONS = "questions";
  /** The attribute holding why the last answers were rejected, one problem per line. */
  public static final String PROBLEMS = "problems";
  /** The message of the suspension. */
  public static final String MESSAGE = "I need some more information to create the right video for you.";

  private Clarifications() {
  }

  /**
   * The suspension that asks the questions.
   *
   * @param questions the typed questions
   * @param problems why earlier answers were rejected, or empty
   * @return the suspension
   */
  public static Suspension suspension(List<Question> questions, List<String> problems) {
    Objects.requireNonNull(questions, "questions");
    Objects.requireNonNull(problems, "problems");
    List<Suspension.Question> asked = new ArrayList<>();
    for (Question q : questions) {
      List<String> choices = switch (q.type()) {
        case SELECT -> q.options();
        case BOOLEAN -> List.of("yes", "no");
        case TEXT -> List.of();
      };
      asked.add(new Suspension.Question(q.id(), q.question(), choices));
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    try {
      attributes.put(QUESTIONS, Json.mapper().writeValueAsString(questions));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("questions cannot be written as JSON", e);
    }
    String message = MESSAGE;
    if (!problems.isEmpty()) {
      attributes.put(PROBLEMS, String.join("\n", problems));
      message = "The answers cannot be used: " + String.join("; ", problems) + ". Please answer again.";
    }
    return new Suspension(message, asked, attributes);
  }

  /**
   * The typed questions a suspension asks.
   *
   * @param suspension a suspension of an {@code INTERACTIVE} run
   * @return its questions; empty if it carries none
   */
  public static List<Question> questions(Suspension suspension) {
    String json = Objects.requireNonNull(suspension, "suspension").attributes().get(QUESTIONS);
    if (json == null) {
      return List.of();
    }
    try {
      return List.copyOf(Json.mapper().readValue(json, new TypeReference<List<Question>>() { }));
    } catch (JsonProcessingException e) {
      return List.of();
    }
  }

  /**
   * Checks answers before resuming a run, so the caller hears at once what is wrong.
   *
   * @param suspension the run's suspension
   * @param answers the answers by question id
   * @throws InvalidAnswersException listing every problem (a required answer missing, a question
   *     not asked, a choice not among the options, a yes/no answer that is neither)
   */
  public static void validate(Suspension suspension, Map<String, String> answers) {
    Clarification.validate(questions(suspension), answers);
  }

  /**
   * Whether a resumed run rejected its answers: it waits again, with the problems attached.
   *
   * @param outcome the outcome of a resumed run
   * @return the exception to report, if the answers were rejected
   */
  public static Optional<InvalidAnswersException> rejection(RunOutcome outcome) {
    Objects.requireNonNull(outcome, "outcome");
    if (outcome.status() != RunStatus.SUSPENDED) {
      return Optional.empty();
    }
    return outcome.suspension().map(s -> s.attributes().get(PROBLEMS)).filter(p -> !p.isBlank())
        .map(p -> new InvalidAnswersException(Arrays.asList(p.split("\n"))));
  }
}
