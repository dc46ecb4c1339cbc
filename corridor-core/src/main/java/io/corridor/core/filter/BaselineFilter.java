package io.corridor.core.filter;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.geo.Sphere;
import io.corridor.core.location.LocationSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's original filter: every point of every location against every arc of the route, with
 * the haversine-based distance. Kept as the measured baseline and as a second, independent
 * implementation of the geometry.
 */
final class BaselineFilter implements CorridorFilter {

  @Override
  public List<Match> filter(Corridor corridor, LocationSet locations) {
    Route route = corridor.route();
    int arcs = corridor.arcCount();
    double radius = corridor.radiusMeters();
    double[] scratch = new double[2];
    Nearest nearest = new Nearest();
    Nearest location = new Nearest();
    List<Match> matches = new ArrayList<>();
    for (int loc = 0; loc < locations.size(); loc++) {
      location.reset();
      for (int p = locations.pointStart(loc); p < locations.pointEnd(loc); p++) {
        double phi = Math.toRadians(locations.latDegrees(p));
        double lambda = Math.toRadians(locations.lonDegrees(p));
        nearest.reset();
        for (int a = 0; a < arcs; a++) {
          HaversineArcs.distanceToArc(route, a, phi, lambda, scratch);
          nearest.add(scratch[0] * Sphere.EARTH_RADIUS_METERS,
                route.offsetMetersAt(a) + scratch[1] * Sphere.EARTH_RADIUS_METERS);
        }
        if (nearest.resolveWithin(radius)) {
          location.add(nearest.distanceMeters(), nearest.offsetMeters());
        }
      }
      if (location.resolveWithin(radius)) {
        matches.add(new Match(loc, location.distanceMeters(), location.offsetMeters()));
      }
    }
    CorridorFilter.sort(matches, locations);
    return matches;
  }
}
