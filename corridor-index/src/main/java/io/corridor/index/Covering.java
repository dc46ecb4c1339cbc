package io.corridor.index;

import io.corridor.core.geo.Corridor;
import io.corridor.core.covering.RouteCaps;
import io.corridor.core.geo.Sphere;
import java.util.Arrays;

/**
 * The cells of the {@link CellGrid} that a corridor can reach, grouped in blocks of a row, each
 * block with the stretches of route whose caps reached it: every point within the radius (plus the
 * tie tolerance) of the route lies in a cell of a block, and its nearest arc (and any tied one) is
 * among its block's arcs. Never the corridor's bounding box: only cells near the arcs.
 *
 * <p><b>Caps.</b> The route's caps ({@link RouteCaps}) over stretches of half a cell, or a quarter
 * of the radius for wide corridors: caps a little wider than the corridor, and at most
 * 2·length/h + 1 of them. A cap covers its latitude rows and, in each, its longitude reach; one
 * that reaches a pole covers whole rows, and one that crosses the antimeridian is split in two.
 *
 * <p><b>Blocks.</b> A block is a run of {@code blockColumns} columns of one row (8 normally, more
 * only when caps are so wide that narrow blocks would be too many). It keeps the hull of the
 * columns its caps reached and the caps themselves, in route order, so its arcs are the union of
 * its caps' arc ranges, ascending as {@link Corridor#nearest} needs. Caps in route order also give
 * the early stop of a limited search: a block's first cap is the earliest stretch that can have a
 * point of the block near it, and its last cap the latest.
 *
 * <p><b>Size.</b> Blocks widen (by powers of 2) until the (block, cap) pairs fit
 * {@link #PAIR_BUDGET}; at worst, whole rows, about two pairs per row each cap crosses. There are
 * at most 2·length/h + 1 caps, each crossing (2·cap radius)/cell + 1 rows, so the covering grows
 * with the route's length over the cell, whatever its vertices: {@link RouteLimits} bounds it.
 */
final class Covering {
  private static final double CELL_METERS =
      Sphere.EARTH_RADIUS_METERS * Math.toRadians(1.0 / CellGrid.CELLS_PER_DEGREE);
  /** Narrowest block, in columns. */
  private static final int MIN_BLOCK_COLUMNS = 8;
  /** Blocks widen (by powers of 2) until a covering has about this many (block, cap) pairs. */
  private static final long PAIR_BUDGET = 1 << 18;

  /** Per cap, in route order: the offset where its stretch ends, and its arcs (inclusive). */
  private final RouteCaps caps;
  private final int blockColumns;
  private final int blocksPerRow;
  /**
   * Per block, ascending by key: its key, the hull of its columns, and its caps; the arrays may be
   * longer than {@link #blocks}, which saves copying them to size.
   */
  private final int blocks;
  private final int[] blockKey;
  private final int[] blockFirst;
  private final int[] blockLast;
  private final int[] capStart;
  private final int[] capIds;

  private Covering(Caps caps, int blockColumns, int blocks, int[] blockKey, int[] blockFirst,
      int[] blockLast, int[] capStart, int[] capIds) {
    this.blocks = blocks;
    this.caps = caps.caps;
    this.blockColumns = blockColumns;
    this.blocksPerRow = (CellGrid.COLUMNS + blockColumns - 1) / blockColumns;
    this.blockKey = blockKey;
    this.blockFirst = blockFirst;
    this.blockLast = blockLast;
    this.capStart = capStart;
    this.capIds = capIds;
  }

  /** Returns the covering of {@code corridor}. */
  static Covering of(Corridor corridor) {
    // Stretches half a cell long, or a quarter of the radius for wide corridors.
    double h = Math.max(CELL_METERS / 2, corridor.radiusMeters() / 4);
    Caps caps = new Caps(RouteCaps.of(corridor, h));
    int columns = MIN_BLOCK_COLUMNS;
    long pairs = caps.estimatePairs(columns);
    while (columns < CellGrid.COLUMNS && pairs > PAIR_BUDGET) {
      columns *= 2;
      pairs = caps.estimatePairs(columns);
    }
    return caps.blocks(columns, pairs);
  }

