package dev.vcg.direction;

import dev.vcg.VcgException;
import java.util.List;
import java.util.Objects;

/**
 * A plan could not be made valid: the language model's answer still broke the plan's rules after
 * the allowed repair rounds (or a template or hand-written plan broke them). Carries the raw
 * answer and the problems found, so a caller can show or log them.
 *
 * <p>Not retryable as such: try again with a clearer concept, looser constraints or a stronger
 * model.
 */
public class InvalidPlanException extends VcgException {
  private static final long serialVersionUID = 1L;
  private static final int MESSAGE_ERRORS = 6;

  private final String rawOutput;
  private final List<String> errors;
  private final int repairRounds;

  /**
   * Creates the exception.
   *
   * @param what what was being planned, e.g. {@code "The director's plan"}
   * @param rawOutput the last answer that was checked (may be empty, never null)
   * @param errors what is wrong with it, at least one
   * @param repairRounds how many repair rounds were tried
   */
  public InvalidPlanException(String what, String rawOutput, List<String> errors, int repairRounds) {
    super(message(what, errors, repairRounds));
    this.rawOutput = Objects.requireNonNull(rawOutput, "rawOutput");
    this.errors = List.copyOf(errors);
    this.repairRounds = repairRounds;
  }

  private static String message(String what, List<String> errors, int rounds) {
    StringBuilder sb = new StringBuilder(Objects.requireNonNull(what, "what")).append(" is invalid");
    if (rounds > 0) {
      sb.append(" after ").append(rounds).append(rounds == 1 ? " repair round" : " repair rounds");
    }
    sb.append(": ");
    List<String> shown = errors.subList(0, Math.min(MESSAGE_ERRORS, errors.size()));
    sb.append(String.join("; ", shown));
    if (errors.size() > shown.size()) {
      sb.append("; and ").append(errors.size() - shown.size()).append(" more");
    }
    return sb.append(". Try again, simplify the concept, loosen the constraints or choose a stronger model.")
        .toString();
  }

  /** @return the last answer that was checked, as the model wrote it */
  public String rawOutput() {
    return rawOutput;
  }

  /** @return what is wrong with it */
  public List<String> errors() {
    return errors;
  }

  /** @return how many repair rounds were tried before giving up */
  public int repairRounds() {
    return repairRounds;
  }
}
