package io.corridor.formats;

import io.corridor.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens input files and turns I/O failures into messages that name the file. */
final class SourceFiles {
  private SourceFiles() {}

  /** Returns the name of a file as the user gave it, for messages. */
  static String name(Path file) {
    return file.toString();
  }

  /** Checks that {@code file} is a readable regular file, before a library opens it. */
  static void checkReadable(Path file) {
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(name(file) + ": is a directory, not a file");
    }
    if (!Files.exists(file)) {
      throw new InvalidInputException(name(file) + ": no such file");
    }
    if (!Files.isReadable(file)) {
      throw new InvalidInputException(name(file) + ": cannot be read (permission denied)");
    }
  }

  /** Returns the whole content of a UTF-8 text file, refusing missing or unreadable ones. */
  static String readString(Path file) {
    checkReadable(file);
    try {
      return Files.readString(file);
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(name(file) + ": is not UTF-8 text", e);
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
    return new InvalidInputException(name(file) + ": cannot be read: " + e.getMessage(), e);
  }

  /** Returns the index of the first character that is neither whitespace nor a byte-order mark. */
  static int firstSignificant(CharSequence s) {
    int i = 0;
    while (i < s.length() && (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == '\uFEFF')) {
      i++;
    }
    return i;
  }
}
