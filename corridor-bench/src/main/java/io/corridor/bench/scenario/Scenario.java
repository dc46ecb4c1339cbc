package io.corridor.bench.scenario;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.location.LocationSet;

/**
 * One benchmark input: a route, a radius and the locations to filter, named so that results can
 * be compared across runs and implementations.
 */
public record Scenario(String name, Route route, double radiusMeters, LocationSet locations) {

  /** Returns the corridor of this scenario, built anew as a request would build it. */
  public Corridor corridor() {
    return Corridor.of(route, radiusMeters);
  }

  @Override
  public String toString() {
    return name + ": " + route.size() + " vertices, " + Math.round(route.lengthMeters() / 1000)
        + " km, radius " + radiusMeters + " m, " + locations.size() + " locations ("
        + locations.pointCount() + " points)";
  }
}
