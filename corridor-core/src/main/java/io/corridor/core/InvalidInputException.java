package io.corridor.core;

/**
 * Input that breaks the contract (a coordinate out of range, a malformed file, an undefined arc),
 * with a message that names the place at fault so that a user can act on it.
 *
 * <p>Input echoed in a message goes through {@link #quote}, and a message shown to a user through
 * {@link #printable}: a file's bytes (terminal escape sequences, kilobytes of binary) never reach a
 * terminal or a log raw.
 */
public class InvalidInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The longest piece of input that {@link #quote(CharSequence)} echoes, in characters. */
  public static final int ECHO_LIMIT = 80;

  /** The longest message that {@link #printable} returns, in characters. */
  public static final int MESSAGE_LIMIT = 1000;

  /** Creates an exception whose message already names where the input is wrong. */
  public InvalidInputException(String message) {
    super(message);
  }

  /** Creates an exception whose message already names where the input is wrong, with its cause. */
  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Returns a copy whose message is prefixed by {@code where} (a file, a line, a feature). */
  public InvalidInputException at(String where) {
    return new InvalidInputException(where + ": " + getMessage(), this);
  }

  /**
   * Returns a piece of input in double quotes for a message: control characters escaped (ESC as a
   * backslash, {@code u001B}), and cut to {@value #ECHO_LIMIT} characters with an ellipsis.
   */
  public static String quote(CharSequence input) {
    return quote(input, ECHO_LIMIT, true);
  }

  /**
   * Returns a piece of input for a message, control characters escaped and cut to {@code limit}
   * characters with an ellipsis, in double quotes if {@code quoted}.
   */
  public static String quote(CharSequence input, int limit, boolean quoted) {
    String text = input == null ? "null" : input.toString();
    StringBuilder s = new StringBuilder(Math.min(text.length(), limit) + 8);
    if (quoted) {
      s.append('"');
    }
    int shown = 0;
    for (int i = 0; i < text.length(); i++) {
      if (shown >= limit) {
        s.append('…');
        break;
      }
      char c = text.charAt(i);
      if (isUnsafe(c)) {
        s.append(String.format("\\u%04X", (int) c));
      } else {
        s.append(c);
      }
      shown++;
    }
    if (quoted) {
      s.append('"');
    }
    return s.toString();
  }

  /**
   * Returns {@code message} fit for a terminal or a log line: control characters (escape
   * sequences, line breaks, bidirectional overrides) escaped, and at most {@value #MESSAGE_LIMIT}
   * characters. Every message the command line and the server show a user goes through here.
   */
  public static String printable(String message) {
    return quote(message == null ? "unknown error" : message, MESSAGE_LIMIT, false);
  }

  /** True for characters that a terminal interprets or that reorder what it shows. */
  private static boolean isUnsafe(char c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F)
        || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200E || c == 0x200F || c == 0x061C;
  }
}
