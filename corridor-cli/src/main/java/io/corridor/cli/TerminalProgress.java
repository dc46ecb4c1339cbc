package io.corridor.cli;

import io.corridor.importer.ImportProgress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows an import's progress on one standard-error line, redrawn at most once a second with the
 * count and rate, so that a long import on a terminal shows it is alive and a script's log stays clean.
 */
final class TerminalProgress implements ImportProgress {
  private static final long INTERVAL_NANOS = 1_000_000_000L;
  private final PrintStream err;
  private final long startNanos = System.nanoTime();
  private long lastNanos = startNanos;
  private String source = "";
  private boolean drawn;

  private TerminalProgress(PrintStream err) {
    this.err = err;
  }

  /** Returns a progress line on standard error when it is a terminal, else progress that says nothing. */
  static ImportProgress forConsole() {
    return System.console() != null ? new TerminalProgress(System.err) : ImportProgress.NONE;
  }

  @Override
  public void reading(String name) {
    source = name;
    draw(0, true);
  }

  @Override
  public void update(long done, long total, long added) {
    long now = System.nanoTime();
    if (now - lastNanos >= INTERVAL_NANOS) {
      lastNanos = now;
      draw(added, false);
    }
  }

  @Override
  public void done() {
    if (drawn) {
      err.print("\r\033[K");
      err.flush();
    }
  }

  private void draw(long locations, boolean startOfFile) {
    double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    String line = startOfFile
        ? String.format(Locale.ROOT, "reading %s", source)
        : String.format(Locale.ROOT, "%s: %,d locations, %,.0f/s", source, locations,
            locations / seconds);
    err.print("\r\033[K" + line);
    err.flush();
    drawn = true;
  }
}
