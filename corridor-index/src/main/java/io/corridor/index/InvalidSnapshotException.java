package io.corridor.index;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A snapshot file that cannot be used (truncated, corrupted, of another format or version), with
 * the file and the problem named, so that a service refuses to start on it rather than answer
 * from half an index.
 *
 * <p>Immutable once thrown.
 */
public final class InvalidSnapshotException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;
  private final String problem;

  /** Creates the exception for {@code file} and a description of what is wrong with it. */
  public InvalidSnapshotException(Path file, String problem) {
    super(file + ": not a usable index snapshot: " + problem);
    this.file = file;
    this.problem = problem;
  }

  /** Returns the file that was refused. */
  public Path file() {
    return file;
  }

  /** Returns what is wrong with the file, without its name. */
  public String problem() {
    return problem;
  }
}