  /** Returns the number of blocks. */
  int blockCount() {
    return blocks;
  }

  /** Returns the row of block {@code b}. */
  int row(int b) {
    return blockKey[b] / blocksPerRow;
  }

  /** Returns the first column of block {@code b} that a cap reached. */
  int firstColumn(int b) {
    return blockFirst[b];
  }

  /** Returns the last column (inclusive) of block {@code b} that a cap reached. */
  int lastColumn(int b) {
    return blockLast[b];
  }

  /** Returns the block holding cell (row, column) if a cap reached that cell, else −1. */
  int blockOf(int row, int column) {
    int b = Arrays.binarySearch(blockKey, 0, blocks, row * blocksPerRow + column / blockColumns);
    return b >= 0 && column >= blockFirst[b] && column <= blockLast[b] ? b : -1;
  }

  /** Returns the first cap (in route order) that reached block {@code b}. */
  int firstCap(int b) {
    return capIds[capStart[b]];
  }

  /** Returns the last cap (in route order) that reached block {@code b}. */
  int lastCap(int b) {
    return capIds[capStart[b + 1] - 1];
  }

  /** Returns the offset in metres where cap {@code k}'s stretch of route ends. */
  double capEndMeters(int k) {
    return caps.endMeters(k);
  }

  /** Returns the number of caps, in route order. */
  int capCount() {
    return caps.count();
  }

  /** Returns the latitude of cap {@code k}'s centre, a point of the route, in degrees. */
  double capLatDegrees(int k) {
    return caps.latDegrees(k);
  }

  /** Returns the longitude of cap {@code k}'s centre, a point of the route, in degrees. */
  double capLonDegrees(int k) {
    return caps.lonDegrees(k);
  }

  /** Returns the number of (block, cap) pairs: the covering's size. */
  int pairCount() {
    return capStart[blocks];
  }

  /**
   * Writes block {@code b}'s arcs, ascending and without repeats, into {@code out} from
   * {@code size}, which must have room for {@link #maxArcCount(int)} of them, and returns the new
   * end. Caps come in route order, so their arc ranges start in ascending order and merge in one
   * pass.
   */
  int appendArcs(int b, int[] out, int size) {
    int n = size;
    for (int i = capStart[b]; i < capStart[b + 1]; i++) {
      int from = caps.firstArc(capIds[i]);
      int to = caps.lastArc(capIds[i]);
      int a = n > size ? Math.max(from, out[n - 1] + 1) : from;
      for (; a <= to; a++) {
        out[n++] = a;
      }
    }
    return n;
  }

  /** Returns a bound on how many arcs {@link #appendArcs} writes for block {@code b}. */
  int maxArcCount(int b) {
    int n = 0;
    for (int i = capStart[b]; i < capStart[b + 1]; i++) {
      n += caps.lastArc(capIds[i]) - caps.firstArc(capIds[i]) + 1;
    }
    return n;
  }

  /** Returns the total number of cells in the blocks' hulls (for tests). */
  long cellCount() {
    long cells = 0;
    for (int b = 0; b < blocks; b++) {
      cells += blockLast[b] - blockFirst[b] + 1;
    }
    return cells;
  }

  /** The route's caps, placed on the cell grid. */
  private static final class Caps {
    final RouteCaps caps;
    final int count;

    Caps(RouteCaps caps) {
      this.caps = caps;
      this.count = caps.count();
    }

    long estimatePairs(int blockColumns) {
      long pairs = 0;
      for (int k = 0; k < count; k++) {
        long rows = CellGrid.row(caps.northDegrees(k)) - CellGrid.row(caps.southDegrees(k)) + 1L;
        double reach = caps.reachDegrees(k);
        double columns = reach < 0 ? CellGrid.COLUMNS : 2 * reach * CellGrid.CELLS_PER_DEGREE + 1;
        pairs += rows * ((long) Math.ceil(columns / blockColumns) + 1);
      }
      return pairs;
    }

