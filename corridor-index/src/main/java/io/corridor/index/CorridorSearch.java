package io.corridor.index;

import io.corridor.core.filter.Nearest;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Sphere;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One search: the cells that {@link Covering} lists for the corridor, their locations (and the
 * spilled ones of multi-point locations) as candidates, the exact test of every candidate point
 * with {@link Corridor#nearest(double, double, double, int[], int, int, double[])} over the arcs
 * that the covering lists for its cell (all that can be nearest, or tied with the nearest), and
 * the contract's rule for a location's points, so the answers are the filter's.
 *
 * <p><b>Early stop.</b> With {@code sort=OFFSET} and a limit, the route is walked in stretches,
 * each twice as long as the last (split inside arcs, so a long arc does not make a long first
 * stretch). After the stretch ending at offset {@code t} every location with a point within the
 * radius (plus the tie tolerance) of the route before {@code t} has been tested, so any location
 * not yet seen has its nearest route point, and any tied one, at offset {@code t} or later. Once
 * {@code limit} matches lie strictly before {@code t}, no later stretch can change the answer.
 */
final class CorridorSearch {
  private final LocationIndex index;
  private final Corridor corridor;
  /** The whole corridor's covering, whose ranges list the arcs their points need. */
  private final Covering covering;
  private final boolean[] allowed;
  private final IntBuffer cellKeys;
  private final IntBuffer cellStarts;
  private final LongBuffer spill;
  private final DoubleBuffer lat;
  private final DoubleBuffer lon;
  private final IntBuffer pointStarts;
  private final IntSet seenLocations = new IntSet();
  private final Nearest nearest = new Nearest();
  private final double[] p = new double[3];
  private final double[] result = new double[2];
  private int[] matchLocation = new int[16];
  private double[] matchDistance = new double[16];
  private double[] matchOffset = new double[16];
  private int matches;
  private int tested;

  private CorridorSearch(LocationIndex index, Corridor corridor, boolean[] allowed) {
    this.index = index;
    this.corridor = corridor;
    this.covering = Covering.of(corridor);
    this.allowed = allowed;
    this.cellKeys = index.cellKeys();
    this.cellStarts = index.cellStarts();
    this.spill = index.spill();
    this.lat = index.latitudes();
    this.lon = index.longitudes();
    this.pointStarts = index.pointStarts();
  }

  static List<IndexMatch> search(LocationIndex index, Corridor corridor, SearchOptions options) {
    return run(index, corridor, options).sorted(options);
  }

  /** Runs a search and returns it, unsorted: for tests that count its work. */
  static CorridorSearch run(LocationIndex index, Corridor corridor, SearchOptions options) {
    boolean[] allowed = null;
    if (!options.categories().isEmpty()) {
      allowed = new boolean[index.categoryCount() + 1];
      for (String c : options.categories()) {
        int code = index.categoryCodeOf(c);
        if (code > 0) {
          allowed[code] = true;
        }
      }
    }
    CorridorSearch s = new CorridorSearch(index, corridor, allowed);
    if (options.sort() == SearchOptions.Sort.OFFSET && options.limit() > 0) {
      s.walk(options.limit());
    } else {
      s.scan(s.covering, null);
    }
    return s;
  }

  /** Returns how many candidate locations had their points tested exactly. */
  int tested() {
    return tested;
  }

  /** Scans stretches of the route in order until the first {@code limit} matches are certain. */
  private void walk(int limit) {
    double length = corridor.route().lengthMeters();
    double chunkMeters = Math.max(2_000, 4 * corridor.radiusMeters());
    double from = 0;
    IntSet seenCells = new IntSet();
    while (true) {
      double to = from + chunkMeters;
      scan(Covering.of(corridor, from, to), seenCells);
      // The margin keeps the comparison clear of the offsets' rounding (nanometres).
      if (to >= length || (matches >= limit && kthOffset(limit) < to - 1e-6)) {
        return;
      }
      from = to;
      chunkMeters *= 2;
    }
  }

  private double kthOffset(int k) {
    double[] offsets = Arrays.copyOf(matchOffset, matches);
    Arrays.sort(offsets);
    return offsets[k - 1];
  }

  /** Tests the locations of the cells in the key ranges, skipping cells in {@code seenCells}. */
  private void scan(Covering ranges, IntSet seenCells) {
    int cells = cellKeys.capacity();
    int spills = spill.capacity();
    for (int k = 0; k < ranges.rangeCount(); k++) {
      int lo = ranges.lo(k);
      int hi = ranges.hi(k);
      for (int d = lowerBound(cellKeys, cells, lo); d < cells && cellKeys.get(d) <= hi; d++) {
        if (seenCells != null && !seenCells.add(d)) {
          continue;
        }
        for (int loc = cellStarts.get(d), end = cellStarts.get(d + 1); loc < end; loc++) {
          test(loc);
        }
      }
      for (int s = lowerBound(spill, spills, (long) lo << 32); s < spills && (spill.get(s) >>> 32) <= hi; s++) {
        test((int) spill.get(s));
      }
    }
  }

  private void test(int loc) {
    if (allowed != null && !allowed[index.categoryCode(loc)]) {
      return;
    }
    int from = pointStarts.get(loc);
    int to = pointStarts.get(loc + 1);
    // A multi-point location can be reached from several cells (and chunks): test it once.
    if (to - from > 1 && !seenLocations.add(loc)) {
      return;
    }
    tested++;
    nearest.reset();
    int[] arcIds = covering.arcIds();
    for (int q = from; q < to; q++) {
      double latDegrees = lat.get(q);
      double lonDegrees = lon.get(q);
      int range = covering.rangeOf(CellGrid.key(latDegrees, lonDegrees));
      if (range < 0) {
        continue; // no arc reaches the point's cell: the point is outside
      }
      Sphere.toUnitVector(latDegrees, lonDegrees, p, 0);
      if (corridor.nearest(p[0], p[1], p[2], arcIds, covering.arcsFrom(range), covering.arcsTo(range), result)) {
        nearest.add(result[0], result[1]);
      }
    }
    if (nearest.resolveWithin(Double.POSITIVE_INFINITY)) {
      if (matches == matchLocation.length) {
        matchLocation = Arrays.copyOf(matchLocation, matches * 2);
        matchDistance = Arrays.copyOf(matchDistance, matches * 2);
        matchOffset = Arrays.copyOf(matchOffset, matches * 2);
      }
      matchLocation[matches] = loc;
      matchDistance[matches] = nearest.distanceMeters();
      matchOffset[matches] = nearest.offsetMeters();
      matches++;
    }
  }

  private List<IndexMatch> sorted(SearchOptions options) {
    IndexMatch[] out = new IndexMatch[matches];
    for (int m = 0; m < matches; m++) {
      out[m] = new IndexMatch(matchLocation[m], index.id(matchLocation[m]), matchDistance[m], matchOffset[m]);
    }
    Comparator<IndexMatch> order = options.sort() == SearchOptions.Sort.DISTANCE
        ? Comparator.comparingDouble(IndexMatch::distanceMeters)
        : Comparator.comparingDouble(IndexMatch::offsetMeters);
    Arrays.sort(out, order.thenComparing(IndexMatch::id));
    int n = options.limit() > 0 ? Math.min(options.limit(), matches) : matches;
    return List.of(Arrays.copyOf(out, n));
  }

  private static int lowerBound(IntBuffer keys, int n, int key) {
    int a = 0;
    int b = n;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (keys.get(mid) < key) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    return a;
  }

  private static int lowerBound(LongBuffer keys, int n, long key) {
    int a = 0;
    int b = n;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (keys.get(mid) < key) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    return a;
  }
}
