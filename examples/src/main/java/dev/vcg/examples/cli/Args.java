package dev.vcg.examples.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed command line: positional arguments, options with values ({@code -o x},
 * {@code --name x}, {@code --name=x}) and flags. Unknown options are usage errors; {@code --}
 * ends options.
 */
public final class Args {
  private final List<String> positional;
  private final Map<String, String> values;
  private final Set<String> flags;

  private Args(List<String> positional, Map<String, String> values, Set<String> flags) {
    this.positional = Collections.unmodifiableList(positional);
    this.values = Collections.unmodifiableMap(values);
    this.flags = Collections.unmodifiableSet(flags);
  }

  /**
   * @param words the words after the command
   * @param valueOptions options that take a value
   * @param flagOptions options that take none
   * @return the parsed arguments
   * @throws UsageException for an unknown option, a missing value, or an option given twice
   */
  public static Args parse(List<String> words, Set<String> valueOptions, Set<String> flagOptions) {
    List<String> positional = new ArrayList<>();
    Map<String, String> values = new LinkedHashMap<>();
    Set<String> flags = new LinkedHashSet<>();
    boolean optionsEnded = false;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (optionsEnded || !w.startsWith("-") || w.equals("-")) {
        positional.add(w);
        continue;
      }
      if (w.equals("--")) {
        optionsEnded = true;
        continue;
      }
      String name = w;
      String value = null;
      int eq = w.indexOf('=');
      if (w.startsWith("--") && eq > 0) {
        name = w.substring(0, eq);
        value = w.substring(eq + 1);
      }
      if (valueOptions.contains(name)) {
        if (value == null) {
          if (i + 1 >= words.size()) {
            throw new UsageException("option " + name + " needs a value");
          }
          value = words.get(++i);
        }
        if (values.put(name, value) != null) {
          throw new UsageException("option " + name + " is given twice");
        }
      } else if (flagOptions.contains(name) && value == null) {
        flags.add(name);
      } else {
        throw new UsageException("unknown option " + name);
      }
    }
    return new Args(positional, values, flags);
  }

  /** @return the positional arguments in order */
  public List<String> positional() {
    return positional;
  }

  /**
   * @param name an option, e.g. {@code -o}
   * @return its value, if given
   */
  public Optional<String> value(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /**
   * @param name an option
   * @param what how to describe it in the error
   * @return its value
   * @throws UsageException if absent
   */
  public String require(String name, String what) {
    return value(name).orElseThrow(() -> new UsageException("missing " + name + " " + what));
  }

  /**
   * @param name a flag, e.g. {@code --plan-only}
   * @return whether given
   */
  public boolean flag(String name) {
    return flags.contains(name);
  }

  /**
   * Reads a number option.
   *
   * @param name the option
   * @param min smallest allowed
   * @param max largest allowed
   * @return the value, if given
   * @throws UsageException if not a number in range
   */
  public Optional<Double> number(String name, double min, double max) {
    Optional<String> v = value(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    double d;
    try {
      d = Double.parseDouble(v.get().strip());
    } catch (NumberFormatException e) {
      throw new UsageException(name + " must be a number, got '" + v.get() + "'");
    }
    if (!(d >= min && d <= max)) {
      throw new UsageException(name + " must be within " + fmt(min) + ".." + fmt(max) + ", got " + v.get());
    }
    return Optional.of(d);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