    /** Places the caps in blocks of {@code blockColumns}; {@code estimate} sizes the pairs' arrays. */
    Covering blocks(int blockColumns, long estimate) {
      Pairs pairs = new Pairs(blockColumns, (int) Math.min(Math.max(estimate, 16), 4 * PAIR_BUDGET));
      for (int k = 0; k < count; k++) {
        int r0 = CellGrid.row(caps.southDegrees(k));
        int r1 = CellGrid.row(caps.northDegrees(k));
        double reach = caps.reachDegrees(k);
        double west = caps.lonDegrees(k) - reach;
        double east = caps.lonDegrees(k) + reach;
        for (int row = r0; row <= r1; row++) {
          if (reach < 0) {
            pairs.add(row, 0, CellGrid.COLUMNS - 1, k);
          } else if (west < -180) {
            pairs.add(row, CellGrid.column(west + 360), CellGrid.COLUMNS - 1, k);
            pairs.add(row, 0, CellGrid.column(east), k);
          } else if (east > 180) {
            pairs.add(row, 0, CellGrid.column(east - 360), k);
            pairs.add(row, CellGrid.column(west), CellGrid.COLUMNS - 1, k);
          } else {
            pairs.add(row, CellGrid.column(west), CellGrid.column(east), k);
          }
        }
      }
      return pairs.covering(this);
    }
  }

  /** (block, cap) pairs with the columns the cap reached in the block, grouped into blocks. */
  private static final class Pairs {
    private final int blockColumns;
    private final int blocksPerRow;
    private long[] keys;
    private int[] cap;
    private int[] first;
    private int[] last;
    private int count;

    /** Pairs of blocks of {@code blockColumns}, with room for {@code capacity} before growing. */
    Pairs(int blockColumns, int capacity) {
      this.blockColumns = blockColumns;
      this.blocksPerRow = (CellGrid.COLUMNS + blockColumns - 1) / blockColumns;
      keys = new long[capacity];
      cap = new int[capacity];
      first = new int[capacity];
      last = new int[capacity];
    }

    void add(int row, int firstColumn, int lastColumn, int capIndex) {
      for (int b = firstColumn / blockColumns; b <= lastColumn / blockColumns; b++) {
        if (count == keys.length) {
          keys = Arrays.copyOf(keys, 2 * count);
          cap = Arrays.copyOf(cap, 2 * count);
          first = Arrays.copyOf(first, 2 * count);
          last = Arrays.copyOf(last, 2 * count);
        }
        // Pairs are added in cap order, so sorting by (block, position) keeps caps ascending.
        keys[count] = ((long) (row * blocksPerRow + b) << 32) | count;
        cap[count] = capIndex;
        first[count] = Math.max(firstColumn, b * blockColumns);
        last[count] = Math.min(lastColumn, (b + 1) * blockColumns - 1);
        count++;
      }
    }

    Covering covering(Caps caps) {
      // Sorted in place, and the blocks' arrays sized for the worst case (a block per pair), so
      // that nothing is copied: the covering is made per search.
      long[] sorted = keys;
      HighKeySort.sort(sorted, count);
      int[] blockKey = new int[count];
      int[] blockFirst = new int[count];
      int[] blockLast = new int[count];
      int[] capStart = new int[count + 1];
      int[] capIds = new int[count];
      int blocks = 0;
      int caps2 = 0;
      for (int i = 0; i < count; i++) {
        int key = (int) (sorted[i] >>> 32);
        int at = (int) sorted[i];
        if (blocks == 0 || blockKey[blocks - 1] != key) {
          capStart[blocks] = caps2;
          blockKey[blocks] = key;
          blockFirst[blocks] = first[at];
          blockLast[blocks] = last[at];
          blocks++;
        } else {
          blockFirst[blocks - 1] = Math.min(blockFirst[blocks - 1], first[at]);
          blockLast[blocks - 1] = Math.max(blockLast[blocks - 1], last[at]);
          if (capIds[caps2 - 1] == cap[at]) {
            continue; // one cap split at the antimeridian into the same block
          }
        }
        capIds[caps2++] = cap[at];
      }
      capStart[blocks] = caps2;
      return new Covering(caps, blockColumns, blocks, blockKey, blockFirst, blockLast, capStart,
          capIds);
    }
  }
}
