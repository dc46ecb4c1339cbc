package io.corridor.index;

import io.corridor.core.covering.ArcPruning;
import io.corridor.core.geo.Corridor;
import java.util.Arrays;

/**
 * Cuts a cell of the {@link CellGrid} into {@code split × split} sub-cells, each with the arcs
 * that can matter to one of its points ({@link ArcPruning}), so that a candidate is tested against
 * its sub-cell's few arcs, or rejected without any trigonometry when its sub-cell keeps none.
 *
 * <p>The cut is made a halving at a time, each quadrant pruning its parent's list, so that the
 * parts of the cell far from the route are dropped at the first level. Not thread-safe: one per
 * search, its buffers reused from cell to cell.
 */
final class CellRefiner {
  /** The finest cut of a cell, in sub-cells per side. */
  static final int MAX_SPLIT = 8;
  private static final double DEGREES_PER_CELL = 1.0 / CellGrid.CELLS_PER_DEGREE;

  private final Corridor corridor;
  /** Two levels of a cell's cut, each its arcs and per sub-cell starts, swapped level by level. */
  private final int[][] levelArcs = {new int[64], new int[64]};
  private final int[][] levelStart = {new int[MAX_SPLIT * MAX_SPLIT + 1], new int[MAX_SPLIT * MAX_SPLIT + 1]};
  private final double[] centre = new double[3];
  private double[] chord2 = new double[64];
  /**
   * Per level (indexed by side: 1, 2, 4, 8), for the row last cut: the circumradius and the
   * latitude's sine and cosine of each row of sub-cells. A circumradius does not depend on the
   * longitude, and cells of one row come in runs, so these are computed once per row.
   */
  private final int[] levelRow = new int[MAX_SPLIT + 1];
  private final double[][] rowDelta = new double[MAX_SPLIT + 1][];
  private final double[][] rowSinLat = new double[MAX_SPLIT + 1][];
  private final double[][] rowCosLat = new double[MAX_SPLIT + 1][];
  /** The longitude's sine and cosine of each column of sub-cells of the cell being cut. */
  private final double[] sinLon = new double[MAX_SPLIT];
  private final double[] cosLon = new double[MAX_SPLIT];
  /** The radius of the cut under way: the corridor's, or less for a search that needs no farther match. */
  private double radiusRadians;
  /** The distance of the cut under way below which no match is needed, or 0. */
  private double innerRadians;
  /** The last cut: its arcs, and per sub-cell (row-major from the south-west) their start. */
  private int[] cellArcs;
  private int[] subStart;

  CellRefiner(Corridor corridor) {
    this.corridor = corridor;
    Arrays.fill(levelRow, -1);
    for (int side = 1; side <= MAX_SPLIT; side *= 2) {
      rowDelta[side] = new double[side];
      rowSinLat[side] = new double[side];
      rowCosLat[side] = new double[side];
    }
  }

