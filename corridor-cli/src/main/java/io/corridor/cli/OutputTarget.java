package io.corridor.cli;

import io.corridor.core.AtomicFiles;
import io.corridor.core.InvalidInputException;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one output path of the commands: a file written atomically through {@link AtomicFiles}
 * (which refuses devices, directories, read-only files and missing folders, and writes through a
 * symbolic link keeping the file's mode), never one of the command's own inputs; or standard
 * output, whose write errors (a full disk, a closed pipe) end the command instead of being lost.
 */
final class OutputTarget {
  private OutputTarget() {}

  /**
   * Checks that {@code target}, given as {@code option}, can be written and is none of
   * {@code inputs} (the same file by any name, link or path).
   *
   * @throws InvalidInputException naming the option and what is wrong
   */
  static void check(String option, Path target, Path... inputs) {
    Path real;
    try {
      real = AtomicFiles.checkTarget(target);
    } catch (InvalidInputException e) {
      throw e.at(option);
    }
    for (Path input : inputs) {
      if (input == null || input.toString().equals("-") || !Files.exists(real)
          || !Files.exists(input)) {
        continue;
      }
      try {
        if (Files.isSameFile(real, input)) {
          throw new InvalidInputException(option + ": " + target + " is also an input of this"
              + " command (" + input + "): write the output to another file");
        }
      } catch (IOException e) {
        // An input that cannot be compared cannot be read either; its reader will say so.
      }
    }
  }

  /** Writes {@code content} to {@code target} atomically, naming {@code option} in a refusal. */
  static void write(String option, Path target, AtomicFiles.StreamContent content)
      throws IOException {
    try {
      AtomicFiles.checkTarget(target);
    } catch (InvalidInputException e) {
      throw e.at(option);
    }
    AtomicFiles.write(target, content);
  }

  /**
   * Writes {@code content} to {@code stdout}, failing with an {@link IOException} as soon as the
   * stream reports an error: a {@link PrintStream} only records its errors.
   */
  static void writeStdout(PrintStream stdout, AtomicFiles.StreamContent content) throws IOException {
    OutputStream checked = new FilterOutputStream(stdout) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        stdout.write(b, off, len);
        check();
      }

      @Override
      public void write(int b) throws IOException {
        stdout.write(b);
        check();
      }

      @Override
      public void flush() throws IOException {
        check();
      }

      private void check() throws IOException {
        if (stdout.checkError()) {
          throw new IOException("standard output cannot be written (a full disk or a closed"
              + " pipe?): the output is incomplete");
        }
      }
    };
    OutputStream buffered = new BufferedOutputStream(checked, 1 << 16);
    content.writeTo(buffered);
    buffered.flush();
  }
}
