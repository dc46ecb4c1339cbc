package io.corridor.spark;

import io.corridor.core.geo.ArcBounds;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Sphere;

/**
 * A corridor with its per-arc boxes, testing one point at a time: a point is measured against the
 * arcs whose box (padded by the radius) holds it, in route order, which include its nearest arc
 * whenever it is inside, so the answer is the corridor's own. Reusable; not thread-safe (it keeps
 * scratch arrays), so each task makes its own.
 */
final class PreparedCorridor {
  private final Corridor corridor;
  private final ArcBounds bounds;
  private final int[] arcIds;
  private final double[] p = new double[3];

  PreparedCorridor(Corridor corridor) {
    this.corridor = corridor;
    this.bounds = ArcBounds.of(corridor);
    this.arcIds = new int[corridor.arcCount()];
  }

  /**
   * Returns whether the point (degrees, in range) is inside; if so writes its distance and offset
   * in metres to {@code out[0..1]}.
   */
  boolean inside(double lat, double lon, double[] out) {
    int n = 0;
    for (int arc = 0; arc < arcIds.length; arc++) {
      if (bounds.contains(arc, lat, lon)) {
        arcIds[n++] = arc;
      }
    }
    if (n == 0) {
      return false;
    }
    Sphere.toUnitVector(lat, lon, p, 0);
    return corridor.nearest(p[0], p[1], p[2], arcIds, 0, n, out);
  }
}
