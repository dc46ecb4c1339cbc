package io.corridor.core.filter;

import io.corridor.core.geo.Corridor;
import java.util.Arrays;

/**
 * A covering of a corridor by small latitude/longitude cells, each knowing the few arcs that can be
 * nearest to a point inside it: the structure that lets the fast filter reject most points with
 * two integer range checks and test the rest against a handful of arcs instead of all of them.
 * This class is the lookup; {@link CorridorGridBuilder} builds it and {@link Occupancy} is its
 * first, cache-resident filter.
 *
 * <p><b>The grid.</b> Rows of equal height {@code s} metres; row k has as many columns as fit with
 * a width of at least s at its poleward edge, so cells stay roughly square up to the poles, and
 * the rows that touch a pole are one cell wide. Top-level cells are keyed (row, column) in an
 * open-addressing table. A cell whose arc list is long (a dense route under a wide radius) is split
 * into 2×2 children, recursively; a point descends by halving its fractional position in the cell,
 * which is exact in floating point.
 *
 * <p><b>Covering, conservatively.</b> The cells are those that the route's caps
 * ({@link io.corridor.core.covering.RouteCaps}) reach, each with its caps' arcs; when there are
 * enough points per cell, each cell keeps only the arcs that can matter to one of its points
 * ({@link io.corridor.core.covering.ArcPruning}), and a cell left with none is dropped. What
 * remains is complete: the nearest arc of every point of the cell that is inside the corridor, and
 * every arc within the tie tolerance of it, is in the cell's list, so the answer on the list is the
 * answer on the whole route. Both steps take their slack from
 * {@link io.corridor.core.covering.ErrorBound}.
 *
 * <p>Immutable once built and safe to share between threads.
 */
final class CorridorGrid {
  /** An empty slot of the cell tables. */
  static final long EMPTY = -1L;
  /** A cell with more arcs than this is split, budget permitting. */
  static final int SPLIT_ABOVE = 8;
  /** The cost of a split's geometry (about 20 trigonometric calls), in arc distances. */
  static final int NODE_COST = 60;
  /** Below this many points per top-level cell, cells keep their covering's arcs unpruned. */
  static final int REFINE_POINTS_PER_CELL = 64;
  /** How many times over a split must repay its cost in arc tests saved. */
  static final double SPLIT_PAYBACK = 4;
  /** How many points, at most, estimate the density of points per cell. */
  static final int DENSITY_SAMPLE = 8192;
  /** Deepest split: cells down to 1/1024 of the top-level size. */
  static final int MAX_LEVEL = 10;

  private final double rowsPerDegree;
  private final int rowCount;
  private final int rowMin;
  private final int rowMax;
  /** Per covered row (index row − rowMin): columns per degree and column count. */
  private final double[] colsPerDegree;
  private final int[] colCount;
  /** The coarse occupancy bitmap, checked before the table: small enough to stay in cache. */
  private final Occupancy occupancy;
  private final long[] keys;
  private final int[] topNode;
  private final int mask;
  private final int shift;
  /** Per node: its arc list [start, end) in arcIds, and its first child (−1 for a leaf). */
  private final int[] nodeStart;
  private final int[] nodeEnd;
  private final int[] nodeChild;
  private final int[] arcIds;

  /**
   * Builds the grid of {@code corridor} with top-level cells of about {@code cellMeters}, splitting
   * the long cells where the given points are dense enough to pay for it (estimated from an even
   * sample of at most {@link #DENSITY_SAMPLE} of them), while the arcs examined by splits stay under
   * {@code splitBudget}. The points only steer the effort: the answers never depend on them. A
   * negative budget prunes every cell and splits every long one down to {@link #MAX_LEVEL}, within a fixed budget (for
   * tests: the most refined grid the builder makes).
   */
  static CorridorGrid build(Corridor corridor, double cellMeters, double[] lats, double[] lons,
      int pointCount, long splitBudget) {
    return new CorridorGridBuilder(corridor, cellMeters, splitBudget).build(lats, lons, pointCount);
  }

  CorridorGrid(CorridorGridBuilder b, long[] keys, int[] topNode) {
    this.rowsPerDegree = b.rowsPerDegree;
    this.rowCount = b.rowCount;
    this.rowMin = b.rowMin;
    this.rowMax = b.rowMax;
    this.colsPerDegree = b.colsPerDegree;
    this.colCount = b.colCount;
    this.occupancy = b.occupancy;
    this.keys = keys;
    this.topNode = topNode;
    this.mask = keys.length - 1;
    this.shift = 64 - Integer.numberOfTrailingZeros(keys.length);
    this.nodeStart = Arrays.copyOf(b.nodeStart, b.nodes);
    this.nodeEnd = Arrays.copyOf(b.nodeEnd, b.nodes);
    this.nodeChild = Arrays.copyOf(b.nodeChild, b.nodes);
    this.arcIds = Arrays.copyOf(b.arcs, b.arcCount);
  }

  /** Returns the arc ids of all cells; a cell's list is {@code [start(node), end(node))}. */
  int[] arcIds() {
    return arcIds;
  }

  int start(int node) {
    return nodeStart[node];
  }

  int end(int node) {
    return nodeEnd[node];
  }

  /** Returns whether a cell of the corridor may hold the point: false rejects it for certain. */
  boolean mayContain(double latDegrees, double lonDegrees) {
    return occupancy.mayContain(latDegrees, lonDegrees);
  }

  /**
   * Returns the leaf cell holding a point in degrees that {@link #mayContain} accepted, or −1 if
   * no cell of the corridor holds it (then the point is outside the corridor). A leaf may have an
   * empty list, with the same meaning.
   */
  int findCell(double latDegrees, double lonDegrees) {
    double fr = (latDegrees + 90) * rowsPerDegree;
    int row = (int) fr;
    if (row >= rowCount) {
      row = rowCount - 1;
    }
    if (row < rowMin || row > rowMax) {
      return -1;
    }
    int r = row - rowMin;
    double fc = (lonDegrees + 180) * colsPerDegree[r];
    int col = (int) fc;
    if (col >= colCount[r]) {
      col = colCount[r] - 1;
    }
    long key = ((long) row << 32) | col;
    int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    while (true) {
      long k = keys[slot];
      if (k == key) {
        break;
      }
      if (k == EMPTY) {
        return -1;
      }
      slot = (slot + 1) & mask;
    }
    int node = topNode[slot];
    if (nodeChild[node] < 0) {
      return node;
    }
    // Descend by the point's position within the cell: doubling and subtracting 1 are exact.
    double y = Math.min(fr - row, 0x1.fffffffffffffp-1);
    double x = Math.min(fc - col, 0x1.fffffffffffffp-1);
    do {
      y += y;
      x += x;
      int quadrant = 0;
      if (y >= 1) {
        y -= 1;
        quadrant = 2;
      }
      if (x >= 1) {
        x -= 1;
        quadrant |= 1;
      }
      node = nodeChild[node] + quadrant;
    } while (nodeChild[node] >= 0);
    return node;
  }

}
