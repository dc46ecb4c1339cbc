package io.corridor.formats;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes files so that the target path holds either its old content or the complete new one, never
 * a partial file, and only a regular file is ever replaced: the formats' name for
 * {@link io.corridor.core.AtomicFiles}, which says what is refused and how links and permissions
 * are treated.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes content to an output stream; the stream is closed by the caller. */
  @FunctionalInterface
  public interface Content {
    /** Writes the whole content to {@code out}. */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code content} to {@code target} atomically: on any failure the temporary file is
   * removed and the target is left as it was.
   *
   * @throws io.corridor.core.InvalidInputException if the target is not a regular file, is
   *     read-only or is in a folder that does not exist
   */
  public static void write(Path target, Content content) throws IOException {
    io.corridor.core.AtomicFiles.write(target, content::writeTo);
  }
}
