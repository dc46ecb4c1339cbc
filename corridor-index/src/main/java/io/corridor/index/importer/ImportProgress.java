package io.corridor.index.importer;

/** Receives an import's progress, so that a terminal can show it and a script stays quiet. */
public interface ImportProgress {
  /** Progress that reports nothing, for tests and non-interactive runs. */
  ImportProgress QUIET = new ImportProgress() {};

  /** Called before {@code source} is read. */
  default void reading(String source) {}

  /** Called as locations are added, with the number added so far over all sources. */
  default void added(long locations) {}

  /** Called once every source has been added. */
  default void done() {}
}
