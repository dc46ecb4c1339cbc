package io.corridor.index;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.geo.Sphere;
import java.util.Arrays;

/**
 * The cells of the {@link CellGrid} that a stretch of a corridor can reach, as ranges of cell
 * keys: every point within the radius (plus the tie tolerance) of the stretch of route lies in a cell
 * of a range. Never the corridor's bounding box: only cells near the arcs.
 *
 * <p>Conservatively, by sampled caps: each arc is sampled at most {@code h} apart, so a point
 * within r of the arc is within r + h/2 of a sample; each sample's cap of that radius (plus a
 * margin for rounding) covers its latitude rows and, in each, its widest longitude reach
 * asin(sin ρ / cos φ). A cap that reaches a pole covers whole rows; one that crosses the
 * antimeridian is split in two intervals. Intervals are merged per row, so no cell is listed twice.
 * Each merged range keeps the arcs whose caps reached it: the only arcs that its points need.
 */
final class Covering {
  /** Margin added to every cap, in metres: far above rounding, and above the tie tolerance. */
  private static final double MARGIN_METERS = 1.0;
  private static final double CELL_METERS =
      Sphere.EARTH_RADIUS_METERS * Math.toRadians(1.0 / CellGrid.CELLS_PER_DEGREE);

  /** Inclusive key ranges {@code [lo0, hi0, lo1, hi1, ...]}, ascending and disjoint. */
  private final int[] ranges;
  /** Per range k, its arcs are {@code arcIds[arcStart[k], arcStart[k + 1])}, ascending; or null. */
  private final int[] arcStart;
  private final int[] arcIds;

  private Covering(int[] ranges, int[] arcStart, int[] arcIds) {
    this.ranges = ranges;
    this.arcStart = arcStart;
    this.arcIds = arcIds;
  }

  /**
   * Returns the covering of the whole corridor, each range with the arcs whose caps reached it:
   * a point of a range that lies inside the corridor has its nearest arc, and every arc within the
   * tie tolerance of it, in the range's list (its distance to them is within a cap's radius).
   */
  static Covering of(Corridor corridor) {
    return build(corridor, 0, Double.POSITIVE_INFINITY, true);
  }

  /**
   * Returns the covering of the part of the corridor around the route between offsets
   * {@code fromMeters} and {@code toMeters}, without arc lists.
   */
  static Covering of(Corridor corridor, double fromMeters, double toMeters) {
    return build(corridor, fromMeters, toMeters, false);
  }

  /** Returns the number of key ranges. */
  int rangeCount() {
    return ranges.length / 2;
  }

  /** Returns the first key of range {@code k}. */
  int lo(int k) {
    return ranges[2 * k];
  }

  /** Returns the last key (inclusive) of range {@code k}. */
  int hi(int k) {
    return ranges[2 * k + 1];
  }

  /** Returns the range holding cell {@code key}, or −1 if none does (its points are outside). */
  int rangeOf(int key) {
    int a = 0;
    int b = ranges.length / 2 - 1;
    if (b < 0 || key < ranges[0]) {
      return -1;
    }
    while (a < b) {
      int mid = (a + b + 1) >>> 1;
      if (ranges[2 * mid] <= key) {
        a = mid;
      } else {
        b = mid - 1;
      }
    }
    return key <= ranges[2 * a + 1] ? a : -1;
  }

  /** Returns the arcs of all ranges; range k's are {@code [arcsFrom(k), arcsTo(k))}. */
  int[] arcIds() {
    return arcIds;
  }

  int arcsFrom(int k) {
    return arcStart[k];
  }

  int arcsTo(int k) {
    return arcStart[k + 1];
  }

  /** Returns the total number of cells in the ranges (for tests). */
  long cellCount() {
    long cells = 0;
    for (int k = 0; k < ranges.length; k += 2) {
      cells += ranges[k + 1] - ranges[k] + 1;
    }
    return cells;
  }

  private static Covering build(Corridor corridor, double fromMeters, double toMeters, boolean withArcs) {
    Route route = corridor.route();
    double r = corridor.radiusMeters();
    // Samples half a cell apart, or a quarter of the radius for wide corridors: caps a little
    // wider than the corridor, and few of them.
    double h = Math.max(CELL_METERS / 2, r / 4);
    double capRadians = (r + h / 2 + MARGIN_METERS) / Sphere.EARTH_RADIUS_METERS;
    double capDegrees = Math.toDegrees(capRadians);
    Intervals intervals = new Intervals();
    double[] p = new double[3];
    for (int arc = 0; arc < corridor.arcCount(); arc++) {
      double start = route.offsetMetersAt(arc);
      double lengthMeters = corridor.arcLengthRadians(arc) * Sphere.EARTH_RADIUS_METERS;
      if (start > toMeters || start + lengthMeters < fromMeters) {
        continue;
      }
      double t0 = Math.max(0, fromMeters - start);
      double t1 = Math.min(lengthMeters, toMeters - start);
      int n = (int) Math.ceil((t1 - t0) / h);
      intervals.arc = arc;
      for (int j = 0; j <= n; j++) {
        double t = n == 0 ? t0 : t0 + (t1 - t0) * j / n;
        corridor.pointOnArc(arc, t / Sphere.EARTH_RADIUS_METERS, p);
        double lat = Sphere.latDegrees(p[0], p[1], p[2]);
        double lon = Sphere.lonDegrees(p[0], p[1]);
        addCap(intervals, lat, lon, capRadians, capDegrees);
      }
    }
    int[] ranges = intervals.mergedKeyRanges();
    Covering merged = new Covering(ranges, null, null);
    return withArcs ? intervals.tag(merged) : merged;
  }

