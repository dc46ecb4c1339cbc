package io.corridor.bench.peer;

import io.corridor.core.geo.Corridor;
import io.corridor.core.location.LocationSet;

/**
 * How a peer's answer differs from the reference: the locations only one of them keeps, and how
 * far from the radius their true distance lies. A difference is tolerated only for a location
 * whose true distance is within {@code toleranceMeters} of the radius, where the peer's own
 * approximation (a projection, a polygonal buffer, rounding) can put it on the other side.
 *
 * @param onlyReference locations the reference keeps and the peer misses
 * @param onlyPeer locations the peer keeps and the reference does not
 * @param worstMeters the largest |true distance − radius| among the differing locations (0 if none)
 */
public record Agreement(int onlyReference, int onlyPeer, double worstMeters) {

  /** Returns the number of differing locations. */
  public int disagreements() {
    return onlyReference + onlyPeer;
  }

  /** Compares two ascending id lists, measuring the true distance of each differing location. */
  public static Agreement of(int[] reference, int[] peer, Corridor corridor, LocationSet locations) {
    int onlyReference = 0;
    int onlyPeer = 0;
    double worst = 0;
    int i = 0;
    int j = 0;
    while (i < reference.length || j < peer.length) {
      int differing;
      if (j == peer.length || i < reference.length && reference[i] < peer[j]) {
        differing = reference[i++];
        onlyReference++;
      } else if (i == reference.length || peer[j] < reference[i]) {
        differing = peer[j++];
        onlyPeer++;
      } else {
        i++;
        j++;
        continue;
      }
      double off = Math.abs(nearestMeters(corridor, locations, differing) - corridor.radiusMeters());
      worst = Math.max(worst, off);
    }
    return new Agreement(onlyReference, onlyPeer, worst);
  }

  /** Throws unless every difference lies within {@code toleranceMeters} of the radius. */
  public Agreement requireWithin(String what, double toleranceMeters) {
    if (worstMeters > toleranceMeters) {
      throw new IllegalStateException(what + " disagrees with the reference beyond the tolerance: "
          + this + ", tolerance " + toleranceMeters + " m");
    }
    return this;
  }

  private static double nearestMeters(Corridor corridor, LocationSet locations, int location) {
    double nearest = Double.POSITIVE_INFINITY;
    for (int p = locations.pointStart(location); p < locations.pointEnd(location); p++) {
      double[] d = corridor.distanceAndOffset(locations.latDegrees(p), locations.lonDegrees(p));
      nearest = Math.min(nearest, d[0]);
    }
    return nearest;
  }
}
