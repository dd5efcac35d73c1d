package dev.vcg.examples.cli;

import java.util.Set;

/**
 * One {@code vcg} subcommand. To add one, implement this interface in its own class and list it
 * in {@link Vcg#COMMANDS}.
 */
public interface Command {
  /** @return the word that selects this command, e.g. {@code stitch} */
  String name();

  /** @return one line for the command list */
  String summary();

  /** @return the full usage text, first line {@code vcg <name> ...} */
  String usage();

  /** @return options that take a value, e.g. {@code -o}, {@code --transition} */
  Set<String> valueOptions();

  /** @return options that take no value, e.g. {@code --plan-only} */
  default Set<String> flagOptions() {
    return Set.of();
  }

  /**
   * Runs the command.
   *
   * @param args the parsed arguments (after the command word)
   * @param io where to write results (stdout) and progress and messages (stderr)
   * @return the exit code, normally {@link ExitCodes#OK}
   * @throws UsageException for a wrong command line (exit 2)
   * @throws RuntimeException any library exception; {@link ExitCodes} maps it to an exit code
   */
  int run(Args args, Io io);
}
