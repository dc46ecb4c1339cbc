package io.corridor.core.filter;

import io.corridor.core.geo.ArcBounds;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.geo.Sphere;
import io.corridor.core.location.LocationSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's filters, kept as measured baselines and as a second, independent implementation of
 * the geometry: every point of every location against the arcs of the route, with the
 * haversine-based distance ({@link HaversineArcs}).
 *
 * <ul>
 *   <li>{@link #baseline()}: against every arc, as the seed first did;
 *   <li>{@link #withBoxes()}: the seed's optimisation, a box per arc padded by the radius and
 *       checked before the distance. The boxes are right on the sphere ({@link ArcBounds}), so no
 *       match is lost near the poles, across the antimeridian or under the bulge of a long arc.
 * </ul>
 */
final class HaversineFilter implements CorridorFilter {
  private final boolean boxes;

  private HaversineFilter(boolean boxes) {
    this.boxes = boxes;
  }

  /** Returns the seed's original filter: every point against every arc. */
  static HaversineFilter baseline() {
    return new HaversineFilter(false);
  }

  /** Returns the seed's optimised filter: a box test per arc before the distance. */
  static HaversineFilter withBoxes() {
    return new HaversineFilter(true);
  }

  @Override
  public List<Match> filter(Corridor corridor, LocationSet locations) {
    Route route = corridor.route();
    ArcBounds bounds = boxes ? ArcBounds.of(corridor) : null;
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
          if (bounds == null || bounds.contains(a, lat, lon)) {
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
        matches.add(new Match(locations, loc, location.distanceMeters(), location.offsetMeters()));
      }
    }
    CorridorFilter.sort(matches, locations);
    return matches;
  }
}
