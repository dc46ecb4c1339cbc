package io.corridor.core.filter;

/**
 * A bitmap of coarse latitude/longitude blocks, set where a kept top-level cell may lie: most far
 * points are rejected by one bit test in a table of at most 2^20 bits (128 KiB) rather than by a
 * probe of the cell table, which for a long corridor of small cells does not fit in cache.
 */
final class Occupancy {
  static final int MAX_BITS = 1 << 20;
  private final double latOrigin;
  private final double lonOrigin;
  private final double blocksPerDegreeLat;
  private final double blocksPerDegreeLon;
  private final int rows;
  private final int cols;
  private final long[] bits;

  private Occupancy(double latOrigin, double lonOrigin, double latSpan, double lonSpan, int maxBits) {
    double blockDegrees = Math.max(Math.sqrt(latSpan * lonSpan / maxBits), 1e-7);
    this.latOrigin = latOrigin;
    this.lonOrigin = lonOrigin;
    this.rows = Math.max(1, (int) Math.ceil(latSpan / blockDegrees) + 1);
    this.cols = Math.max(1, (int) Math.ceil(lonSpan / blockDegrees) + 1);
    this.blocksPerDegreeLat = (rows - 1) / Math.max(latSpan, 1e-300);
    this.blocksPerDegreeLon = (cols - 1) / Math.max(lonSpan, 1e-300);
    this.bits = new long[(int) (((long) rows * cols + 63) >>> 6)];
  }

  /**
   * Builds the bitmap of the top-level cells in {@code keys} (EMPTY slots skipped), with about
   * 16 bits per point to serve, between 4 096 and {@link #MAX_BITS}.
   */
  static Occupancy of(CorridorGridBuilder b, long[] keys, int points) {
    // The longitude extent of the kept cells: the circle less its widest gap, found on a
    // histogram of whole degrees (cells may span several degrees near the poles).
    boolean[] used = new boolean[360];
    for (long key : keys) {
      if (key == CorridorGrid.EMPTY) {
        continue;
      }
      int r = (int) (key >>> 32) - b.rowMin;
      int col = (int) key;
      int w = (int) Math.floor(col / b.colsPerDegree[r]);
      int e = (int) Math.floor((col + 1) / b.colsPerDegree[r]);
      for (int d = w; d <= e && d - w < 360; d++) {
        used[Math.floorMod(d, 360)] = true;
      }
    }
    double lonOrigin = -180;
    double lonSpan = 360;
    int bestGap = 0;
    int bestEnd = 0;
    for (int d = 0; d < 360; d++) {
      if (used[d] || !used[Math.floorMod(d - 1, 360)]) {
        continue;
      }
      int gap = 0;
      while (gap < 360 && !used[(d + gap) % 360]) {
        gap++;
      }
      if (gap > bestGap) {
        bestGap = gap;
        bestEnd = (d + gap) % 360;
      }
    }
    if (bestGap > 0) {
      lonOrigin = -180 + bestEnd;
      lonSpan = 360 - bestGap;
    }
    int maxBits = (int) Math.min(MAX_BITS, Math.max(4096, 16L * points));
    Occupancy o = new Occupancy(b.latLo, lonOrigin, b.latHi - b.latLo, lonSpan, maxBits);
    for (long key : keys) {
      if (key == CorridorGrid.EMPTY) {
        continue;
      }
      int row = (int) (key >>> 32);
      int r = row - b.rowMin;
      int col = (int) key;
      double south = -90 + row / b.rowsPerDegree;
      double north = -90 + (row + 1) / b.rowsPerDegree;
      double w = -180 + col / b.colsPerDegree[r];
      double e = -180 + (col + 1) / b.colsPerDegree[r];
      o.mark(south, north, w, e);
    }
    return o;
  }

  private static double wrap(double degrees) {
    double d = degrees;
    while (d < 0) {
      d += 360;
    }
    while (d >= 360) {
      d -= 360;
    }
    return d;
  }

  private void mark(double south, double north, double west, double east) {
    int r0 = clampRow((int) Math.floor((south - latOrigin) * blocksPerDegreeLat) - 1);
    int r1 = clampRow((int) Math.floor((north - latOrigin) * blocksPerDegreeLat) + 1);
    double w = wrap(west - lonOrigin);
    int c0 = (int) Math.floor(w * blocksPerDegreeLon) - 1;
    int c1 = (int) Math.floor((w + (east - west)) * blocksPerDegreeLon) + 1;
    // Blocks per full turn: columns past it wrap to the start (only when the extent is 360°).
    int turn = Math.max(cols, (int) Math.ceil(360 * blocksPerDegreeLon));
    if (c1 - c0 + 1 >= turn) {
      c0 = 0;
      c1 = turn - 1;
    }
    for (int r = r0; r <= r1; r++) {
      for (int c = c0; c <= c1; c++) {
        int cc = c < 0 ? c + turn : c >= turn ? c - turn : c;
        if (cc < cols) {
          long bit = (long) r * cols + cc;
          bits[(int) (bit >>> 6)] |= 1L << bit;
        }
      }
    }
  }

  private int clampRow(int r) {
    return Math.max(0, Math.min(rows - 1, r));
  }

  /** Returns false only if no kept cell can hold the point. */
  boolean mayContain(double latDegrees, double lonDegrees) {
    int r = (int) ((latDegrees - latOrigin) * blocksPerDegreeLat);
    if (r < 0 || r >= rows) {
      return false;
    }
    double w = lonDegrees - lonOrigin;
    if (w < 0) {
      w += 360;
    }
    int c = (int) (w * blocksPerDegreeLon);
    if (c >= cols) {
      return false;
    }
    long bit = (long) r * cols + c;
    return (bits[(int) (bit >>> 6)] & (1L << bit)) != 0;
  }
}
