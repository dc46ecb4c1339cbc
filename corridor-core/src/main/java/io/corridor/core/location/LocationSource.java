package io.corridor.core.location;

import java.util.Map;

/**
 * Read access to numbered locations (id, points, name, category, properties), so that one
 * {@link io.corridor.core.filter.Match} type and one match writer serve both a {@link LocationSet}
 * read from a file and a location index opened from a snapshot.
 *
 * <p>Implementations in this project are immutable and safe to share between threads.
 */
public interface LocationSource {
  /** Returns the id of location {@code i}. */
  String id(int i);

  /** Returns the index of the first point of location {@code i}. */
  int pointStart(int i);

  /** Returns the index past the last point of location {@code i}. */
  int pointEnd(int i);

  /** Returns the latitude in degrees of point {@code p}. */
  double latDegrees(int p);

  /** Returns the longitude in degrees of point {@code p}. */
  double lonDegrees(int p);

  /** Returns the properties of location {@code i} in their input order (empty if it has none). */
  Map<String, Object> properties(int i);

  /** Returns the name of location {@code i}: its {@code name} property, or null if it has none. */
  default String name(int i) {
    return string(properties(i).get("name"));
  }

  /**
   * Returns the category of location {@code i}: its {@code category} property, or null if it has
   * none.
   */
  default String category(int i) {
    return string(properties(i).get("category"));
  }

  private static String string(Object value) {
    return value == null ? null : value.toString();
  }
}
