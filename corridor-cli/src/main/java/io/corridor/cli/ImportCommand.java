package io.corridor.cli;

import io.corridor.core.InvalidInputException;
import io.corridor.index.LocationIndex;
import io.corridor.index.Snapshot;
import io.corridor.importer.LocationImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code corridor import}: reads CSV and GeoJSON location files into one index and saves it as a
 * snapshot file that {@code corridor search} opens in an instant. Nothing is written if any input
 * is refused, and the snapshot appears only once complete.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {"Build a location index snapshot from CSV and GeoJSON location files.",
        "Rows or features sharing an id are points of one location; other columns are properties."},
    sortOptions = false)
final class ImportCommand implements Callable<Integer> {
  @Option(names = "--locations", required = true, paramLabel = "FILE",
      description = "Locations: CSV with id,lat,lon columns, or a GeoJSON FeatureCollection of "
          + "Point/MultiPoint features. Repeat to merge several files; an id may be in only one.")
  List<Path> locations;

  @Option(names = "--out", required = true, paramLabel = "INDEX_FILE",
      description = "Snapshot file to write (atomically).")
  Path out;

  @Option(names = "--id-field", defaultValue = "id", paramLabel = "NAME",
      description = "CSV column or GeoJSON property holding the id (default: ${DEFAULT-VALUE}).")
  String idField;

  @Option(names = "--name-field", defaultValue = "name", paramLabel = "NAME",
      description = "CSV column or GeoJSON property holding the name (default: ${DEFAULT-VALUE}).")
  String nameField;

  @Option(names = "--category-field", defaultValue = "category", paramLabel = "NAME",
      description = "CSV column or GeoJSON property holding the category (default: ${DEFAULT-VALUE}).")
  String categoryField;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    LocationIndex index = LocationImporter.create()
        .withFields(idField, nameField, categoryField)
        .withProgress(TerminalProgress.forConsole())
        .importFiles(locations);
    try {
      Snapshot.write(index, out);
    } catch (IOException e) {
      throw new InvalidInputException(out + ": cannot write the index: " + e, e);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.err.println(String.format(Locale.ROOT,
        "corridor: imported %,d locations (%,d points) into %s: %,d bytes in %.2f s",
        index.size(), index.pointCount(), out, Files.size(out), seconds));
    return 0;
  }
}
