package io.corridor.cli;

import io.corridor.core.InvalidInputException;
import io.corridor.importer.ImportProgress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows an import's progress on one standard-error line, redrawn at most once a second with the
 * count and rate (and, for a PBF file, the bytes read over its two passes), so that a long import
 * on a terminal shows it is alive and a script's log stays clean.
 */
final class TerminalProgress implements ImportProgress {
  private static final long INTERVAL_NANOS = 1_000_000_000L;
  private final PrintStream err;
  private final long intervalNanos;
  private final long startNanos = System.nanoTime();
  private long lastNanos = startNanos;
  private String source = "";
  private String unit = "locations";
  private long done;
  private long total = -1;
  private boolean drawn;

  /** Creates progress drawn on {@code err} at most once per {@code intervalNanos}. */
  TerminalProgress(PrintStream err, long intervalNanos) {
    this.err = err;
    this.intervalNanos = intervalNanos;
  }

  /** Returns a progress line on standard error when it is a terminal, else progress that says nothing. */
  static ImportProgress forConsole() {
    return System.console() != null
        ? new TerminalProgress(System.err, INTERVAL_NANOS)
        : ImportProgress.NONE;
  }

  @Override
  public void reading(String name) {
    reading(name, "locations");
  }

  @Override
  public void reading(String name, String unit) {
    source = InvalidInputException.printable(name);
    this.unit = unit;
    draw(0, true);
  }

  @Override
  public void update(long done, long total, long added) {
    this.done = done;
    this.total = total;
    long now = System.nanoTime();
    if (now - lastNanos >= intervalNanos) {
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
        : String.format(Locale.ROOT, "%s: %s%,d locations, %,.0f/s", source, input(), locations,
            locations / seconds);
    err.print("\r\033[K" + line);
    err.flush();
    drawn = true;
  }

  /** Returns how much of the source is read, such as "3.1 of 10.4 MB read, " for a PBF file. */
  private String input() {
    if ("bytes".equals(unit)) {
      return total > 0
          ? String.format(Locale.ROOT, "%.1f of %.1f MB read, ", done / 1e6, total / 1e6)
          : String.format(Locale.ROOT, "%.1f MB read, ", done / 1e6);
    }
    if ("locations".equals(unit)) {
      return ""; // the count of locations says it all
    }
    return total > 0
        ? String.format(Locale.ROOT, "%,d of %,d %s, ", done, total, unit)
        : String.format(Locale.ROOT, "%,d %s, ", done, unit);
  }
}
