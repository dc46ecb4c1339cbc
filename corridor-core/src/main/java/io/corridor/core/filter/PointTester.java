package io.corridor.core.filter;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Sphere;
import io.corridor.core.location.LocationSet;
import java.util.List;

/**
 * The inner loop of the fast filter over a range of locations: each point is looked up in the
 * grid (or, for tiny inputs, tested against every arc), converted to a unit vector only if it is a
 * candidate, and its nearest arc found among the candidates. Immutable and thread-safe.
 */
final class PointTester {
  private final Corridor corridor;
  private final CorridorGrid grid;

  private PointTester(Corridor corridor, CorridorGrid grid) {
    this.corridor = corridor;
    this.grid = grid;
  }

  /** Returns a tester that measures every point against every arc. */
  static PointTester direct(Corridor corridor) {
    return new PointTester(corridor, null);
  }

  /** Returns a tester that measures points only against the arcs their grid cell lists. */
  static PointTester grid(Corridor corridor, CorridorGrid grid) {
    return new PointTester(corridor, grid);
  }

  /** Appends to {@code out} the matches among locations {@code [from, to)}, in location order. */
  void scan(LocationSet locations, int from, int to, List<Match> out) {
    double[] lat = locations.latitudesView();
    double[] lon = locations.longitudesView();
    int[] start = locations.pointStartsView();
    double[] p = new double[3];
    double[] result = new double[2];
    int[] arcIds = grid == null ? null : grid.arcIds();
    Nearest location = new Nearest();
    for (int loc = from; loc < to; loc++) {
      location.reset();
      for (int i = start[loc], end = start[loc + 1]; i < end; i++) {
        boolean inside;
        if (grid == null) {
          Sphere.toUnitVector(lat[i], lon[i], p, 0);
          inside = corridor.nearest(p[0], p[1], p[2], result);
        } else {
          // The cache-resident bitmap rejects most points before the cell table is touched.
          if (!grid.mayContain(lat[i], lon[i])) {
            continue;
          }
          int slot = grid.findCell(lat[i], lon[i]);
          if (slot < 0) {
            continue;
          }
          Sphere.toUnitVector(lat[i], lon[i], p, 0);
          inside = corridor.nearest(p[0], p[1], p[2], arcIds, grid.start(slot), grid.end(slot), result);
        }
        if (inside) {
          location.add(result[0], result[1]);
        }
      }
      if (location.resolveWithin(Double.POSITIVE_INFINITY)) {
        out.add(new Match(loc, location.distanceMeters(), location.offsetMeters()));
      }
    }
  }
}
