package io.corridor.server;

import java.util.Map;

/**
 * A location inside the corridor as the server writes it: id, distance to and offset along the
 * route in metres, and, for a search, the location's name, category, properties and points
 * (empty for a filter, whose answer carries ids and distances only). A bounding-box answer's hits
 * have NaN distance and offset. Immutable.
 */
record Hit(
    String id,
    double distanceMeters,
    double offsetMeters,
    String name,
    String category,
    Map<String, Object> properties,
    double[] lats,
    double[] lons) {

  /** Returns a filter's hit: id and distances only. */
  static Hit of(String id, double distanceMeters, double offsetMeters) {
    return new Hit(id, distanceMeters, offsetMeters, null, null, Map.of(), new double[0], new double[0]);
  }
}
