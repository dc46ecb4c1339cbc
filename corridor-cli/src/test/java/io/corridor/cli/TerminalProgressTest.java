package io.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress line: bytes read of a PBF file, rows of a query, and cleared when done. */
class TerminalProgressTest {
  @Test
  void showsBytesForPbfFilesAndRowsForQueries() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TerminalProgress progress = new TerminalProgress(new PrintStream(bytes, true,
        StandardCharsets.UTF_8), 0);

    progress.reading("monaco.osm.pbf", "bytes");
    progress.update(3_100_000, 10_400_000, 42);
    progress.reading("PostgreSQL query", "rows");
    progress.update(20_000, -1, 20_042);
    progress.done();

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("reading monaco.osm.pbf",
        "monaco.osm.pbf: 3.1 of 10.4 MB read, 42 locations",
        "PostgreSQL query: 20,000 rows, 20,042 locations");
    assertThat(out).endsWith("\r\033[K");
  }
}
