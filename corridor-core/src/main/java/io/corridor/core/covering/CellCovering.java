package io.corridor.core.covering;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Sphere;
import java.util.Arrays;

/**
 * The cells of a uniform latitude/longitude grid that a corridor covers, each with the arcs that
 * can matter to its points: what a distributed join needs to pair points with corridors by key.
 * With n cells per degree, a point's cell is row ⌊(lat + 90)·n⌋, column ⌊(lon + 180)·n⌋ (the
 * north pole in the last row, +180° in the last column), keyed {@code row · 360n + column}
 * ({@link #cellOf}). Every point inside the corridor lies in a listed cell, and its nearest arc
 * (and every arc tied with it) is among that cell's arcs, so
 * {@link Corridor#nearest(double, double, double, int[], int, int, double[])} over them gives the
 * answer over the whole route; a point in no listed cell is outside.
 *
 * <p>Built from the route's caps ({@link RouteCaps}) over stretches of half a cell, or a quarter
 * of the radius for wide corridors, each cell's arcs pruned by {@link ArcPruning}; its slack comes
 * from {@link ErrorBound}. Immutable and safe to share between threads.
 */
public final class CellCovering {
  /** The finest grid: 1/1024 degree, about 109 m north–south. */
  public static final int MAX_CELLS_PER_DEGREE = 1024;
  /** The most (cell, cap) pairs a covering may hold: choose coarser cells beyond it. */
  public static final int MAX_PAIRS = 1 << 24;

  private final int cellsPerDegree;
  private final long[] cells;
  private final int[] arcStart;
  private final int[] arcIds;

  private CellCovering(int cellsPerDegree, long[] cells, int[] arcStart, int[] arcIds) {
    this.cellsPerDegree = cellsPerDegree;
    this.cells = cells;
    this.arcStart = arcStart;
    this.arcIds = arcIds;
  }

  /**
   * Returns the covering of {@code corridor} at {@code cellsPerDegree} cells per degree.
   *
   * @throws IllegalArgumentException if the resolution is not in [1, {@link #MAX_CELLS_PER_DEGREE}],
   *     or the covering would pass {@link #MAX_PAIRS} (cells too fine for the corridor)
   */
  public static CellCovering of(Corridor corridor, int cellsPerDegree) {
    if (cellsPerDegree < 1 || cellsPerDegree > MAX_CELLS_PER_DEGREE) {
      throw new IllegalArgumentException("cells per degree " + cellsPerDegree + " must be in [1, "
          + MAX_CELLS_PER_DEGREE + "]");
    }
    double cellMeters = Sphere.EARTH_RADIUS_METERS * Math.toRadians(1.0 / cellsPerDegree);
    RouteCaps caps = RouteCaps.of(corridor, Math.max(cellMeters / 2, corridor.radiusMeters() / 4));
    int rows = 180 * cellsPerDegree;
    int columns = 360 * cellsPerDegree;
    long estimate = 0;
    for (int k = 0; k < caps.count(); k++) {
      long r = row(caps.northDegrees(k), cellsPerDegree) - row(caps.southDegrees(k), cellsPerDegree) + 1L;
      double reach = caps.reachDegrees(k);
      estimate += r * (reach < 0 ? columns : (long) Math.ceil(2 * reach * cellsPerDegree) + 2);
    }
    if (estimate > MAX_PAIRS) {
      throw new IllegalArgumentException("the covering at " + cellsPerDegree
          + " cells per degree would hold about " + estimate + " (cell, cap) pairs, more than "
          + MAX_PAIRS + ": choose fewer cells per degree");
    }
    // (cell, pair) packed: cell keys below 2^36, pairs below 2^27; caps come in route order, so
    // sorting keeps each cell's caps ascending.
    long[] pairs = new long[(int) estimate];
    int[] capOf = new int[(int) estimate];
    int n = 0;
    for (int k = 0; k < caps.count(); k++) {
      int r0 = row(caps.southDegrees(k), cellsPerDegree);
      int r1 = row(caps.northDegrees(k), cellsPerDegree);
      double reach = caps.reachDegrees(k);
      double lon = caps.lonDegrees(k);
      for (int row = r0; row <= r1; row++) {
        int c0 = 0;
        int c1 = columns - 1;
        if (reach >= 0) {
          c0 = (int) Math.floor((lon - reach + 180) * cellsPerDegree);
          c1 = (int) Math.floor((lon + reach + 180) * cellsPerDegree);
          if (c1 - c0 + 1 >= columns) {
            c0 = 0;
            c1 = columns - 1;
          }
        }
        for (int c = c0; c <= c1; c++) {
          int column = Math.floorMod(c, columns);
          pairs[n] = (((long) row * columns + column) << 27) | n;
          capOf[n] = k;
          n++;
        }
      }
    }
    Arrays.sort(pairs, 0, n);
    return group(corridor, cellsPerDegree, caps, pairs, capOf, n, rows);
  }

