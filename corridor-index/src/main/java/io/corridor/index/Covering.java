package io.corridor.index;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.geo.Sphere;
import java.util.Arrays;

/**
 * The cells of the {@link CellGrid} that a corridor can reach, grouped in blocks of a row, each
 * block with the stretches of route whose caps reached it: every point within the radius (plus the
 * tie tolerance) of the route lies in a cell of a block, and its nearest arc (and any tied one) is
 * among its block's arcs. Never the corridor's bounding box: only cells near the arcs.
 *
 * <p><b>Caps.</b> The route is cut into stretches at most {@code h} long, in route order. Each
 * stretch gets one cap: centred on a route vertex where vertices are dense (no trigonometry), or on
 * a point inside a long arc. Every route point of the stretch lies within {@code h/2} of the
 * centre along the route, hence on the sphere, so a point within r of the stretch lies within
 * r + h/2 (plus a margin for rounding) of the centre. A cap covers its latitude rows and, in each,
 * its widest longitude reach asin(sin ρ / cos φ); a cap that reaches a pole covers whole rows, and
 * one that crosses the antimeridian is split in two.
 *
 * <p><b>Blocks.</b> A block is a run of {@code blockColumns} columns of one row (8 normally, more
 * only when caps are so wide that narrow blocks would be too many). It keeps the hull of the
 * columns its caps reached and the caps themselves, in route order, so its arcs are the union of
 * its caps' arc ranges, ascending as {@link Corridor#nearest} needs. Caps in route order also give
 * the early stop of a limited search: a block's first cap is the earliest stretch that can have a
 * point of the block near it.
 */
final class Covering {
  /** Margin added to every cap, in metres: far above rounding, and above the tie tolerance. */
  static final double MARGIN_METERS = 1.0;
  private static final double CELL_METERS =
      Sphere.EARTH_RADIUS_METERS * Math.toRadians(1.0 / CellGrid.CELLS_PER_DEGREE);
  /** Narrowest block, in columns. */
  private static final int MIN_BLOCK_COLUMNS = 8;
  /** Blocks widen (by powers of 2) until a covering has about this many (block, cap) pairs. */
  private static final long PAIR_BUDGET = 1 << 18;

  /** Per cap, in route order: the offset where its stretch ends, and its arcs (inclusive). */
  private final double[] capEnd;
  private final int[] capArcFrom;
  private final int[] capArcTo;
  private final int blockColumns;
  private final int blocksPerRow;
  /** Per block, ascending by key: its key, the hull of its columns, and its caps. */
  private final int[] blockKey;
  private final int[] blockFirst;
  private final int[] blockLast;
  private final int[] capStart;
  private final int[] capIds;

  private Covering(Caps caps, int blockColumns, int[] blockKey, int[] blockFirst, int[] blockLast,
      int[] capStart, int[] capIds) {
    this.capEnd = Arrays.copyOf(caps.end, caps.count);
    this.capArcFrom = Arrays.copyOf(caps.arcFrom, caps.count);
    this.capArcTo = Arrays.copyOf(caps.arcTo, caps.count);
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
    Caps caps = Caps.of(corridor);
    int columns = MIN_BLOCK_COLUMNS;
    while (columns < CellGrid.COLUMNS && caps.estimatePairs(columns) > PAIR_BUDGET) {
      columns *= 2;
    }
    return caps.blocks(columns);
  }

  /** Returns the number of blocks. */
  int blockCount() {
    return blockKey.length;
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
    int b = Arrays.binarySearch(blockKey, row * blocksPerRow + column / blockColumns);
    return b >= 0 && column >= blockFirst[b] && column <= blockLast[b] ? b : -1;
  }

  /** Returns the first cap (in route order) that reached block {@code b}. */
  int firstCap(int b) {
    return capIds[capStart[b]];
  }