  private static void addCap(Intervals out, double lat, double lon, double capRadians, double capDegrees) {
    double south = lat - capDegrees;
    double north = lat + capDegrees;
    int r0 = CellGrid.row(south);
    int r1 = CellGrid.row(north);
    if (south <= -90 || north >= 90 || capRadians >= Math.PI / 2) {
      for (int row = r0; row <= r1; row++) {
        out.add(row, 0, CellGrid.COLUMNS - 1);
      }
      return;
    }
    // The cap holds no pole, so ρ < π/2 − |φ| and the ratio is below 1.
    double reach = Math.toDegrees(Math.asin(Math.min(1,
        Math.sin(capRadians) / Math.cos(Math.toRadians(lat))))) + 1e-9;
    double west = lon - reach;
    double east = lon + reach;
    for (int row = r0; row <= r1; row++) {
      if (reach >= 180) {
        out.add(row, 0, CellGrid.COLUMNS - 1);
      } else if (west < -180) {
        out.add(row, CellGrid.column(west + 360), CellGrid.COLUMNS - 1);
        out.add(row, 0, CellGrid.column(east));
      } else if (east > 180) {
        out.add(row, 0, CellGrid.column(east - 360));
        out.add(row, CellGrid.column(west), CellGrid.COLUMNS - 1);
      } else {
        out.add(row, CellGrid.column(west), CellGrid.column(east));
      }
    }
  }

  /** Column intervals per row, packed in longs (row, first, last) so that a sort orders them. */
  private static final class Intervals {
    private long[] packed = new long[256];
    private int[] arcs = new int[256];
    private int count;
    /** The arc whose samples are being added. */
    int arc;

    void add(int row, int first, int last) {
      if (count == packed.length) {
        packed = Arrays.copyOf(packed, count * 2);
        arcs = Arrays.copyOf(arcs, count * 2);
      }
      arcs[count] = arc;
      packed[count++] = ((long) row << 40) | ((long) first << 20) | last;
    }

    /** Lists, for each merged range, the arcs of the intervals it absorbed, ascending. */
    Covering tag(Covering merged) {
      long[] pairs = new long[count];
      for (int i = 0; i < count; i++) {
        int row = (int) (packed[i] >>> 40);
        int first = (int) (packed[i] >>> 20) & 0xFFFFF;
        pairs[i] = ((long) merged.rangeOf(CellGrid.key(row, first)) << 32) | arcs[i];
      }
      Arrays.sort(pairs);
      int ranges = merged.rangeCount();
      int[] start = new int[ranges + 1];
      int[] ids = new int[count];
      int n = 0;
      for (int i = 0; i < count; i++) {
        if (i > 0 && pairs[i] == pairs[i - 1]) {
          continue;
        }
        start[(int) (pairs[i] >>> 32) + 1]++;
        ids[n++] = (int) pairs[i];
      }
      for (int k = 0; k < ranges; k++) {
        start[k + 1] += start[k];
      }
      return new Covering(merged.ranges, start, Arrays.copyOf(ids, n));
    }

    int[] mergedKeyRanges() {
      long[] packed = Arrays.copyOf(this.packed, count);
      Arrays.sort(packed);
      int[] out = new int[16];
      int n = 0;
      int i = 0;
      while (i < count) {
        int row = (int) (packed[i] >>> 40);
        int first = (int) (packed[i] >>> 20) & 0xFFFFF;
        int last = (int) packed[i] & 0xFFFFF;
        int j = i + 1;
        // Same row, starting at most one column past the current end: one interval.
        while (j < count && (int) (packed[j] >>> 40) == row
            && ((int) (packed[j] >>> 20) & 0xFFFFF) <= last + 1) {
          last = Math.max(last, (int) packed[j] & 0xFFFFF);
          j++;
        }
        if (n + 2 > out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        int lo = CellGrid.key(row, first);
        int hi = CellGrid.key(row, last);
        if (n > 0 && out[n - 1] + 1 >= lo) {
          out[n - 1] = hi; // the end of one row and the start of the next: adjacent keys
        } else {
          out[n++] = lo;
          out[n++] = hi;
        }
        i = j;
      }
      return Arrays.copyOf(out, n);
    }
  }
}
