package io.corridor.importer;

/**
 * Receives an importer's progress now and then (per block or batch, never per record), so that a
 * terminal can draw a bar and a batch job can stay quiet.
 *
 * <p>An importer calls its listener from the importing thread only; a listener shared by several
 * imports at once must be thread-safe itself.
 */
@FunctionalInterface
public interface ImportProgress {

  /** Progress that is ignored, for callers that want none. */
  ImportProgress NONE = (done, total, added) -> {};

  /**
   * Reports how far the import is: {@code done} of {@code total} units of input (bytes of a file,
   * rows of a query; {@code total} is −1 when unknown) and the locations added so far.
   */
  void update(long done, long total, long added);

  /** Called before {@code source} (a file or a query) is read, for a display to name it. */
  default void reading(String source) {}

  /**
   * Called before {@code source} is read, with the unit of its progress ({@code bytes},
   * {@code rows} or {@code locations}); by default the same as {@link #reading(String)}.
   */
  default void reading(String source, String unit) {
    reading(source);
  }

  /** Called once the import is complete, for a display to clear itself. */
  default void done() {}
}
