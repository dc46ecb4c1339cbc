package io.corridor.core.location;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Receives locations one point at a time as a reader finds them, so that the same reading of a
 * location file can fill a {@link LocationSet} or stream into an index builder without the file's
 * locations ever being held together.
 *
 * <p>A reader calls {@link #location} for every CSV row or GeoJSON feature, then {@link #point} for
 * each of its points. Rows that share an id may be far apart in a file; grouping them into one
 * location is the sink's work, and a sink that groups keeps the properties of the first.
 *
 * <p>A sink receives one reader's calls, from one thread; implementations need not be thread-safe.
 */
public interface LocationSink {
  /**
   * Names the property columns whose values later calls of {@link #location} pass as a
   * {@code String[]} (a CSV header, less its id, lat and lon columns); called once, before any
   * location. A GeoJSON reader does not call it, as its properties come as maps.
   */
  void columns(List<String> names);

  /**
   * Returns the number of the location with this id, creating it with these properties (a
   * {@code String[]} of column values, a {@code Map<String, Object>}, or null) if it is new.
   */
  int location(String id, Object properties);

  /** Adds a point, already checked to be valid, to location {@code location}. */
  void point(int location, double latDegrees, double lonDegrees);

  /**
   * Returns properties as {@link #location} receives them as a map in their input order: column
   * values by the names given to {@link #columns}, or the map itself (empty for null).
   */
  static Map<String, Object> asMap(List<String> columns, Object properties) {
    if (properties == null) {
      return Map.of();
    }
    Map<String, Object> map = new LinkedHashMap<>();
    forEach(columns, properties, map::put);
    return Collections.unmodifiableMap(map);
  }

  /** Gives each property as {@link #location} receives them to {@code action}, in input order. */
  static void forEach(List<String> columns, Object properties, BiConsumer<String, Object> action) {
    if (properties instanceof Map<?, ?> map) {
      map.forEach((k, v) -> action.accept((String) k, v));
    } else if (properties != null) {
      String[] values = (String[]) properties;
      for (int c = 0; c < columns.size() && c < values.length; c++) {
        action.accept(columns.get(c), values[c]);
      }
    }
  }
}
