package dev.vcg.cost;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An amount of US dollars. Exact ({@link BigDecimal}), never negative, kept to 6 decimal
 * places (token prices are fractions of a cent). OpenRouter credits are USD too.
 *
 * @param amount the amount in USD
 */
public record Money(BigDecimal amount) implements Comparable<Money> {
  /** No money. */
  public static final Money ZERO = new Money(BigDecimal.ZERO);
  private static final int SCALE = 6;

  /** Validates and normalises the scale. */
  public Money {
    Objects.requireNonNull(amount, "amount");
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("money cannot be negative: " + amount);
    }
    amount = amount.setScale(SCALE, RoundingMode.HALF_UP);
  }

  /**
   * @param amount a decimal string such as {@code "0.05"}
   * @return the amount
   * @throws IllegalArgumentException if not a non-negative decimal
   */
  public static Money usd(String amount) {
    try {
      return new Money(new BigDecimal(Objects.requireNonNull(amount, "amount").strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an amount of money: '" + amount + "'", e);
    }
  }

  /**
   * @param amount an amount; binary doubles are converted through their decimal string
   * @return the amount
   */
  public static Money usd(double amount) {
    if (!Double.isFinite(amount)) {
      throw new IllegalArgumentException("not an amount of money: " + amount);
    }
    return new Money(BigDecimal.valueOf(amount));
  }

  /**
   * @param amount an amount
   * @return the amount
   */
  @JsonCreator
  public static Money of(BigDecimal amount) {
    return new Money(amount);
  }

  /**
   * @param other another amount
   * @return the sum
   */
  public Money plus(Money other) {
    return new Money(amount.add(other.amount));
  }

  /**
   * @param other another amount
   * @return the difference, floored at zero
   */
  public Money minusOrZero(Money other) {
    BigDecimal d = amount.subtract(other.amount);
    return d.signum() < 0 ? ZERO : new Money(d);
  }

  /**
   * @param factor a non-negative multiplier (e.g. seconds of video)
   * @return the product
   */
  public Money times(double factor) {
    return new Money(amount.multiply(BigDecimal.valueOf(factor)));
  }

  /**
   * @param factor a non-negative multiplier
   * @return the product
   */
  public Money times(long factor) {
    return new Money(amount.multiply(BigDecimal.valueOf(factor)));
  }

  /** @return whether this is zero */
  public boolean isZero() {
    return amount.signum() == 0;
  }

  /**
   * @param other another amount
   * @return whether this is more than the other
   */
  public boolean isGreaterThan(Money other) {
    return compareTo(other) > 0;
  }

  @Override
  public int compareTo(Money o) {
    return amount.compareTo(o.amount);
  }

  /** @return the amount as a plain decimal, for JSON */
  @JsonValue
  public BigDecimal toJson() {
    return amount.stripTrailingZeros().scale() < 0 ? amount.setScale(0) : amount.stripTrailingZeros();
  }

  /** @return e.g. {@code $0.0500} (cents, or 4 places below a cent) */
  @Override
  public String toString() {
    int scale = amount.compareTo(new BigDecimal("0.01")) < 0 && amount.signum() != 0 ? 6 : 4;
    return "$" + amount.setScale(scale, RoundingMode.HALF_UP).toPlainString();
  }
}
