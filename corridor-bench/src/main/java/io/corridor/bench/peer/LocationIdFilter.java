package io.corridor.bench.peer;

import io.corridor.core.geo.Route;
import io.corridor.core.location.LocationSet;

/**
 * A stateless corridor filter reduced to its answer: the locations inside, by index. Ours and the
 * peers (JTS, S2) all take the same route, radius and locations and do all their work per call,
 * so their timings compare like for like.
 */
public interface LocationIdFilter {

  /** Returns the indexes of the locations with a point within {@code radiusMeters} of the route, ascending. */
  int[] filter(Route route, double radiusMeters, LocationSet locations);
}
