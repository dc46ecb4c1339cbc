package io.corridor.importer;

import java.io.IOException;

/**
 * An import that could not be completed, with a message that names the source and the record so
 * that the user can fix the input; nothing half-imported should be used after it.
 *
 * <p>Immutable once thrown.
 */
public final class ImportException extends IOException {

  /** Creates an import failure with a message naming the source and the problem. */
  public ImportException(String message) {
    super(message);
  }

  /** Creates an import failure with a message naming the source and the problem, and its cause. */
  public ImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
