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
 */
final class Covering {
  /** Margin added to every cap, in metres: far above rounding, and above the tie tolerance. */
  private static final double MARGIN_METERS = 1.0;
  private static final double CELL_METERS =
      Sphere.EARTH_RADIUS_METERS * Math.toRadians(1.0 / CellGrid.CELLS_PER_DEGREE);

  private Covering() {}

  /** Returns the key ranges covering the whole corridor; see {@link #ranges(Corridor, double, double)}. */
  static int[] ranges(Corridor corridor) {
    return ranges(corridor, 0, Double.POSITIVE_INFINITY);
  }

  /**
   * Returns the key ranges covering the part of the corridor around the route between offsets
   * {@code fromMeters} and {@code toMeters}, as pairs {@code [lo0, hi0, lo1, hi1, ...]} of
   * inclusive keys, ascending and disjoint.
   */
  static int[] ranges(Corridor corridor, double fromMeters, double toMeters) {
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
      for (int j = 0; j <= n; j++) {
        double t = n == 0 ? t0 : t0 + (t1 - t0) * j / n;
        corridor.pointOnArc(arc, t / Sphere.EARTH_RADIUS_METERS, p);
        double lat = Sphere.latDegrees(p[0], p[1], p[2]);
        double lon = Sphere.lonDegrees(p[0], p[1]);
        addCap(intervals, lat, lon, capRadians, capDegrees);
      }
    }
    return intervals.mergedKeyRanges();
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
    private int count;

    void add(int row, int first, int last) {
      if (count == packed.length) {
        packed = Arrays.copyOf(packed, count * 2);
      }
      packed[count++] = ((long) row << 40) | ((long) first << 20) | last;
    }

    int[] mergedKeyRanges() {
      Arrays.sort(packed, 0, count);
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
