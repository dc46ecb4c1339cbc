package io.corridor.formats;

import io.corridor.core.InvalidInputException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens input files, standard input for the path {@code -}, and turns I/O failures into messages
 * that name the file; also the one place that tells where a file's content starts.
 */
final class SourceFiles {
  /** The path that stands for standard input. */
  static final String STDIN = "-";

  private SourceFiles() {}

  /** Returns true if {@code file} is {@code -}, standard input. */
  static boolean isStdin(Path file) {
    return file.toString().equals(STDIN);
  }

  /** Returns the name of a file as the user gave it, or "standard input", for messages. */
  static String name(Path file) {
    return isStdin(file) ? "standard input" : file.toString();
  }

  /**
   * Opens {@code file} (standard input for {@code -}, which closing the stream leaves open) once,
   * after checking that it is a readable file that is not a directory.
   */
  static InputStream open(Path file) {
    if (isStdin(file)) {
      return new FilterInputStream(System.in) {
        @Override
        public void close() {
          // Standard input belongs to the process, not to this reader.
        }
      };
    }
    if (file.toString().isEmpty()) {
      throw new InvalidInputException("the file name is empty");
    }
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(name(file) + ": is a directory, not a file");
    }
    try {
      return new FilterInputStream(Files.newInputStream(file)) {
        @Override
        public int available() {
          // A file channel's available() seeks, which a pipe (/dev/stdin, <(...)) cannot.
          try {
            return super.available();
          } catch (IOException e) {
            return 0;
          }
        }
      };
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * Returns the whole content of {@code file} (standard input for {@code -}), refusing one larger
   * than {@code limitBytes} rather than running out of memory.
   */
  static byte[] readAll(Path file, int limitBytes) {
    try (InputStream in = open(file)) {
      byte[] content = in.readNBytes(limitBytes);
      if (content.length == limitBytes && in.read() >= 0) {
        throw new InvalidInputException(name(file) + ": is larger than " + (limitBytes >> 20)
            + " MiB, the most that is read");
      }
      return content;
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** Returns an exception saying that {@code file} could not be read, and why. */
  static InvalidInputException unreadable(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new InvalidInputException(name(file) + ": no such file", e);
    }
    if (e instanceof AccessDeniedException) {
      return new InvalidInputException(name(file) + ": cannot be read (permission denied)", e);
    }
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new InvalidInputException(name(file) + ": cannot be read: " + why, e);
  }

  /**
   * Returns the index of the first byte of {@code content[0, end)} that is neither a UTF-8
   * byte-order mark (at the start) nor whitespace (space, tab, CR, LF): where the content starts.
   */
  static int contentStart(byte[] content, int end) {
    int i = 0;
    if (end >= 3
        && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB && (content[2] & 0xff) == 0xBF) {
      i = 3;
    }
    while (i < end && isSpace(content[i])) {
      i++;
    }
    return i;
  }

  /** Returns the index just past the last byte of {@code content[start, end)} that is not whitespace. */
  static int contentEnd(byte[] content, int start, int end) {
    while (end > start && isSpace(content[end - 1])) {
      end--;
    }
    return end;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }
}
