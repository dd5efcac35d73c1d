package dev.vcg.cost;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.vcg.provider.ProviderKind;
import java.time.Instant;
import java.util.Objects;

/**
 * One paid (or free) call in a {@link CostLedger}.
 *
 * @param at when it was recorded
 * @param providerId who was paid
 * @param model which model
 * @param kind what for
 * @param amount how much
 * @param actual whether the provider reported the amount (true) or it was estimated from a price
 *     book (false)
 * @param label what it was for, e.g. {@code shot-3/start-frame}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CostEntry(Instant at, String providerId, String model, ProviderKind kind, Money amount,
                        boolean actual, String label) {
  /** Validates. */
  public CostEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(label, "label");
  }
}
