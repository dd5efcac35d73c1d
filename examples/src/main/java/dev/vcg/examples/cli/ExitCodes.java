package dev.vcg.examples.cli;

import dev.vcg.InvalidInputException;
import dev.vcg.cost.BudgetExceededException;
import dev.vcg.direction.InvalidPlanException;
import dev.vcg.media.MediaException;
import dev.vcg.provider.ProviderException;

/**
 * The exit codes scripts rely on, and the one place that maps failures to them:
 * 0 success, 2 usage error, 3 invalid input (unreadable or unsupported media, refused URL,
 * invalid plan), 4 provider failure, 5 budget exceeded, 1 anything else.
 */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** Anything not listed below. */
  public static final int FAILURE = 1;
  /** Wrong command line. */
  public static final int USAGE = 2;
  /** Unreadable or unsupported input. */
  public static final int INVALID_INPUT = 3;
  /** An AI provider failed. */
  public static final int PROVIDER = 4;
  /** The budget would be exceeded. */
  public static final int BUDGET = 5;

  private ExitCodes() {
  }

  /**
   * @param failure what went wrong
   * @return its exit code
   */
  public static int of(Throwable failure) {
    if (failure instanceof UsageException) {
      return USAGE;
    }
    if (failure instanceof BudgetExceededException) {
      return BUDGET;
    }
    if (failure instanceof ProviderException) {
      return PROVIDER;
    }
    if (failure instanceof InvalidInputException || failure instanceof InvalidPlanException) {
      return INVALID_INPUT;
    }
    if (failure instanceof MediaException m) {
      return m.reason().isInputProblem() ? INVALID_INPUT : FAILURE;
    }
    return FAILURE;
  }
}
