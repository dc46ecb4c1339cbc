package io.corridor.core.filter;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Sphere;
import io.corridor.core.location.LocationSet;
import java.util.Arrays;
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
    if (grid == null) {
      scanAll(locations, from, to, out);
      return;
    }
    double[] lat = locations.latitudesView();
    double[] lon = locations.longitudesView();
    int[] start = locations.pointStartsView();
    // Pass 1, the hot loop: the cache-resident bitmap over the flat coordinate arrays, keeping
    // the few candidate points; no per-location bookkeeping for the many that are rejected.
    int first = start[from];
    int last = start[to];
    int[] candidates = new int[Math.max(16, (last - first) >>> 6)];
    int count = 0;
    for (int i = first; i < last; i++) {
      if (grid.mayContain(lat[i], lon[i])) {
        if (count == candidates.length) {
          candidates = Arrays.copyOf(candidates, count * 2);
        }
        candidates[count++] = i;
      }
    }
    // Pass 2: the candidates, grouped by their location (both are in point order).
    int[] arcIds = grid.arcIds();
    double[] p = new double[3];
    double[] result = new double[2];
    Nearest location = new Nearest();
    int loc = from;
    for (int j = 0; j < count; ) {
      int i = candidates[j];
      if (start[loc + 1] <= i) {
        // Every location has a point, so point i's location is at most (i − start[loc]) further.
        loc = locationOf(start, i, loc + 1, Math.min(to, loc + 1 + (i - start[loc])));
      }
      int end = start[loc + 1];
      location.reset();
      for (; j < count && candidates[j] < end; j++) {
        int q = candidates[j];
        int node = grid.findCell(lat[q], lon[q]);
        if (node < 0) {
          continue;
        }
        Sphere.toUnitVector(lat[q], lon[q], p, 0);
        if (corridor.nearest(p[0], p[1], p[2], arcIds, grid.start(node), grid.end(node), result)) {
          location.add(result[0], result[1]);
        }
      }
      if (location.resolveWithin(Double.POSITIVE_INFINITY)) {
        out.add(new Match(locations, loc, location.distanceMeters(), location.offsetMeters()));
      }
    }
  }

  /** Returns the location in {@code [lo, hi)} whose points include point {@code i}. */
  private static int locationOf(int[] start, int i, int lo, int hi) {
    // The largest loc with start[loc] <= i.
    int a = lo;
    int b = hi - 1;
    while (a < b) {
      int mid = (a + b + 1) >>> 1;
      if (start[mid] <= i) {
        a = mid;
      } else {
        b = mid - 1;
      }
    }
    return a;
  }

  private void scanAll(LocationSet locations, int from, int to, List<Match> out) {
    double[] lat = locations.latitudesView();
    double[] lon = locations.longitudesView();
    int[] start = locations.pointStartsView();
    double[] p = new double[3];
    double[] result = new double[2];
    Nearest location = new Nearest();
    for (int loc = from; loc < to; loc++) {
      location.reset();
      for (int i = start[loc], end = start[loc + 1]; i < end; i++) {
        Sphere.toUnitVector(lat[i], lon[i], p, 0);
        if (corridor.nearest(p[0], p[1], p[2], result)) {
          location.add(result[0], result[1]);
        }
      }
      if (location.resolveWithin(Double.POSITIVE_INFINITY)) {
        out.add(new Match(locations, loc, location.distanceMeters(), location.offsetMeters()));
      }
    }
  }
}
