package dev.vcg.examples.cli;

import dev.vcg.VcgException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code vcg} command line: {@code vcg <command> [arguments]}. Each command is one class
 * implementing {@link Command}, listed in {@link #COMMANDS}. Results go to stdout; progress and
 * messages to stderr. Exit codes are those of {@link ExitCodes}.
 */
public final class Vcg {
  /** The commands, in the order the usage lists them. Add new commands here. */
  static final List<Command> COMMANDS = commands(Environment.system());

  private Vcg() {
  }

  /** The commands, reading provider keys and settings from {@code env}. */
  static List<Command> commands(Environment env) {
    return List.of(
        new CreateCommand(env),
        new PlanCommand(env),
        new ProvidersCommand(env),
        new StitchCommand(),
        new ThumbnailCommand(),
        new ServeCommand());
  }

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    int code = run(args, new Io(System.out, System.err, System.console() != null));
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  /**
   * Runs the command line in this process (tests and embedding).
   *
   * @param args the arguments
   * @param out standard output
   * @param err standard error
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, new Io(out, err, false));
  }

  static int run(String[] args, Io io) {
    return run(args, io, COMMANDS);
  }

  static int run(String[] args, Io io, List<Command> commands) {
    Map<String, Command> byName = new LinkedHashMap<>();
    for (Command c : commands) {
      byName.put(c.name(), c);
    }
    if (args.length == 0) {
      io.err().print(usage(commands));
      return ExitCodes.USAGE;
    }
    String word = args[0];
    if (word.equals("--help") || word.equals("-h") || word.equals("help")) {
      if (args.length > 1 && byName.containsKey(args[1])) {
        io.out().print(byName.get(args[1]).usage());
      } else {
        io.out().print(usage(commands));
      }
      return ExitCodes.OK;
    }
    Command command = byName.get(word);
    if (command == null) {
      io.err().println("vcg: unknown command '" + word + "'");
      io.err().print(usage(commands));
      return ExitCodes.USAGE;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    if (rest.contains("--help") || rest.contains("-h")) {
      io.out().print(command.usage());
      return ExitCodes.OK;
    }
    try {
      Args parsed = Args.parse(rest, command.valueOptions(), command.flagOptions());
      return command.run(parsed, io);
    } catch (UsageException e) {
      io.err().println("vcg " + command.name() + ": " + e.getMessage());
      io.err().print(command.usage());
      return ExitCodes.USAGE;
    } catch (VcgException e) {
      io.err().println("vcg " + command.name() + ": " + e.getMessage());
      return ExitCodes.of(e);
    } catch (RuntimeException e) {
      io.err().println("vcg " + command.name() + ": unexpected failure: " + e);
      return ExitCodes.FAILURE;
    }
  }

  static String usage(List<Command> commands) {
    StringBuilder b = new StringBuilder("usage: vcg <command> [arguments]\n\ncommands:\n");
    for (Command c : commands) {
      b.append(String.format("  %-10s %s%n", c.name(), c.summary()));
    }
    b.append("\nvcg <command> --help shows a command's arguments.\n")
        .append("exit codes: 0 ok, 2 usage, 3 invalid input, 4 provider failure, 5 budget exceeded, 1 other\n");
    return b.toString();
  }
}