  /** Groups sorted pairs into cells, each with its caps' arcs, pruned. */
  private static CellCovering group(Corridor corridor, int cellsPerDegree, RouteCaps caps,
      long[] pairs, int[] capOf, int n, int rows) {
    int columns = 360 * cellsPerDegree;
    double size = 1.0 / cellsPerDegree;
    long[] cells = new long[16];
    int[] starts = new int[17];
    int[] arcs = new int[64];
    int[] merged = new int[64];
    double[] scratch = new double[64];
    double[] centre = new double[3];
    int count = 0;
    int arcCount = 0;
    for (int i = 0; i < n; ) {
      long cell = pairs[i] >>> 27;
      int m = 0;
      int j = i;
      for (; j < n && pairs[j] >>> 27 == cell; j++) {
        int k = capOf[(int) (pairs[j] & ((1 << 27) - 1))];
        int from = caps.firstArc(k);
        int to = caps.lastArc(k);
        if (merged.length < m + to - from + 1) {
          merged = Arrays.copyOf(merged, Math.max(2 * merged.length, m + to - from + 1));
        }
        for (int a = m > 0 ? Math.max(from, merged[m - 1] + 1) : from; a <= to; a++) {
          merged[m++] = a;
        }
      }
      i = j;
      int row = (int) (cell / columns);
      int column = (int) (cell % columns);
      double south = row * size - 90;
      double west = column * size - 180;
      double delta = ArcPruning.centreAndCircumradius(south, Math.min(90, south + size), west,
          west + size, centre);
      if (scratch.length < m) {
        scratch = new double[Math.max(m, 2 * scratch.length)];
      }
      if (arcs.length < arcCount + m) {
        arcs = Arrays.copyOf(arcs, Math.max(arcCount + m, 2 * arcs.length));
      }
      int end = ArcPruning.keep(corridor, centre, delta, merged, 0, m, scratch, arcs, arcCount);
      if (end == arcCount) {
        continue; // no arc can matter to a point of the cell
      }
      if (count == cells.length) {
        cells = Arrays.copyOf(cells, 2 * count);
        starts = Arrays.copyOf(starts, 2 * count + 1);
      }
      cells[count] = cell;
      starts[count] = arcCount;
      arcCount = end;
      count++;
    }
    starts[count] = arcCount;
    return new CellCovering(cellsPerDegree, Arrays.copyOf(cells, count),
        Arrays.copyOf(starts, count + 1), Arrays.copyOf(arcs, arcCount));
  }

  /** Returns the key of the cell holding a point in degrees, at {@code cellsPerDegree}. */
  public static long cellOf(double latDegrees, double lonDegrees, int cellsPerDegree) {
    int columns = 360 * cellsPerDegree;
    int column = (int) Math.floor((lonDegrees + 180) * cellsPerDegree);
    return (long) row(latDegrees, cellsPerDegree) * columns + Math.max(0, Math.min(columns - 1, column));
  }

  private static int row(double latDegrees, int cellsPerDegree) {
    int r = (int) Math.floor((latDegrees + 90) * cellsPerDegree);
    return Math.max(0, Math.min(180 * cellsPerDegree - 1, r));
  }

  /** Returns the grid's resolution, in cells per degree. */
  public int cellsPerDegree() {
    return cellsPerDegree;
  }

  /** Returns the number of cells covered. */
  public int size() {
    return cells.length;
  }

  /** Returns the key of the {@code i}-th cell; keys ascend with i. */
  public long cell(int i) {
    return cells[i];
  }

  /** Returns the position of the cell with key {@code cell}, or −1 if the corridor does not cover it. */
  public int indexOf(long cell) {
    int i = Arrays.binarySearch(cells, cell);
    return i >= 0 ? i : -1;
  }

  /** Returns the arcs of the {@code i}-th cell, ascending. */
  public int[] arcs(int i) {
    return Arrays.copyOfRange(arcIds, arcStart[i], arcStart[i + 1]);
  }
}
