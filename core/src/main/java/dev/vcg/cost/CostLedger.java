package dev.vcg.cost;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vcg.provider.ProviderKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The money a run spends, call by call, and its budget. Before each paid call the caller asks
 * {@link #reserve} whether the call fits; a call that would pass the cap is refused with a
 * {@link BudgetExceededException} and is not made. After the call, {@link #settle} records what it
 * really cost (the provider's figure where it reports one).
 *
 * <p>Thread-safe. Serialisable with Jackson, so a checkpointed run keeps its spend.
 */
public final class CostLedger {
  private final Money cap;
  private final List<CostEntry> entries = new ArrayList<>();
  private Money reserved = Money.ZERO;

  /**
   * A ledger with no budget cap.
   */
  public CostLedger() {
    this(null, List.of());
  }

  /**
   * A ledger with a budget.
   *
   * @param cap the most the run may spend, or null for no cap
   */
  public CostLedger(Money cap) {
    this(cap, List.of());
  }

  @JsonCreator
  CostLedger(@JsonProperty("cap") Money cap, @JsonProperty("entries") List<CostEntry> entries) {
    this.cap = cap;
    if (entries != null) {
      this.entries.addAll(entries);
    }
  }

  @JsonProperty("cap")
  private Money capOrNull() {
    return cap;
  }

  /** @return the budget, if any */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public Optional<Money> cap() {
    return Optional.ofNullable(cap);
  }

  /** @return every entry, oldest first (a copy) */
  @JsonProperty("entries")
  public synchronized List<CostEntry> entries() {
    return List.copyOf(entries);
  }

  /** @return the sum of recorded entries */
  public synchronized Money total() {
    Money t = Money.ZERO;
    for (CostEntry e : entries) {
      t = t.plus(e.amount());
    }
    return t;
  }

  /** @return what remains of the budget after recorded and reserved spend, if there is a cap */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public synchronized Optional<Money> remaining() {
    return cap().map(c -> c.minusOrZero(total().plus(reserved)));
  }

  /**
   * Reserves the estimated cost of a call about to be made.
   *
   * @param estimate what the call is expected to cost
   * @param what the call, for the error message
   * @return a reservation to settle or release once the call is done
   * @throws BudgetExceededException if the call would pass the cap; nothing is reserved
   */
  public synchronized Reservation reserve(Money estimate, String what) {
    Objects.requireNonNull(estimate, "estimate");
    Objects.requireNonNull(what, "what");
    Money committed = total().plus(reserved);
    if (cap != null && committed.plus(estimate).isGreaterThan(cap)) {
      throw new BudgetExceededException(total(), cap, estimate, what);
    }
    reserved = reserved.plus(estimate);
    return new Reservation(estimate);
  }

  /**
   * Records a call's cost outside any reservation (e.g. a free call, or an actual cost reported
   * later).
   *
   * @param entry the entry
   */
  public synchronized void record(CostEntry entry) {
    entries.add(Objects.requireNonNull(entry, "entry"));
  }

  /** @return spend per provider id */
  public synchronized Map<String, Money> byProvider() {
    Map<String, Money> m = new TreeMap<>();
    entries.forEach(e -> m.merge(e.providerId(), e.amount(), Money::plus));
    return m;
  }

  /** @return spend per kind */
  public synchronized Map<ProviderKind, Money> byKind() {
    Map<ProviderKind, Money> m = new TreeMap<>();
    entries.forEach(e -> m.merge(e.kind(), e.amount(), Money::plus));
    return m;
  }

  @Override
  public synchronized String toString() {
    return "CostLedger[total=" + total() + ", entries=" + entries.size() + (cap == null ? "" : ", cap=" + cap) + "]";
  }

  /** Money set aside for one call until it is settled or released. Settle or release once. */
  public final class Reservation {
    private final Money estimate;
    private boolean done;

    private Reservation(Money estimate) {
      this.estimate = estimate;
    }

    /** @return the reserved estimate */
    public Money estimate() {
      return estimate;
    }

    /**
     * The call was made: record its cost.
     *
     * @param providerId who was paid
     * @param model which model
     * @param kind what for
     * @param actual the provider-reported cost, or null to record the estimate
     * @param label what it was for
     * @param at when
     * @return the recorded entry
     */
    public CostEntry settle(String providerId, String model, ProviderKind kind, Money actual, String label, Instant at) {
      synchronized (CostLedger.this) {
        finish();
        CostEntry e = new CostEntry(at, providerId, model, kind, actual == null ? estimate : actual, actual != null, label);
        entries.add(e);
        return e;
      }
    }

    /** The call was not made or cost nothing: free the reservation. */
    public void release() {
      synchronized (CostLedger.this) {
        finish();
      }
    }

    private void finish() {
      if (done) {
        throw new IllegalStateException("reservation already settled or released");
      }
      done = true;
      reserved = reserved.minusOrZero(estimate);
    }
  }
}
