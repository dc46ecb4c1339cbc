package io.corridor.importer;

import io.corridor.core.InvalidInputException;
import io.corridor.core.location.JsonText;
import io.corridor.core.location.LocationSink;
import io.corridor.formats.JsonValues;
import io.corridor.formats.LocationReader;
import io.corridor.index.DuplicateIdException;
import io.corridor.index.IdGroups;
import io.corridor.index.LocationIndex;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports CSV and GeoJSON location files (the {@code --locations} files of the README's "Command
 * line") into a {@link LocationIndex}, with the id, name and category taken from columns or
 * properties the user names, so that any export can be indexed without editing its header.
 *
 * <p>Each file is streamed by {@link LocationReader}, one CSV row or GeoJSON feature at a time,
 * straight into the index builder, which refuses a broken file with its line or feature. Rows that
 * share an id, however far apart in the file, are points of one location: the file's first row of
 * an id starts the location, with that row's name, category and properties (as {@code filter}
 * keeps them), and later rows add points to it, found through the builder's {@link IdGroups} (a
 * table of location numbers, 11 to 22 bytes per location, dropped when the file ends). Memory is
 * thus bounded by the index being built (its columns, about 20 bytes per point and 14 per location
 * plus the id, name and property bytes, with up to half again of room to grow) and small
 * constant buffers, never by the size of the input: 10 million locations from a 602 MB CSV import
 * in a 1.5 GB heap. {@link #importSources} adds OpenStreetMap PBF files and PostgreSQL queries to
 * the same index. An id found in two sources is refused, naming both: merging them silently would
 * hide a clash between two data sources. The check is the index build's own (a hash per id, no map
 * of all ids), whose positions tell which sources clash.
 */
public final class LocationImporter {
  private final String idField;
  private final String nameField;
  private final String categoryField;
  private final ImportProgress progress;

  private LocationImporter(String idField, String nameField, String categoryField,
      ImportProgress progress) {
    this.idField = idField;
    this.nameField = nameField;
    this.categoryField = categoryField;
    this.progress = progress;
  }

  /** Returns an importer with the default fields {@code id}, {@code name} and {@code category}. */
  public static LocationImporter create() {
    return new LocationImporter("id", "name", "category", ImportProgress.NONE);
  }

  /** Returns this importer reading ids, names and categories from the given columns or properties. */
  public LocationImporter withFields(String id, String name, String category) {
    return new LocationImporter(id, name, category, progress);
  }

  /** Returns this importer reporting to {@code listener}. */
  public LocationImporter withProgress(ImportProgress listener) {
    return new LocationImporter(idField, nameField, categoryField, listener);
  }

  /**
   * Returns the index of all locations in {@code files}.
   *
   * @throws InvalidInputException naming the file and line or feature at fault, or both files that
   *     hold the same id
   */
  public LocationIndex importFiles(List<Path> files) {
    return importSources(files.stream().<Source>map(LocationFile::new).toList());
  }

  /**
   * Returns the index of all locations in {@code sources}, added in order to one builder whose
   * build checks once that every id belongs to one source.
   *
   * @throws InvalidInputException naming the source (and its line, feature or row) at fault, or
   *     both sources that hold the same id
   */
  public LocationIndex importSources(List<Source> sources) {
    LocationIndex.Builder builder = LocationIndex.builder();
    int[] ends = new int[sources.size()];
    try {
      for (int k = 0; k < sources.size(); k++) {
        Source source = sources.get(k);
        int before = builder.size();
        ImportProgress offset = (done, total, added) -> progress.update(done, total, before + added);
        progress.reading(source.name(), source.unit());
        try {
          if (source instanceof LocationFile f) {
            addFile(builder, f.file(), offset);
          } else if (source instanceof OsmFile o) {
            OsmPbfImporter.importInto(o.file(), o.tags(), builder, offset);
          } else if (source instanceof PostgresQuery q) {
            PostgisImporter.importInto(q.jdbcUrl(), q.sql(), builder, offset);
          }
        } catch (ImportException e) {
          throw new InvalidInputException(e.getMessage(), e);
        }
        ends[k] = builder.size();
      }
    } finally {
      progress.done();
    }
    try {
      return builder.build();
    } catch (DuplicateIdException e) {
      throw duplicate(sources, ends, e);
    }
  }

