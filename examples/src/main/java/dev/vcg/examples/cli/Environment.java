package dev.vcg.examples.cli;

import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where the commands read provider keys and settings: environment variables and system
 * properties (tests pass maps instead of the process's own).
 *
 * @param variables environment lookup, null when unset
 * @param properties system-property lookup, null when unset
 */
record Environment(UnaryOperator<String> variables, UnaryOperator<String> properties) {
  Environment {
    Objects.requireNonNull(variables, "variables");
    Objects.requireNonNull(properties, "properties");
  }

  /** @return this process's environment and system properties */
  static Environment system() {
    return new Environment(System::getenv, System::getProperty);
  }

  /**
   * @param variables environment variables
   * @return those variables and no system properties
   */
  static Environment of(Map<String, String> variables) {
    Map<String, String> copy = Map.copyOf(variables);
    return new Environment(copy::get, k -> null);
  }
}
