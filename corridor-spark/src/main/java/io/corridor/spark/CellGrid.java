package io.corridor.spark;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Sphere;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The cells that key the corridor join: rows of equal height (about {@code cellMeters}), each cut
 * into as many columns as fit with a width of at least {@code cellMeters} at the row's poleward
 * edge, so cells stay roughly square up to the poles, where a row is one cell. A point lies in
 * exactly one cell; a corridor covers every cell that holds a point within its radius, and
 * usually a few more: the join only needs the covering to be complete, exactness comes from the
 * exact test that follows. Immutable and safe to share between threads.
 *
 * <p><b>Covering, conservatively.</b> Each arc is sampled every {@code h} (at most the cell size,
 * or a quarter of the radius when that is longer); every point within r of the arc is within
 * r + h/2 of a sample, so marking, for each sample, every cell that meets the cap of that radius
 * marks every cell the corridor reaches. A cap spans latitudes [φ − ρ, φ + ρ] and, unless it holds
 * a pole, longitudes λ ± asin(sin ρ / cos φ) (its widest reach); columns wrap at the
 * antimeridian, and a cap that holds a pole takes its rows whole. Bounds are widened by a few
 * nanodegrees against rounding, and cells are found by the same floor formula for points and
 * bounds, which is monotone in floating point.
 */
public final class CellGrid implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Widening of every bound, in degrees (about 0.1 mm), against rounding. */
  private static final double EPS_DEGREES = 1e-9;

  private final double cellMeters;
  private final double rowDegrees;
  private final int rows;

  private CellGrid(double cellMeters) {
    this.cellMeters = cellMeters;
    this.rowDegrees = Math.toDegrees(cellMeters / Sphere.EARTH_RADIUS_METERS);
    this.rows = (int) Math.ceil(180 / rowDegrees);
  }

  /** Returns the grid with cells of about {@code cellMeters} (at least 1 m, at most 1 000 km). */
  public static CellGrid of(double cellMeters) {
    if (!(cellMeters >= 1 && cellMeters <= 1_000_000)) {
      throw new IllegalArgumentException(
          "cell size " + cellMeters + " m is outside [1, 1000000] metres");
    }
    return new CellGrid(cellMeters);
  }

  /** Returns the cell size in metres. */
  public double cellMeters() {
    return cellMeters;
  }

  /** Returns the key of the cell holding the point (degrees, in range). */
  public long cellOf(double latDegrees, double lonDegrees) {
    int row = row(latDegrees);
    return key(row, column(lonDegrees, columns(row)));
  }

  /**
   * Returns the keys of every cell holding a point within the corridor's radius of its route,
   * ascending and distinct (and possibly a few more).
   */
  public long[] cover(Corridor corridor) {
    double r = corridor.radiusMeters();
    double stepRadians = Math.max(cellMeters, r / 4) / Sphere.EARTH_RADIUS_METERS;
    double capRadians = corridor.radiusRadians() + stepRadians / 2;
    Cells cells = new Cells();
    double[] p = new double[3];
    for (int arc = 0; arc < corridor.arcCount(); arc++) {
      double length = corridor.arcLengthRadians(arc);
      int steps = (int) Math.ceil(length / stepRadians);
      for (int k = 0; k <= steps; k++) {
        corridor.pointOnArc(arc, steps == 0 ? 0 : length * k / steps, p);
        markCap(Sphere.latDegrees(p[0], p[1], p[2]), Sphere.lonDegrees(p[0], p[1]), capRadians, cells);
      }
    }
    return cells.sortedDistinct();
  }

  /** Returns an estimate of the number of cells covering a corridor of this length and radius. */
  public double estimateCells(double lengthMeters, double radiusMeters) {
    double width = 2 * (radiusMeters + Math.max(cellMeters, radiusMeters / 4) / 2);
    return (lengthMeters / cellMeters + 1) * (width / cellMeters + 2);
  }

  private void markCap(double lat, double lon, double capRadians, Cells cells) {
    double capDegrees = Math.toDegrees(capRadians) + EPS_DEGREES;
    double south = lat - capDegrees;
    double north = lat + capDegrees;
    int rowFrom = row(Math.max(-90, south));
    int rowTo = row(Math.min(90, north));
    double halfWidth = 180;
    if (south > -90 && north < 90) {
      double s = Math.sin(capRadians) / Math.cos(Math.toRadians(lat));
      halfWidth = s >= 1 ? 180 : Math.toDegrees(Math.asin(s)) + EPS_DEGREES;
    }
    for (int row = rowFrom; row <= rowTo; row++) {
      int columns = columns(row);
      long c0 = (long) Math.floor((lon - halfWidth + 180) / 360 * columns);
      long c1 = (long) Math.floor((lon + halfWidth + 180) / 360 * columns);
      if (halfWidth >= 180 || c1 - c0 + 1 >= columns) {
        for (int c = 0; c < columns; c++) {
          cells.add(key(row, c));
        }
      } else {
        for (long c = c0; c <= c1; c++) {
          cells.add(key(row, (int) Math.floorMod(c, columns)));
        }
      }
    }
  }

  private int row(double latDegrees) {
    return Math.min(rows - 1, (int) Math.floor((latDegrees + 90) / rowDegrees));
  }

  /** Columns of a row: as many as fit with a width of at least the cell size at its poleward edge. */
  private int columns(int row) {
    double south = -90 + row * rowDegrees;
    double north = Math.min(90, south + rowDegrees);
    double poleward = Math.max(Math.abs(south), Math.abs(north));
    return (int) Math.max(1, Math.floor(360 * Math.cos(Math.toRadians(poleward)) / rowDegrees));
  }

  private static int column(double lonDegrees, int columns) {
    return Math.min(columns - 1, (int) Math.floor((lonDegrees + 180) / 360 * columns));
  }

  private static long key(int row, int column) {
    return ((long) row << 32) | column;
  }

  /** A growable list of cell keys, sorted and deduplicated at the end. */
  private static final class Cells {
    private long[] keys = new long[256];
    private int size;

    void add(long key) {
      if (size > 0 && keys[size - 1] == key) {
        return; // neighbouring samples mark the same cells in the same order
      }
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
      }
      keys[size++] = key;
    }

    long[] sortedDistinct() {
      Arrays.sort(keys, 0, size);
      int n = 0;
      for (int i = 0; i < size; i++) {
        if (n == 0 || keys[i] != keys[n - 1]) {
          keys[n++] = keys[i];
        }
      }
      return Arrays.copyOf(keys, n);
    }
  }
}