  /** Names the source, or both sources, of a repeated id from the positions the build reports. */
  private static InvalidInputException duplicate(List<Source> sources, int[] ends,
      DuplicateIdException e) {
    int a = sourceAt(ends, e.first());
    int b = sourceAt(ends, e.second());
    String id = "\"" + e.id() + "\"";
    if (a != b) {
      return new InvalidInputException(sources.get(b).name() + ": id " + id + " is also in "
          + sources.get(a).name() + ": each id must belong to one source", e);
    }
    int start = a == 0 ? 0 : ends[a - 1];
    return new InvalidInputException(sources.get(a).name() + ": records " + (e.first() - start + 1)
        + " and " + (e.second() - start + 1) + " have the same id " + id
        + ": give each location one id, with all its points", e);
  }

  private static int sourceAt(int[] ends, int position) {
    int k = 0;
    while (ends[k] <= position) {
      k++;
    }
    return k;
  }

  private void addFile(LocationIndex.Builder builder, Path file, ImportProgress progress) {
    FileSink sink = new FileSink(builder, progress);
    LocationReader.read(file, idField, sink);
    progress.update(sink.added, sink.added, sink.added);
  }

  /**
   * Streams one file's rows into the builder: a row whose id the file has shown before adds a point
   * to that location, a new id starts one with the row's name, category and other properties.
   */
  private final class FileSink implements LocationSink {
    private static final int PROGRESS_EVERY = 1 << 14;

    private final LocationIndex.Builder builder;
    private final IdGroups locations;
    private final ImportProgress progress;
    private List<String> columns = List.of();
    private long added;

    FileSink(LocationIndex.Builder builder, ImportProgress progress) {
      this.builder = builder;
      this.locations = builder.groupById();
      this.progress = progress;
    }

    @Override
    public void columns(List<String> names) {
      columns = names;
    }

    @Override
    public int location(String id, Object rowProperties) {
      int location = locations.find(id);
      if (location >= 0) {
        return location;
      }
      // Every property stays in its place, typed as read (a value that is not a string as its JSON
      // text, which the index keeps verbatim); the name and category are stored once.
      Map<String, Object> properties = new LinkedHashMap<>();
      LocationSink.forEach(columns, rowProperties, (key, value) -> properties.put(key,
          value instanceof String ? value : new JsonText(JsonValues.write(value))));
      location = locations.add(id, string(properties.get(nameField)),
          string(properties.get(categoryField)), properties);
      if ((++added & (PROGRESS_EVERY - 1)) == 0) {
        progress.update(added, -1, added);
      }
      return location;
    }

    @Override
    public void point(int location, double latDegrees, double lonDegrees) {
      builder.point(location, latDegrees, lonDegrees);
    }

    private static String string(Object value) {
      return value == null ? null : value.toString();
    }
  }

  /** One input of an import: a location file, an OpenStreetMap PBF file or a PostgreSQL query. */
  public sealed interface Source permits LocationFile, OsmFile, PostgresQuery {
    /** Returns how messages and progress name this source. */
    String name();

    /** Returns the unit in which this source's progress counts its input. */
    String unit();
  }

  /** A CSV or GeoJSON location file, as the README's "Command line" describes for --locations. */
  public record LocationFile(Path file) implements Source {
    @Override
    public String name() {
      return file.toString();
    }

    @Override
    public String unit() {
      return "locations";
    }
  }

  /** An OpenStreetMap PBF file, whose nodes and ways {@code tags} selects. */
  public record OsmFile(Path file, TagFilter tags) implements Source {
    @Override
    public String name() {
      return file.toString();
    }

    @Override
    public String unit() {
      return "bytes";
    }
  }

  /** A PostgreSQL/PostGIS query returning id, geom and optionally name and category columns. */
  public record PostgresQuery(String jdbcUrl, String sql) implements Source {
    /** Names the query without its JDBC URL, which may hold a password. */
    @Override
    public String name() {
      return "PostgreSQL query";
    }

    @Override
    public String unit() {
      return "rows";
    }

    /** Returns the query without its JDBC URL, which may hold a password. */
    @Override
    public String toString() {
      return "PostgresQuery[sql=" + sql + "]";
    }
  }
}
