package io.corridor.core.filter;

import io.corridor.core.geo.ArcBounds;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.geo.Sphere;
import io.corridor.core.location.LocationSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's optimisation: a box per arc, padded by the radius, checked before the haversine
 * distance. The boxes are right on the sphere ({@link ArcBounds}), so no match is lost near the
 * poles, across the antimeridian or under the bulge of a long arc.
 */
final class BoundingBoxFilter implements CorridorFilter {

  @Override
  public List<Match> filter(Corridor corridor, LocationSet locations) {
    Route route = corridor.route();
    ArcBounds bounds = ArcBounds.of(corridor);
    int arcs = corridor.arcCount();
    double radius = corridor.radiusMeters();
    double[] scratch = new double[2];
    Nearest nearest = new Nearest();
    Nearest location = new Nearest();
    List<Match> matches = new ArrayList<>();
    for (int loc = 0; loc < locations.size(); loc++) {
      location.reset();
      for (int p = locations.pointStart(loc); p < locations.pointEnd(loc); p++) {
        double lat = locations.latDegrees(p);
        double lon = locations.lonDegrees(p);
        nearest.reset();
        for (int a = 0; a < arcs; a++) {
          if (bounds.contains(a, lat, lon)) {
            HaversineArcs.distanceToArc(route, a, Math.toRadians(lat), Math.toRadians(lon), scratch);
            nearest.add(scratch[0] * Sphere.EARTH_RADIUS_METERS,
                route.offsetMetersAt(a) + scratch[1] * Sphere.EARTH_RADIUS_METERS);
          }
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
