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
    double radius = corridor.radiusRadians();
    double[] scratch = new double[2];
    HaversineArcs.Nearest nearest = new HaversineArcs.Nearest();
    List<Match> matches = new ArrayList<>();
    for (int loc = 0; loc < locations.size(); loc++) {
      double bestDistance = Double.POSITIVE_INFINITY;
      double bestOffset = 0;
      for (int p = locations.pointStart(loc); p < locations.pointEnd(loc); p++) {
        double phi = Math.toRadians(locations.latDegrees(p));
        double lambda = Math.toRadians(locations.lonDegrees(p));
        nearest.reset();
        for (int a = 0; a < arcs; a++) {
          HaversineArcs.distanceToArc(route, a, phi, lambda, scratch);
          nearest.add(scratch[0], route.offsetMetersAt(a) + scratch[1] * Sphere.EARTH_RADIUS_METERS);
        }
        if (nearest.resolve(radius)
            && PointResults.better(nearest.distanceMeters, nearest.offsetMeters, bestDistance, bestOffset)) {
          bestDistance = nearest.distanceMeters;
          bestOffset = nearest.offsetMeters;
        }
      }
      if (bestDistance != Double.POSITIVE_INFINITY) {
        matches.add(new Match(loc, bestDistance, bestOffset));
      }
    }
    CorridorFilter.sort(matches, locations);
    return matches;
  }
}
