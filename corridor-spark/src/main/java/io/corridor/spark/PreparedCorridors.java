package io.corridor.spark;

import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Sphere;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The corridors a task has met, parsed and prepared once each and kept while they are in use: the
 * SQL functions see the same route text on row after row, and must not parse it per row. Holds at
 * most {@link #CAPACITY} corridors, dropping the least recently used. One per task; not
 * thread-safe.
 */
final class PreparedCorridors {
  /** How many distinct (route, radius) pairs a task keeps prepared. */
  static final int CAPACITY = 64;

  private final Map<Key, PreparedCorridor> cache = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, PreparedCorridor> eldest) {
      return size() > CAPACITY;
    }
  };

  /**
   * Tests the point against the corridor of {@code route} and {@code radiusMeters}; if inside,
   * writes the distance and offset in metres to {@code out[0..1]}.
   *
   * @throws InvalidInputException if the route, the radius or the point is invalid
   */
  boolean inside(double latDegrees, double lonDegrees, String route, double radiusMeters, double[] out) {
    Sphere.checkLatLon("point", latDegrees, lonDegrees);
    Key key = new Key(route, radiusMeters);
    PreparedCorridor prepared = cache.get(key);
    if (prepared == null) {
      prepared = new PreparedCorridor(Corridor.of(RouteText.parse(route), radiusMeters));
      cache.put(key, prepared);
    }
    return prepared.inside(latDegrees, lonDegrees, out);
  }

  private record Key(String route, double radiusMeters) {}
}
