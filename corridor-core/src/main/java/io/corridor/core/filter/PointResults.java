package io.corridor.core.filter;

import io.corridor.core.geo.Corridor;

/** How the points of one location combine: the nearest point wins, the smaller offset on ties. */
final class PointResults {
  private PointResults() {}

  /** Returns whether a point at (distance, offset) beats the location's best so far. */
  static boolean better(double distance, double offset, double bestDistance, double bestOffset) {
    if (distance < bestDistance - Corridor.TIE_METERS) {
      return true;
    }
    return distance <= bestDistance + Corridor.TIE_METERS && offset < bestOffset
        || distance < bestDistance && offset <= bestOffset;
  }
}