  /**
   * Cuts cell (row, column), whose arcs are {@code arcs[from, to)}, into split × split sub-cells,
   * each keeping the arcs that can matter to its points within {@code radiusRadians} of the route
   * (the corridor's radius, or less) and not nearer than {@code innerRadians} (0, or more for a
   * search resuming by distance after a match).
   */
  void refine(int row, int column, int split, int[] arcs, int from, int to, double innerRadians,
      double radiusRadians) {
    this.innerRadians = innerRadians;
    this.radiusRadians = radiusRadians;
    int[] parentArcs = levelArcs[0];
    int[] childArcs = levelArcs[1];
    int[] parentStart = levelStart[0];
    int[] childStart = levelStart[1];
    // Level 0: the cell itself.
    if (parentArcs.length < to - from) {
      parentArcs = new int[Math.max(2 * parentArcs.length, to - from)];
    }
    parentStart[0] = 0;
    level(row, column, 1);
    parentStart[1] = prune(1, 0, arcs, from, to, parentArcs, 0);
    for (int side = 2; side <= split; side *= 2) {
      int half = side / 2;
      level(row, column, side);
      int n = 0;
      for (int i = 0; i < side; i++) {
        for (int j = 0; j < side; j++) {
          int parent = (i / 2) * half + j / 2;
          int pf = parentStart[parent];
          int pt = parentStart[parent + 1];
          childStart[i * side + j] = n;
          if (pf == pt) {
            continue; // no arc near the parent: none near its quadrants
          }
          if (n + (pt - pf) > childArcs.length) {
            childArcs = Arrays.copyOf(childArcs, Math.max(2 * childArcs.length, n + (pt - pf)));
          }
          n = prune(side, i * side + j, parentArcs, pf, pt, childArcs, n);
        }
      }
      childStart[side * side] = n;
      // The children become the parents of the next level.
      int[] arcsSwap = parentArcs;
      parentArcs = childArcs;
      childArcs = arcsSwap;
      int[] startSwap = parentStart;
      parentStart = childStart;
      childStart = startSwap;
    }
    levelArcs[0] = parentArcs;
    levelArcs[1] = childArcs;
    levelStart[0] = parentStart;
    levelStart[1] = childStart;
    cellArcs = parentArcs;
    subStart = parentStart;
  }

  /** Returns the arcs of the last cut; sub-cell s's are {@code [start(s), start(s + 1))}. */
  int[] arcs() {
    return cellArcs;
  }

  /** Returns where sub-cell {@code s}'s arcs start in {@link #arcs()}. */
  int start(int s) {
    return subStart[s];
  }

  /** Returns the sub-cell (0 to split − 1) of a coordinate within its cell starting at {@code origin}. */
  static int subCell(double degrees, double origin, int split) {
    // Truncation, not floor: they differ only below 0, which the clamp sends to 0 either way.
    int i = (int) ((degrees - origin) * (CellGrid.CELLS_PER_DEGREE * split));
    return Math.max(0, Math.min(split - 1, i));
  }

  /**
   * Prepares the {@code side × side} cut of cell (row, column): the rows of sub-cells (their
   * circumradius and latitude) unless this row was the last cut at this level, and the columns'
   * longitudes.
   */
  private void level(int row, int column, int side) {
    double size = DEGREES_PER_CELL / side;
    if (levelRow[side] != row) {
      levelRow[side] = row;
      for (int i = 0; i < side; i++) {
        double south = row * DEGREES_PER_CELL - 90 + i * size;
        double north = Math.min(90, south + size);
        // The centre is (re)computed below; only the circumradius is kept, the same at any longitude.
        rowDelta[side][i] = ArcPruning.centreAndCircumradius(south, north, 0, size, centre);
        double phi = Math.toRadians(0.5 * (south + north));
        rowSinLat[side][i] = Math.sin(phi);
        rowCosLat[side][i] = Math.cos(phi);
      }
    }
    for (int j = 0; j < side; j++) {
      double west = column * DEGREES_PER_CELL - 180 + j * size;
      double lambda = Math.toRadians(0.5 * (west + (west + size)));
      sinLon[j] = Math.sin(lambda);
      cosLon[j] = Math.cos(lambda);
    }
  }

  /**
   * Appends to {@code out} from {@code n} the arcs of {@code arcs[from, to)} that sub-cell
   * {@code sub} of the {@code side × side} cut prepared by {@link #level} keeps, and returns the
   * new end.
   */
  private int prune(int side, int sub, int[] arcs, int from, int to, int[] out, int n) {
    int i = sub / side;
    int j = sub % side;
    double cosPhi = rowCosLat[side][i];
    centre[0] = cosPhi * cosLon[j];
    centre[1] = cosPhi * sinLon[j];
    centre[2] = rowSinLat[side][i];
    if (chord2.length < to - from) {
      chord2 = new double[Math.max(2 * chord2.length, to - from)];
    }
    return ArcPruning.keep(corridor, innerRadians, radiusRadians, centre, rowDelta[side][i], arcs,
        from, to, chord2, out, n);
  }
}
