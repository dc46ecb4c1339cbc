package io.corridor.index;

/**
 * The index's fixed grid: equal-angle cells of 1/{@link #CELLS_PER_DEGREE} degree (about 870 m
 * north–south, narrower in longitude away from the equator), keyed in row-major order
 * {@code row · COLUMNS + column}, rows from the south pole and columns from −180°.
 *
 * <p>Row-major is the space-filling curve chosen on purpose: a run of columns of one row is one
 * contiguous range of keys, so a covering made of per-row column intervals turns into a few
 * binary searches of the cell directory, and a whole row (what a cap over a pole covers) is one
 * range however many cells it has. A Z-order or Hilbert curve would keep 2-D neighbours closer on
 * disk but cut such intervals into many ranges.
 */
final class CellGrid {
  /** Cells per degree of latitude and of longitude; the snapshot records it. */
  static final int CELLS_PER_DEGREE = 128;
  static final int ROWS = 180 * CELLS_PER_DEGREE;
  static final int COLUMNS = 360 * CELLS_PER_DEGREE;

  private CellGrid() {}

  /** Returns the row of a latitude in degrees; the north pole belongs to the last row. */
  static int row(double latDegrees) {
    int r = (int) Math.floor((latDegrees + 90) * CELLS_PER_DEGREE);
    return Math.max(0, Math.min(ROWS - 1, r));
  }

  /** Returns the column of a longitude in degrees; +180° belongs to the last column. */
  static int column(double lonDegrees) {
    int c = (int) Math.floor((lonDegrees + 180) * CELLS_PER_DEGREE);
    return Math.max(0, Math.min(COLUMNS - 1, c));
  }

  /** Returns the key of the cell holding the point in degrees. */
  static int key(double latDegrees, double lonDegrees) {
    return key(row(latDegrees), column(lonDegrees));
  }

  /** Returns the key of a row and column (below 2^31: 23 040 × 46 080 cells). */
  static int key(int row, int column) {
    return row * COLUMNS + column;
  }
}
