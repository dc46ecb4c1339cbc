package io.corridor.importer;

import io.corridor.core.InvalidInputException;
import io.corridor.core.io.LocationReader;
import io.corridor.core.location.LocationSet;
import io.corridor.index.DuplicateIdException;
import io.corridor.index.LocationIndex;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Imports CSV and GeoJSON location files (CONTRACT §2) into a {@link LocationIndex}, with the id,
 * name and category taken from columns or properties the user names, so that any export can be
 * indexed without editing its header.
 *
 * <p>Each file is read whole by {@link LocationReader}, which groups the rows (or features) that
 * share an id into one location and refuses a broken file with its line or feature; its locations
 * then go into the index builder and the file's set is dropped. Memory is thus the index being
 * built plus the largest single file's locations (about the same size again), never the sum of the
 * inputs. {@link #importSources} adds OpenStreetMap PBF files and PostgreSQL queries to the same
 * index. An id found in two sources is refused, naming both: merging them silently would hide a
 * clash between two data sources. The check is the index build's own (a hash per id, no map of
 * all ids), whose positions tell which sources clash.
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
    LocationSet set = LocationReader.read(file, idField);
    for (int i = 0; i < set.size(); i++) {
      try {
        add(builder, set, i);
      } catch (InvalidInputException e) {
        throw e.at(file.toString());
      } catch (IllegalArgumentException e) {
        // The builder's own limits (such as 65 535 categories), reported against the file.
        throw new InvalidInputException(file + ": " + e.getMessage(), e);
      }
      if (((i + 1) & 0x3FFF) == 0) {
        progress.update(i + 1, set.size(), i + 1);
      }
    }
    progress.update(set.size(), set.size(), set.size());
  }

  private void add(LocationIndex.Builder builder, LocationSet set, int i) {
    int from = set.pointStart(i);
    int to = set.pointEnd(i);
    double[] lats = Arrays.copyOfRange(set.latitudesView(), from, to);
    double[] lons = Arrays.copyOfRange(set.longitudesView(), from, to);
    // Every property stays in its place, typed as read; the name and category are stored once.
    Map<String, Object> properties = set.properties(i);
    builder.add(set.id(i), lats, lons, string(properties.get(nameField)),
        string(properties.get(categoryField)), properties);
  }

  private static String string(Object value) {
    return value == null ? null : value.toString();
  }

  /** One input of an import: a location file, an OpenStreetMap PBF file or a PostgreSQL query. */
  public sealed interface Source permits LocationFile, OsmFile, PostgresQuery {
    /** Returns how messages and progress name this source. */
    String name();

    /** Returns the unit in which this source's progress counts its input. */
    String unit();
  }

  /** A CSV or GeoJSON location file (CONTRACT §2), with the importer's id, name and category fields. */
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
