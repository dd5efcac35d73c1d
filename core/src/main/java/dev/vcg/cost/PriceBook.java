package dev.vcg.cost;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Prices per provider and model, for estimates made before anything is paid. Providers publish
 * their list prices through their factories; callers may override them with their own rates.
 * Lookups fall back from {@code provider/model} to the provider's default ({@code provider/*}).
 *
 * <p>Immutable and thread-safe.
 */
public final class PriceBook {
  /** A book with no prices: everything looks free. */
  public static final PriceBook EMPTY = new PriceBook(Map.of());

  private final Map<String, Price> prices;

  private PriceBook(Map<String, Price> prices) {
    this.prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The price of a model, or of the provider's default when the model is not listed.
   *
   * @param providerId the provider
   * @param model the model id
   * @return the price, if known
   */
  public Optional<Price> find(String providerId, String model) {
    Price p = prices.get(key(providerId, model));
    return Optional.ofNullable(p != null ? p : prices.get(key(providerId, "*")));
  }

  /**
   * @param providerId the provider
   * @param model the model id
   * @return the price, or {@link Price#FREE} when unknown
   */
  public Price priceOf(String providerId, String model) {
    return find(providerId, model).orElse(Price.FREE);
  }

  /**
   * @param other prices that win over this book's
   * @return a book holding both
   */
  public PriceBook with(PriceBook other) {
    Map<String, Price> merged = new LinkedHashMap<>(prices);
    merged.putAll(other.prices);
    return new PriceBook(merged);
  }

  /** @return every entry, keyed {@code provider/model} */
  public Map<String, Price> entries() {
    return prices;
  }

  private static String key(String providerId, String model) {
    return Objects.requireNonNull(providerId, "providerId") + "/" + Objects.requireNonNull(model, "model");
  }

  @Override
  public String toString() {
    return "PriceBook" + prices.keySet();
  }

  /** Builds a {@link PriceBook}. */
  public static final class Builder {
    private final Map<String, Price> prices = new LinkedHashMap<>();

    private Builder() {
    }

    /**
     * @param providerId the provider
     * @param model the model id, or {@code *} for the provider's default
     * @param price its price
     * @return this builder
     */
    public Builder price(String providerId, String model, Price price) {
      prices.put(key(providerId, model), Objects.requireNonNull(price, "price"));
      return this;
    }

    /** @return the book */
    public PriceBook build() {
      return new PriceBook(prices);
    }
  }
}
