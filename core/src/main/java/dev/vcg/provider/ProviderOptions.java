package dev.vcg.provider;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reading of the provider-specific options of a {@link ProviderConfig} (text, field names,
 * booleans, bounded numbers and durations, integer lists), for provider implementations. Invalid
 * values fail with an {@link IllegalStateException} naming the option, so that a provider fails
 * when it is built rather than on its first call. Immutable and thread-safe.
 *
 * <pre>{@code
 * ProviderOptions o = new ProviderOptions(config.options());
 * Duration poll = o.duration("pollInterval", Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(1));
 * }</pre>
 */
public final class ProviderOptions {
  private final Map<String, String> values;

  /** @param values the config's options */
  public ProviderOptions(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /**
   * @param name option name
   * @return the trimmed value, if set and not blank
   */
  public Optional<String> text(String name) {
    String v = values.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  /**
   * A field name; {@code none} means "do not send this field".
   *
   * @param name option name
   * @return empty when unset, {@code Optional.of("")} for {@code none}, else the field name
   */
  public Optional<String> field(String name) {
    return text(name).map(v -> {
      if (v.equalsIgnoreCase("none")) {
        return "";
      }
      if (!v.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalStateException("option " + name + " must be a JSON field name or 'none': " + v);
      }
      return v;
    });
  }

  /**
   * @param name option name
   * @param fallback value when unset
   * @return the boolean
   */
  public boolean bool(String name, boolean fallback) {
    Optional<String> v = text(name);
    if (v.isEmpty()) {
      return fallback;
    }
    String s = v.get().toLowerCase(Locale.ROOT);
    if (s.equals("true")) {
      return true;
    }
    if (s.equals("false")) {
      return false;
    }
    throw new IllegalStateException("option " + name + " must be true or false: " + v.get());
  }

  /**
   * @param name option name
   * @param fallback value when unset
   * @param min smallest allowed
   * @param max largest allowed
   * @return the number
   */
  public long number(String name, long fallback, long min, long max) {
    Optional<String> v = text(name);
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v.get());
      if (n < min || n > max) {
        throw new IllegalStateException("option " + name + " must be within " + min + ".." + max + ": " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalStateException("option " + name + " must be a whole number: " + v.get(), e);
    }
  }

  /**
   * A duration written as ISO-8601 ({@code PT5S}), or a number with {@code ms}, {@code s} or
   * {@code m} ({@code 500ms}, {@code 5s}, {@code 2m}); a bare number is seconds.
   *
   * @param name option name
   * @param fallback value when unset
   * @param min shortest allowed
   * @param max longest allowed
   * @return the duration
   */
  public Duration duration(String name, Duration fallback, Duration min, Duration max) {
    Optional<String> v = text(name);
    if (v.isEmpty()) {
      return fallback;
    }
    Duration d = parseDuration(name, v.get());
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new IllegalStateException("option " + name + " must be within " + min + ".." + max + ": " + v.get());
    }
    return d;
  }

  /**
   * A comma-separated list of whole numbers, e.g. {@code 5,10} or a range {@code 3-15}.
   *
   * @param name option name
   * @return the numbers, if set
   */
  public Optional<int[]> integers(String name) {
    Optional<String> v = text(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    List<Integer> out = new ArrayList<>();
    try {
      for (String part : v.get().split(",")) {
        String p = part.strip();
        int dash = p.indexOf('-', 1);
        if (dash > 0) {
          int from = Integer.parseInt(p.substring(0, dash).strip());
          int to = Integer.parseInt(p.substring(dash + 1).strip());
          if (to < from || to - from > 600) {
            throw new NumberFormatException(p);
          }
          for (int i = from; i <= to; i++) {
            out.add(i);
          }
        } else {
          out.add(Integer.parseInt(p));
        }
      }
    } catch (NumberFormatException e) {
      throw new IllegalStateException("option " + name + " must be numbers like '5,10' or '3-15': " + v.get(), e);
    }
    if (out.stream().anyMatch(i -> i <= 0)) {
      throw new IllegalStateException("option " + name + " must hold positive numbers: " + v.get());
    }
    return Optional.of(out.stream().mapToInt(Integer::intValue).toArray());
  }

  static Duration parseDuration(String name, String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (s.startsWith("pt") || s.startsWith("p")) {
        return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
      }
      if (s.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).strip()));
      }
      if (s.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1).strip()) * 1000));
      }
      if (s.endsWith("m")) {
        return Duration.ofSeconds(Math.round(Double.parseDouble(s.substring(0, s.length() - 1).strip()) * 60));
      }
      return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalStateException("option " + name + " must be a duration like 5s, 500ms, 2m or PT5S: " + text, e);
    }
  }
}
