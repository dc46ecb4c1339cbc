package io.corridor.core;

/**
 * Input that breaks the contract (a coordinate out of range, a malformed file, an undefined arc),
 * with a message that names the place at fault so that a user can act on it.
 *
 * <p>Immutable: placing it ({@code at}) returns a new exception.
 */
public class InvalidInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

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
}
