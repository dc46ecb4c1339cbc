package io.corridor.index;

/**
 * The order of locations within a cell of the index: by the {@link CellRefiner#MAX_SPLIT} ×
 * {@link CellRefiner#MAX_SPLIT} sub-cell of their point, in Morton (Z) order, and the multi-point
 * locations last. In Morton order each sub-cell of a coarser cut (2 × 2, 4 × 4) is a contiguous
 * run of codes, so a search that has cut a cell finds the locations of a sub-cell by binary search
 * and skips those of sub-cells that keep no arc without reading them.
 *
 * <p>Snapshots of format version 3 and indexes built in memory are laid out in this order;
 * version 2 snapshots are not, and are scanned location by location.
 */
final class SubCellOrder {
  /** Codes 0 to 63 are single-point locations by sub-cell; this one, after them, multi-point ones. */
  static final int MULTI_POINT = 64;
  private static final int SIDE = CellRefiner.MAX_SPLIT;
  private static final double DEGREES_PER_CELL = 1.0 / CellGrid.CELLS_PER_DEGREE;

  private SubCellOrder() {}

  /** Returns the code of a single-point location at the point in degrees, in cell (row, column). */
  static int code(double latDegrees, double lonDegrees, int row, int column) {
    int i = CellRefiner.subCell(latDegrees, row * DEGREES_PER_CELL - 90, SIDE);
    int j = CellRefiner.subCell(lonDegrees, column * DEGREES_PER_CELL - 180, SIDE);
    return morton(i, j);
  }

  /** Returns the Morton code of sub-cell (i, j) of a cut into 8 × 8: the bits of i and j interleaved, i's higher. */
  static int morton(int i, int j) {
    return spread(i) << 1 | spread(j);
  }

  /** Spreads the three low bits of v to bits 0, 2 and 4. */
  private static int spread(int v) {
    return (v & 1) | (v & 2) << 1 | (v & 4) << 2;
  }
}
