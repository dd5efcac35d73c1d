package dev.vcg.cost;

import dev.vcg.VcgException;

/**
 * A call was not made because it would have passed the run's budget. Nothing was paid for it;
 * what was spent before is stated. Raise the budget ({@code maxCost}) or shorten the plan.
 */
public class BudgetExceededException extends VcgException {
  private static final long serialVersionUID = 1L;

  private final transient Money spent;
  private final transient Money cap;
  private final transient Money attempted;

  /**
   * Creates the exception.
   *
   * @param spent what was spent before
   * @param cap the budget
   * @param attempted the estimated cost of the call that was refused
   * @param what the call that was refused
   */
  public BudgetExceededException(Money spent, Money cap, Money attempted, String what) {
    super("Budget exceeded: " + what + " would cost about " + attempted + ", but " + spent
        + " of the " + cap + " budget is already spent. Nothing more was paid. Raise maxCost or shorten the plan.");
    this.spent = spent;
    this.cap = cap;
    this.attempted = attempted;
  }

  /** @return what was spent before the refused call */
  public Money spent() {
    return spent;
  }

  /** @return the budget */
  public Money cap() {
    return cap;
  }

  /** @return the estimated cost of the refused call */
  public Money attempted() {
    return attempted;
  }
}
