package io.corridor.cli;

import io.corridor.core.InvalidInputException;
import io.corridor.index.LocationIndex;
import io.corridor.index.Snapshot;
import io.corridor.importer.LocationImporter;
import io.corridor.importer.LocationImporter.LocationFile;
import io.corridor.importer.LocationImporter.OsmFile;
import io.corridor.importer.LocationImporter.PostgresQuery;
import io.corridor.importer.LocationImporter.Source;
import io.corridor.importer.TagFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code corridor import}: reads CSV and GeoJSON location files, OpenStreetMap PBF files and a
 * PostgreSQL/PostGIS query into one index and saves it as a snapshot file that
 * {@code corridor search} opens in an instant. Nothing is written if any input is refused, and the
 * snapshot appears only once complete.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {"Build a location index snapshot from CSV and GeoJSON location files, "
        + "OpenStreetMap PBF files and a PostgreSQL/PostGIS query, in any combination.",
        "Rows or features sharing an id are points of one location; other columns are properties.",
        "An id may belong to only one source."},
    sortOptions = false)
final class ImportCommand implements Callable<Integer> {
  @Option(names = "--locations", paramLabel = "FILE",
      description = "Locations: CSV with id,lat,lon columns, or a GeoJSON FeatureCollection of "
          + "Point/MultiPoint features; - for standard input. Repeat to merge several files.")
  List<Path> locations = new ArrayList<>();

  @Option(names = "--osm", paramLabel = "FILE.osm.pbf",
      description = "An OpenStreetMap PBF file: the nodes, and ways as their centroid, that "
          + "--osm-tags selects, with ids node/N and way/N. Repeat for several files.")
  List<Path> osm = new ArrayList<>();

  @Option(names = "--osm-tags", paramLabel = "KEY=VALUE,...",
      description = "Required with --osm: the tags that select elements, such as "
          + "amenity=fuel,amenity=charging_station or shop=*; the matched tag's value is the "
          + "category, the first entry winning.")
  String osmTags;

  @Option(names = "--postgres", paramLabel = "JDBC_URL",
      description = "A PostgreSQL database, such as jdbc:postgresql://HOST/DB?user=USER, "
          + "queried with --sql.")
  String postgres;

  @Option(names = "--sql", paramLabel = "QUERY",
      description = "Required with --postgres: a query returning id and geom (a geometry or "
          + "geography Point or MultiPoint in SRID 4326), optionally name and category; other "
          + "columns become properties.")
  String sql;

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
    List<Path> inputs = new ArrayList<>(locations);
    inputs.addAll(osm);
    OutputTarget.check("--out", out, inputs.toArray(Path[]::new));
    if (locations.stream().filter(p -> p.toString().equals("-")).count() > 1) {
      throw new InvalidInputException("--locations: - (standard input) can be given only once");
    }
    List<Source> sources = sources();
    long start = System.nanoTime();
    LocationIndex index = LocationImporter.create()
        .withFields(idField, nameField, categoryField)
        .withProgress(TerminalProgress.forConsole())
        .importSources(sources);
    try {
      Snapshot.write(index, out);
    } catch (InvalidInputException e) {
      throw e.at("--out");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.err.println(String.format(Locale.ROOT,
        "corridor: imported %,d locations (%,d points) into %s: %,d bytes in %.2f s",
        index.size(), index.pointCount(), InvalidInputException.printable(out.toString()),
        Files.size(out), seconds));
    return 0;
  }

  /** Returns the sources the options name, refusing a missing or unpaired option by its name. */
  private List<Source> sources() {
    if (!osm.isEmpty() && osmTags == null) {
      throw new InvalidInputException("--osm needs --osm-tags to select elements, such as "
          + "--osm-tags amenity=fuel,amenity=charging_station");
    }
    if (osm.isEmpty() && osmTags != null) {
      throw new InvalidInputException("--osm-tags applies only with --osm FILE.osm.pbf");
    }
    if (postgres != null && sql == null) {
      throw new InvalidInputException("--postgres needs --sql, a query such as "
          + "\"SELECT id, name, category, geom FROM stations\"");
    }
    if (postgres == null && sql != null) {
      throw new InvalidInputException("--sql applies only with --postgres JDBC_URL");
    }
    List<Source> sources = new ArrayList<>();
    locations.forEach(file -> sources.add(new LocationFile(file)));
    if (!osm.isEmpty()) {
      TagFilter tags;
      try {
        tags = TagFilter.parse(osmTags);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("--osm-tags: " + e.getMessage(), e);
      }
      osm.forEach(file -> sources.add(new OsmFile(file, tags)));
    }
    if (postgres != null) {
      sources.add(new PostgresQuery(postgres, sql));
    }
    if (sources.isEmpty()) {
      throw new InvalidInputException("nothing to import: give --locations FILE, "
          + "--osm FILE.osm.pbf with --osm-tags, or --postgres JDBC_URL with --sql");
    }
    return sources;
  }
}
