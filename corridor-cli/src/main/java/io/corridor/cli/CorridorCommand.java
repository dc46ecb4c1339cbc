package io.corridor.cli;

import io.corridor.core.InvalidInputException;
import io.corridor.importer.ImportException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code corridor} command: the entry point that dispatches to its subcommands. Exit status 0
 * on success, 2 for invalid input or usage (with a message naming the file, line or field at
 * fault), 1 when an output cannot be written or anything unexpected happens.
 *
 * <p>Every message goes through {@link #report}, the one place that makes it printable: control
 * characters escaped, length capped, no stack trace.
 */
@Command(
    name = "corridor",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Search along a route: the locations within a radius of a polyline, exact on the sphere.",
    subcommands = {FilterCommand.class, ImportCommand.class, SearchCommand.class,
        ServeCommand.class, JoinCommand.class, GenerateCommand.class, CommandLine.HelpCommand.class})
public final class CorridorCommand {
  /** Exit status for input that breaks the contract, as for usage errors. */
  public static final int EXIT_INVALID_INPUT = 2;

  /** Exit status when an output cannot be written (a full disk, a closed pipe). */
  public static final int EXIT_OUTPUT_FAILED = 1;

  /** Where the subcommands write their results: standard output, or a test's stream. */
  private PrintStream out = System.out;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status, for tests and embedding. */
  public static int run(String... args) {
    return run(new PrintWriter(System.err, true), args);
  }

  /** Runs the command line with errors written to {@code err}, and returns its exit status. */
  public static int run(PrintWriter err, String... args) {
    return run(System.out, err, args);
  }

  /**
   * Runs the command line with results written to {@code out} and errors to {@code err}, and
   * returns its exit status.
   */
  public static int run(PrintStream out, PrintWriter err, String... args) {
    CorridorCommand root = new CorridorCommand();
    root.out = out;
    CommandLine cli = new CommandLine(root);
    cli.setErr(err);
    cli.setParameterExceptionHandler((e, given) -> {
      CommandLine command = e.getCommandLine();
      report(command.getErr(), e.getMessage()
          + " (see " + command.getCommandSpec().qualifiedName() + " --help)");
      return EXIT_INVALID_INPUT;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter errors = commandLine.getErr();
      if (e instanceof InvalidInputException || e instanceof ImportException) {
        report(errors, e.getMessage());
        return EXIT_INVALID_INPUT;
      }
      if (e instanceof IOException || e instanceof UncheckedIOException) {
        report(errors, e.getMessage());
        return EXIT_OUTPUT_FAILED;
      }
      throw e;
    });
    return cli.execute(args);
  }

  /** Returns the stream the subcommands write their results to. */
  PrintStream out() {
    return out;
  }

  /** Prints one message to {@code err}, made printable. */
  static void report(PrintWriter err, String message) {
    err.println("corridor: " + InvalidInputException.printable(message));
    err.flush();
  }
}
