package dev.vcg.workflows.generation;

import dev.vcg.cost.BudgetExceededException;
import dev.vcg.cost.CostLedger;
import dev.vcg.cost.Money;
import dev.vcg.provider.OutcomeUnknownException;
import dev.vcg.provider.ProviderKind;
import dev.vcg.workflow.StepContext;
import dev.vcg.workflows.generation.Values.Refusal;
import java.util.Objects;
import java.util.function.Function;

/**
 * The money side of one run's paid calls: reserve the estimate before the call, settle with the
 * provider's figure (or the estimate) after it, release when nothing was paid. A call that would
 * pass the cap is refused: the clip jobs still in flight are counted as spent, the refusal is
 * kept in the run's context, and the step fails with a {@link BudgetExceededException} that
 * ends the run. Thread-safe.
 */
final class Budget {
  private final CostLedger ledger;
  private final ClipCalls clips;

  Budget(CostLedger ledger, ClipCalls clips) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.clips = clips;
  }

  CostLedger ledger() {
    return ledger;
  }

  /**
   * Reserves a call's estimate.
   *
   * @throws BudgetExceededException if the call would pass the cap (the call must not be made)
   */
  CostLedger.Reservation reserve(StepContext ctx, Money estimate, String what) {
    try {
      return ledger.reserve(estimate, what);
    } catch (BudgetExceededException e) {
      throw refuse(ctx, estimate, what);
    }
  }

  private BudgetExceededException refuse(StepContext ctx, Money estimate, String what) {
    if (clips != null) {
      clips.settleInFlight(ctx.now());
    }
    synchronized (ctx.context()) {
      if (ctx.context().get(Keys.REFUSED).isEmpty()) {
        ctx.context().put(Keys.REFUSED, new Refusal(what, estimate));
      }
    }
    Money cap = ledger.cap().orElse(Money.ZERO);
    ctx.decide("stop before " + what, "it would cost about " + estimate + " and " + ledger.total()
        + " of the " + cap + " budget is already spent");
    return new BudgetExceededException(ledger.total(), cap, estimate, what);
  }

  /**
   * Makes one synchronous paid call: reserve, call, settle.
   *
   * @param label what the call is for, e.g. {@code frame-3}
   * @param actual the provider-reported cost of a result, or null
   * @param model the model that served a result
   */
  <T> T pay(StepContext ctx, String label, ProviderKind kind, String providerId, String configuredModel, Money estimate,
            Limiter.Call<T> call, Function<T, Money> actual, Function<T, String> model) {
    ctx.checkCancelled();
    CostLedger.Reservation r = reserve(ctx, estimate, label + " (" + providerId + "/" + configuredModel + ")");
    T result;
    try {
      result = call.call();
    } catch (OutcomeUnknownException e) {
      // It may have been served and billed: count it.
      r.settle(providerId, configuredModel, kind, null, label + " (outcome unknown)", ctx.now());
      throw e;
    } catch (RuntimeException | Error e) {
      r.release();
      throw e;
    }
    String used = model.apply(result);
    r.settle(providerId, used == null ? configuredModel : used, kind, actual.apply(result), label, ctx.now());
    return result;
  }
}
