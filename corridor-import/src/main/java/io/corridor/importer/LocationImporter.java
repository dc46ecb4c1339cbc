package io.corridor.importer;

import io.corridor.core.InvalidInputException;
import io.corridor.core.io.LocationReader;
import io.corridor.core.location.LocationSet;
import io.corridor.index.LocationIndex;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * inputs. An id found in two files is refused, naming both: merging them silently would hide a
 * clash between two data sources.
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
    LocationIndex.Builder builder = LocationIndex.builder();
    // Only needed to name both files of a clash; a single file's ids are already unique.
    Map<String, Integer> fileById = files.size() > 1 ? new HashMap<>() : null;
    long added = 0;
    for (int f = 0; f < files.size(); f++) {
      Path file = files.get(f);
      progress.reading(file.toString());
      LocationSet set = LocationReader.read(file, idField);
      for (int i = 0; i < set.size(); i++) {
        String id = set.id(i);
        if (fileById != null) {
          Integer earlier = fileById.putIfAbsent(id, f);
          if (earlier != null) {
            throw new InvalidInputException(file + ": id \"" + id + "\" is also in "
                + files.get(earlier) + ": each id must belong to one file");
          }
        }
        try {
          add(builder, set, i);
        } catch (InvalidInputException e) {
          throw e.at(file.toString());
        } catch (IllegalArgumentException e) {
          // The builder's own limits (such as 65 535 categories), reported against the file.
          throw new InvalidInputException(file + ": " + e.getMessage(), e);
        }
        if ((++added & 0x3FFF) == 0) {
          progress.update(i + 1, set.size(), added);
        }
      }
      progress.update(set.size(), set.size(), added);
    }
    progress.done();
    return builder.build();
  }

  private void add(LocationIndex.Builder builder, LocationSet set, int i) {
    int from = set.pointStart(i);
    int to = set.pointEnd(i);
    double[] lats = Arrays.copyOfRange(set.latitudesView(), from, to);
    double[] lons = Arrays.copyOfRange(set.longitudesView(), from, to);
    Map<String, String> properties = new LinkedHashMap<>();
    set.properties(i).forEach((k, v) -> properties.put(k, v == null ? null : String.valueOf(v)));
    String name = properties.remove(nameField);
    String category = properties.remove(categoryField);
    builder.add(set.id(i), lats, lons, name, category, properties);
  }
}
