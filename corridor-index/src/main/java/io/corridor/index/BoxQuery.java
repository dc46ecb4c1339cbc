package io.corridor.index;

import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Set;

/**
 * The locations with a point in a latitude/longitude box, read from the cell directory row by row:
 * what a client that filters on its own side would have to be sent. Each row of the box is one or
 * two ranges of cell keys (two when the box crosses the antimeridian), so the query costs a binary
 * search per row and a test per point of the cells it reaches.
 */
final class BoxQuery {
  private final LocationIndex index;
  private final double west;
  private final double south;
  private final double east;
  private final double north;
  private final boolean[] allowed;
  private final int max;
  private final IntSet seenMultiPoint = new IntSet();
  private final IntBuffer pointStarts;
  private final DoubleBuffer lat;
  private final DoubleBuffer lon;
  private int[] found = new int[64];
  private int count;

  private BoxQuery(LocationIndex index, double[] box, boolean[] allowed, int max) {
    this.index = index;
    this.west = box[0];
    this.south = box[1];
    this.east = box[2];
    this.north = box[3];
    this.allowed = allowed;
    this.max = max;
    this.pointStarts = index.pointStarts();
    this.lat = index.latitudes();
    this.lon = index.longitudes();
  }

  /**
   * Returns the numbers of the locations of {@code categories} (empty for all) with a point in
   * {@code box}, {@code {west, south, east, north}} in degrees as RFC 7946 has it (west greater
   * than east across the antimeridian), in ascending order; stops at {@code max + 1} of them.
   */
  static int[] run(LocationIndex index, double[] box, Set<String> categories, int max) {
    if (box.length != 4 || !(box[0] >= -180 && box[0] <= 180 && box[2] >= -180 && box[2] <= 180)
        || !(box[1] >= -90 && box[3] <= 90 && box[1] <= box[3])) {
      throw new IllegalArgumentException("a box is {west, south, east, north} in degrees, longitudes in"
          + " [-180, 180], latitudes in [-90, 90] with south <= north; got " + Arrays.toString(box));
    }
    if (max < 0) {
      throw new IllegalArgumentException("max must not be negative");
    }
    boolean[] allowed = null;
    if (!categories.isEmpty()) {
      allowed = new boolean[index.categoryCount() + 1];
      for (String c : categories) {
        int code = index.categoryCodeOf(c);
        if (code > 0) {
          allowed[code] = true;
        }
      }
    }
    BoxQuery q = new BoxQuery(index, box, allowed, max);
    q.scan();
    int[] out = Arrays.copyOf(q.found, q.count);
    Arrays.sort(out);
    return out;
  }

  private void scan() {
    int firstRow = CellGrid.row(south);
    int lastRow = CellGrid.row(north);
    boolean wraps = west > east;
    int westColumn = CellGrid.column(west);
    int eastColumn = CellGrid.column(east);
    for (int row = firstRow; row <= lastRow; row++) {
      if (wraps) {
        if (!range(CellGrid.key(row, westColumn), CellGrid.key(row, CellGrid.COLUMNS - 1))
            || !range(CellGrid.key(row, 0), CellGrid.key(row, eastColumn))) {
          return;
        }
      } else if (!range(CellGrid.key(row, westColumn), CellGrid.key(row, eastColumn))
          // -180 and 180 are one meridian, whose points sit in the first or the last column.
          || (west == -180 && eastColumn < CellGrid.COLUMNS - 1
              && !range(CellGrid.key(row, CellGrid.COLUMNS - 1), CellGrid.key(row, CellGrid.COLUMNS - 1)))
          || (east == 180 && westColumn > 0 && !range(CellGrid.key(row, 0), CellGrid.key(row, 0)))) {
        return;
      }
    }
  }

  /** Tests the locations of the cells with keys in [lo, hi]; returns false once max + 1 are found. */
  private boolean range(int lo, int hi) {
    IntBuffer keys = index.cellKeys();
    IntBuffer starts = index.cellStarts();
    for (int d = SortedKeys.lowerBound(keys, 0, keys.capacity(), lo); d < keys.capacity() && keys.get(d) <= hi; d++) {
      for (int loc = starts.get(d); loc < starts.get(d + 1); loc++) {
        if (!test(loc)) {
          return false;
        }
      }
    }
    LongBuffer spill = index.spill();
    int n = spill.capacity();
    for (int s = SortedKeys.lowerBound(spill, n, (long) lo << 32); s < n && (spill.get(s) >>> 32) <= hi; s++) {
      if (!test((int) spill.get(s))) {
        return false;
      }
    }
    return true;
  }

  /** Adds the location if one of its points is in the box; returns false once max + 1 are found. */
  private boolean test(int loc) {
    if (allowed != null && !allowed[index.categoryCode(loc)]) {
      return true;
    }
    int from = pointStarts.get(loc);
    int to = pointStarts.get(loc + 1);
    boolean inside = false;
    for (int q = from; q < to && !inside; q++) {
      inside = contains(lat.get(q), lon.get(q));
    }
    // A multi-point location can be reached from several cells: count it once.
    if (!inside || (to - from > 1 && !seenMultiPoint.add(loc))) {
      return true;
    }
    if (count == found.length) {
      found = Arrays.copyOf(found, 2 * count);
    }
    found[count++] = loc;
    return count <= max;
  }

  private boolean contains(double latDegrees, double lonDegrees) {
    if (latDegrees < south || latDegrees > north) {
      return false;
    }
    return inLongitudes(lonDegrees) || (Math.abs(lonDegrees) == 180 && inLongitudes(-lonDegrees));
  }

  private boolean inLongitudes(double lonDegrees) {
    return west <= east ? lonDegrees >= west && lonDegrees <= east : lonDegrees >= west || lonDegrees <= east;
  }
}
