package io.corridor.cli;

import io.corridor.core.InvalidInputException;
import io.corridor.importer.ImportException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code corridor} command: the entry point that dispatches to its subcommands. Exit status 0
 * on success, 2 for invalid input or usage (with a message naming the file, line or field at
 * fault), 1 for anything unexpected.
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
    CommandLine cli = new CommandLine(new CorridorCommand());
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof InvalidInputException || e instanceof ImportException) {
            commandLine.getErr().println("corridor: " + e.getMessage());
            return EXIT_INVALID_INPUT;
          }
          throw e;
        });
    return cli.execute(args);
  }
}
