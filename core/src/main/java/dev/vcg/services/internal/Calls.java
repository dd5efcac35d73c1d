package dev.vcg.services.internal;

import dev.vcg.cost.CostEntry;
import dev.vcg.cost.CostLedger;
import dev.vcg.cost.Money;
import dev.vcg.cost.PriceBook;
import dev.vcg.provider.OutcomeUnknownException;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.TokenUsage;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/** Paid calls against a run's ledger: reserve the estimate, call, record what it cost. */
public final class Calls {
  /** The suffix of the label of a cost entry for a result served from the cache. */
  public static final String CACHE_HIT = " (cache hit)";

  private Calls() {
  }

  /** Who is called and how much it is expected to cost. */
  public record Payee(String providerId, String model, ProviderKind kind, Money estimate) {
    /** Validates. */
    public Payee {
      Objects.requireNonNull(providerId, "providerId");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(estimate, "estimate");
    }
  }

  /**
   * Reserves the estimate, makes the call and records its cost: the provider's figure when it
   * reports one ({@code reported}), else the price-book figure ({@code computed}), else the
   * estimate. A call that fails costs nothing, unless its outcome is unknown (it may have been
   * billed): then the estimate is recorded.
   *
   * @throws dev.vcg.cost.BudgetExceededException if the estimate does not fit the budget (no call is made)
   */
  public static <T> Paid<T> pay(CostLedger ledger, Clock clock, Payee payee, String label, Supplier<T> call,
                          Function<T, Money> reported, Function<T, Money> computed, Function<T, String> modelUsed) {
    CostLedger.Reservation r = ledger.reserve(payee.estimate(), label + " (" + payee.providerId() + "/"
        + payee.model() + ")");
    T result;
    try {
      result = call.get();
    } catch (OutcomeUnknownException e) {
      r.settle(payee.providerId(), payee.model(), payee.kind(), null, label + " (outcome unknown)", clock.instant());
      throw e;
    } catch (RuntimeException | Error e) {
      r.release();
      throw e;
    }
    String model = modelUsed == null ? null : modelUsed.apply(result);
    model = model == null || model.isBlank() ? payee.model() : model;
    Money actual = reported == null ? null : reported.apply(result);
    if (actual != null) {
      return new Paid<>(result, r.settle(payee.providerId(), model, payee.kind(), actual, label, clock.instant()));
    }
    Money c = computed == null ? null : computed.apply(result);
    r.release();
    CostEntry e = new CostEntry(clock.instant(), payee.providerId(), model, payee.kind(),
        c == null ? payee.estimate() : c, false, label);
    ledger.record(e);
    return new Paid<>(result, e);
  }

  /** A call's result and the cost entry recorded for it. */
  public record Paid<T>(T result, CostEntry cost) {
  }

  /** Records that a result came from the cache: a zero cost entry labelled as a cache hit. */
  public static CostEntry cacheHit(CostLedger ledger, Clock clock, String providerId, String model, ProviderKind kind,
                                   String label) {
    CostEntry e = new CostEntry(clock.instant(), providerId, model, kind, Money.ZERO, false, label + CACHE_HIT);
    ledger.record(e);
    return e;
  }

  /** @return whether a cost entry records a cache hit */
  public static boolean isCacheHit(CostEntry entry) {
    return entry.label().endsWith(CACHE_HIT) && entry.amount().isZero();
  }

  /** The price of tokens, zero when the model's price is unknown. */
  public static Money tokens(PriceBook prices, String providerId, String model, TokenUsage usage) {
    return prices.find(providerId, model).map(p -> p.forTokens(usage)).orElse(Money.ZERO);
  }

  /** The text cut to {@code max} characters with an ellipsis. */
  public static String abbreviate(String s, int max) {
    if (s == null) {
      return "";
    }
    String t = s.strip();
    return t.length() <= max ? t : t.substring(0, Math.max(1, max - 1)).strip() + "…";
  }
}
