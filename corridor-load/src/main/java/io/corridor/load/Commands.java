package io.corridor.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** Runs the module's commands with one error policy: a bad input or file is a message and exit 2, not a trace. */
final class Commands {
  private Commands() {}

  /** Runs {@code command} on {@code args} and exits with its status. */
  static void exit(Object command, String[] args) {
    CommandLine line = new CommandLine(command);
    line.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof IllegalArgumentException || e instanceof IOException || e instanceof UncheckedIOException) {
        cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
        return 2;
      }
      throw e;
    });
    System.exit(line.execute(args));
  }
}