  /** Returns the offset in metres where cap {@code k}'s stretch of route ends. */
  double capEndMeters(int k) {
    return capEnd[k];
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
      int from = capArcFrom[capIds[i]];
      int to = capArcTo[capIds[i]];
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
      n += capArcTo[capIds[i]] - capArcFrom[capIds[i]] + 1;
    }
    return n;
  }

  /** Returns the total number of cells in the blocks' hulls (for tests). */
  long cellCount() {
    long cells = 0;
    for (int b = 0; b < blockKey.length; b++) {
      cells += blockLast[b] - blockFirst[b] + 1;
    }
    return cells;
  }

  /** The caps of a corridor's stretches, in route order, and their rows and reaches. */
  private static final class Caps {
    int count;
    double[] lat = new double[64];
    double[] lon = new double[64];
    double[] cosLat = new double[64];
    /** Every cap's radius, as an angle and in degrees, and its sine. */
    final double radians;
    final double capDegrees;
    final double sinRadians;
    double[] end = new double[64];
    int[] arcFrom = new int[64];
    int[] arcTo = new int[64];
    /** Per cap, its longitude reach in degrees, or a negative value if it takes whole rows. */
    double[] reach;

    Caps(double radians) {
      this.radians = radians;
      this.capDegrees = Math.toDegrees(radians);
      this.sinRadians = Math.sin(radians);
    }

    static Caps of(Corridor corridor) {
      Route route = corridor.route();
      int vertices = route.size();
      int arcs = corridor.arcCount();
      double total = route.lengthMeters();
      // Stretches half a cell long, or a quarter of the radius for wide corridors: caps a little
      // wider than the corridor, and few of them.
      double h = Math.max(CELL_METERS / 2, corridor.radiusMeters() / 4);
      double half = h / 2;
      double capRadians = (corridor.radiusMeters() + half + MARGIN_METERS) / Sphere.EARTH_RADIUS_METERS;
      Caps caps = new Caps(capRadians);
      double[] p = new double[3];
      double pos = 0; // every route point before offset pos is in a cap's stretch
      int v = 0;
      int firstArc = 0; // the first arc ending at or after the stretch's start
      int lastArc = 0; // the last arc starting at or before the stretch's end
      do {
        while (v + 1 < vertices && route.offsetMetersAt(v + 1) <= pos + half) {
          v++;
        }
        double vertexOffset = route.offsetMetersAt(v);
        double centre;
        double lat;
        double lon;
        double cosLat;
        if (vertexOffset >= pos) {
          centre = vertexOffset; // a vertex within half of pos: no trigonometry
          lat = route.latDegrees(v);
          lon = route.lonDegrees(v);
          cosLat = Math.sqrt(route.unit(v, 0) * route.unit(v, 0) + route.unit(v, 1) * route.unit(v, 1));
        } else {
          // Inside arc v, which ends beyond pos + half: its point at pos + half.
          centre = pos + half;
          corridor.pointOnArc(v, (centre - vertexOffset) / Sphere.EARTH_RADIUS_METERS, p);
          lat = Sphere.latDegrees(p[0], p[1], p[2]);
          lon = Sphere.lonDegrees(p[0], p[1]);
          cosLat = Math.sqrt(p[0] * p[0] + p[1] * p[1]);
        }
        double from = Math.max(0, centre - half);
        double to = Math.min(total, centre + half);
        // Stretches move forward, so both arcs only move forward.
        while (firstArc + 1 < arcs && route.offsetMetersAt(firstArc + 1) < from) {
          firstArc++;
        }
        while (lastArc + 1 < arcs && route.offsetMetersAt(lastArc + 1) <= to) {
          lastArc++;
        }
        caps.add(lat, lon, cosLat, firstArc, lastArc, to);
        pos = to;
      } while (pos < total);
      caps.reaches();
      return caps;
    }

    void add(double latDegrees, double lonDegrees, double cosLatitude, int firstArc, int lastArc,
        double endMeters) {
      if (count == lat.length) {
        int n = 2 * count;
        lat = Arrays.copyOf(lat, n);
        lon = Arrays.copyOf(lon, n);
        cosLat = Arrays.copyOf(cosLat, n);
        end = Arrays.copyOf(end, n);
        arcFrom = Arrays.copyOf(arcFrom, n);
        arcTo = Arrays.copyOf(arcTo, n);
      }
      lat[count] = latDegrees;
      lon[count] = lonDegrees;
      cosLat[count] = cosLatitude;
      end[count] = endMeters;
      arcFrom[count] = firstArc;
      arcTo[count] = lastArc;
      count++;
    }

    /** Computes every cap's longitude reach. */
    void reaches() {
      reach = new double[count];
      for (int k = 0; k < count; k++) {
        reach[k] = computeReach(k);
      }
    }

    /** Returns the longitude reach of cap k in degrees, or a negative value if it takes whole rows. */
    private double computeReach(int k) {
      if (lat[k] - capDegrees <= -90 || lat[k] + capDegrees >= 90 || radians >= Math.PI / 2) {
        return -1;
      }
      // The cap holds no pole, so ρ < π/2 − |φ| and the ratio is below 1. For small ratios
      // x / √(1 − x²) = tan(asin x) bounds asin x from above, without its cost.
      double x = Math.min(1, sinRadians / cosLat[k]);
      double r = Math.toDegrees(x < 0.1 ? x / Math.sqrt(1 - x * x) : Math.asin(x)) + 1e-9;
      return r >= 180 ? -1 : r;
    }

    long estimatePairs(int blockColumns) {
      long pairs = 0;
      for (int k = 0; k < count; k++) {
        long rows = CellGrid.row(lat[k] + capDegrees) - CellGrid.row(lat[k] - capDegrees) + 1L;
        double reach = this.reach[k];
        double columns = reach < 0 ? CellGrid.COLUMNS : 2 * reach * CellGrid.CELLS_PER_DEGREE + 1;
        pairs += rows * ((long) Math.ceil(columns / blockColumns) + 1);
      }
      return pairs;
    }

    Covering blocks(int blockColumns) {
      Pairs pairs = new Pairs(blockColumns);
      for (int k = 0; k < count; k++) {
        int r0 = CellGrid.row(lat[k] - capDegrees);
        int r1 = CellGrid.row(lat[k] + capDegrees);
        double reach = this.reach[k];
        double west = lon[k] - reach;
        double east = lon[k] + reach;
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
    private long[] keys = new long[256];
    private int[] cap = new int[256];
    private int[] first = new int[256];
    private int[] last = new int[256];
    private int count;

    Pairs(int blockColumns) {
      this.blockColumns = blockColumns;
      this.blocksPerRow = (CellGrid.COLUMNS + blockColumns - 1) / blockColumns;
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
      long[] sorted = Arrays.copyOf(keys, count);
      Arrays.sort(sorted);
      int[] blockKey = new int[16];
      int[] blockFirst = new int[16];
      int[] blockLast = new int[16];
      int[] capStart = new int[17];
      int[] capIds = new int[count];
      int blocks = 0;
      int caps2 = 0;
      for (int i = 0; i < count; i++) {
        int key = (int) (sorted[i] >>> 32);
        int at = (int) sorted[i];
        if (blocks == 0 || blockKey[blocks - 1] != key) {
          if (blocks == blockKey.length) {
            blockKey = Arrays.copyOf(blockKey, 2 * blocks);
            blockFirst = Arrays.copyOf(blockFirst, 2 * blocks);
            blockLast = Arrays.copyOf(blockLast, 2 * blocks);
            capStart = Arrays.copyOf(capStart, 2 * blocks + 1);
          }
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
      capStart = Arrays.copyOf(capStart, blocks + 1);
      capStart[blocks] = caps2;
      return new Covering(caps, blockColumns, Arrays.copyOf(blockKey, blocks),
          Arrays.copyOf(blockFirst, blocks), Arrays.copyOf(blockLast, blocks), capStart,
          Arrays.copyOf(capIds, caps2));
    }
  }
}
