package dev.vcg.routing;

import dev.vcg.InvalidInputException;
import java.util.List;

/**
 * Answers to clarification questions cannot be used: a required answer is missing, a choice is
 * not among the options, a yes/no answer is neither. The workflow keeps its state; answer again.
 */
public class InvalidAnswersException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /**
   * @param problems one line per problem
   */
  public InvalidAnswersException(List<String> problems) {
    super("The answers cannot be used: " + String.join("; ", problems)
        + ". Answer again; nothing was lost.");
    this.problems = List.copyOf(problems);
  }

  /** @return one line per problem */
  public List<String> problems() {
    return problems;
  }
}
