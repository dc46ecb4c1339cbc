package io.corridor.core.location;

import java.util.Map;

/**
 * Read access to numbered locations (id, points, properties), so that one match writer serves both
 * a {@link LocationSet} read from a file and a location index opened from a snapshot.
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
  Map<String, ?> properties(int i);
}
