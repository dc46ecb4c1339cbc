package io.corridor.index;

import io.corridor.core.filter.MatchOrder;
import io.corridor.core.filter.Nearest;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Sphere;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One search: the cells of the blocks that {@link Covering} lists for the corridor, their
 * locations (and the spilled ones of multi-point locations) as candidates, the exact test of every
 * candidate point with {@link Corridor#nearest(double, double, double, int[], int, int, double[])}
 * over arcs that include every arc that can be nearest to it (or tied with the nearest), and the
 * contract's rule for a location's points, so the answers are the filter's.
 *
 * <p><b>Arcs per candidate.</b> A block's arcs are those of the caps that reached it. A cell with
 * enough candidates keeps only the arcs that can be nearest to one of its points while within the
 * radius ({@code refine}); a cell with many is cut into up to 8 × 8 sub-cells the same way, and a
 * candidate whose sub-cell keeps no arc is outside without any trigonometry.
 *
 * <p><b>Early stop.</b> With {@code sort=OFFSET} and a limit, blocks are scanned in the order of
 * the first cap (in route order) that reached them. Once every block reached by the caps before
 * cap k is scanned, every location with a point within the radius (plus the tie tolerance) of the
 * route before the end of cap k − 1's stretch has been tested; any location not yet seen has its
 * nearest route point, and any tied one, beyond it. Once {@code limit} matches lie strictly
 * before that offset, no later block can change the answer.
 */
final class CorridorSearch {
  /** A cell's arcs are filtered when candidates × arcs reaches this. */
  private static final int REFINE_WORK = 64;
  private static final double DEGREES_PER_CELL = 1.0 / CellGrid.CELLS_PER_DEGREE;
  /** The finest cut of a cell, in sub-cells per side. */
  private static final int MAX_SPLIT = 8;

  private final LocationIndex index;
  private final Corridor corridor;
  private final Covering covering;
  private final boolean[] allowed;
  private final IntBuffer cellKeys;
  private final IntBuffer cellStarts;
  private final LongBuffer spill;
  private final DoubleBuffer lat;
  private final DoubleBuffer lon;
  private final IntBuffer pointStarts;
  private final IntSet seenLocations = new IntSet();
  private final Nearest nearest = new Nearest();
  private final double[] p = new double[3];
  private final double[] result = new double[2];
  /** Per block, its arcs in {@code blockArcs[blockArcStart[b], blockArcEnd[b])}, once listed. */
  private final int[] blockArcStart;
  private final int[] blockArcEnd;
  private int[] blockArcs = new int[256];
  private int blockArcCount;
  /** The refined arcs of the cell being scanned, per sub-cell. */
  private int[] cellArcs;
  private int[] subStart;
  /** Two levels of a cell's cut, each its arcs and per sub-cell starts, swapped level by level. */
  private final int[][] levelArcs = {new int[64], new int[64]};
  private final int[][] levelStart = {new int[MAX_SPLIT * MAX_SPLIT + 1], new int[MAX_SPLIT * MAX_SPLIT + 1]};
  private final double[] corner = new double[3];
  private double[] chord2 = new double[64];
  private int[] matchLocation = new int[16];
  private double[] matchDistance = new double[16];
  private double[] matchOffset = new double[16];
  private int matches;
  private int tested;
  private int finestSplit;

  private CorridorSearch(LocationIndex index, Corridor corridor, boolean[] allowed) {
    this.index = index;
    this.corridor = corridor;
    this.covering = Covering.of(corridor);
    this.allowed = allowed;
    this.cellKeys = index.cellKeys();
    this.cellStarts = index.cellStarts();
    this.spill = index.spill();
    this.lat = index.latitudes();
    this.lon = index.longitudes();
    this.pointStarts = index.pointStarts();
    this.blockArcStart = new int[covering.blockCount()];
    this.blockArcEnd = new int[covering.blockCount()];
    Arrays.fill(blockArcStart, -1);
  }

  static List<IndexMatch> search(LocationIndex index, Corridor corridor, SearchOptions options) {
    return run(index, corridor, options).sorted(options);
  }

  /** Runs a search and returns it, unsorted: for tests that count its work. */
  static CorridorSearch run(LocationIndex index, Corridor corridor, SearchOptions options) {
    boolean[] allowed = null;
    if (!options.categories().isEmpty()) {
      allowed = new boolean[index.categoryCount() + 1];
      for (String c : options.categories()) {
        int code = index.categoryCodeOf(c);
        if (code > 0) {
          allowed[code] = true;
        }
      }
    }
    CorridorSearch s = new CorridorSearch(index, corridor, allowed);
    if (options.sort() == SearchOptions.Sort.OFFSET && options.limit() > 0) {
      s.walk(options.limit());
    } else {
      int hint = 0;
      for (int b = 0; b < s.covering.blockCount(); b++) {
        hint = s.scan(b, hint);
      }
    }
    return s;
  }

  /**
   * Returns how many candidate locations were examined: tested exactly, or rejected because their
   * sub-cell keeps no arc.
   */
  int tested() {
    return tested;
  }

  /** Returns the most sub-cells per side that a cell was cut into (0 if none was refined). */
  int finestSplit() {
    return finestSplit;
  }

  /** Scans blocks in route order until the first {@code limit} matches are certain. */
  private void walk(int limit) {
    int blocks = covering.blockCount();
    long[] order = new long[blocks];
    for (int b = 0; b < blocks; b++) {
      order[b] = ((long) covering.firstCap(b) << 32) | b;
    }
    Arrays.sort(order);
    OffsetHeap firstOffsets = new OffsetHeap(limit);
    int seen = 0;
    for (long o : order) {
      int cap = (int) (o >>> 32);
      // The margin keeps the comparison clear of the offsets' rounding (nanometres).
      if (cap > 0 && firstOffsets.full()
          && firstOffsets.max() < covering.capEndMeters(cap - 1) - 1e-6) {
        return;
      }
      scan((int) o, 0);
      for (; seen < matches; seen++) {
        firstOffsets.offer(matchOffset[seen]);
      }
    }
  }

  /**
   * Tests the locations of block {@code b}'s cells, and the spilled ones, searching the cell
   * directory from {@code hint} (a position at or before the block's first cell); returns the
   * position after the block's last cell.
   */
  private int scan(int b, int hint) {
    int row = covering.row(b);
    int lo = CellGrid.key(row, covering.firstColumn(b));
    int hi = CellGrid.key(row, covering.lastColumn(b));
    int cells = cellKeys.capacity();
    int d = lowerBound(cellKeys, hint, cells, lo);
    for (; d < cells; d++) {
      int key = cellKeys.get(d);
      if (key > hi) {
        break;
      }
      scanCell(b, row, key - CellGrid.key(row, 0), cellStarts.get(d), cellStarts.get(d + 1));
    }
    int spills = spill.capacity();
    if (spills > 0) {
      for (int s = lowerBound(spill, spills, (long) lo << 32); s < spills && (spill.get(s) >>> 32) <= hi; s++) {
        testLocation((int) spill.get(s));
      }
    }
    return d;
  }

  /** Tests the locations whose first point is in cell (row, column) of block b. */
  private void scanCell(int b, int row, int column, int start, int end) {
    listArcs(b);
    int[] arcs = blockArcs;
    int from = blockArcStart[b];
    int to = blockArcEnd[b];
    int candidates = end - start;
    int split = 0; // sub-cells per side, or 0 to use the block's arcs
    if (candidates >= 3 && candidates * (to - from) >= REFINE_WORK) {
      // Measured break-evens: a sub-cell costs about one distance per arc of the cell.
      split = candidates >= 256 ? MAX_SPLIT : candidates >= 64 ? 4 : candidates >= 16 ? 2 : 1;
      refine(row, column, split, arcs, from, to);
      finestSplit = Math.max(finestSplit, split);
    }
    double south = row * DEGREES_PER_CELL - 90;
    double west = column * DEGREES_PER_CELL - 180;
    for (int loc = start; loc < end; loc++) {
      if (allowed != null && !allowed[index.categoryCode(loc)]) {
        continue;
      }
      int q = pointStarts.get(loc);
      if (pointStarts.get(loc + 1) - q != 1) {
        testLocation(loc);
        continue;
      }
      double latDegrees = lat.get(q);
      double lonDegrees = lon.get(q);
      int f = from;
      int t = to;
      int[] list = arcs;
      if (split > 0) {
        int s = subCell(latDegrees, south, split) * split + subCell(lonDegrees, west, split);
        list = cellArcs;
        f = subStart[s];
        t = subStart[s + 1];
      }
      tested++;
      if (f == t) {
        continue; // no arc can be within the radius of the point's sub-cell
      }
      Sphere.toUnitVector(latDegrees, lonDegrees, p, 0);
      if (corridor.nearest(p[0], p[1], p[2], list, f, t, result)) {
        addMatch(loc, result[0], result[1]);
      }
    }
  }

  /** Returns the sub-cell (0 to split − 1) of a coordinate within its cell starting at {@code origin}. */
  private static int subCell(double degrees, double origin, int split) {
    int i = (int) Math.floor((degrees - origin) * (CellGrid.CELLS_PER_DEGREE * split));
    return Math.max(0, Math.min(split - 1, i));
  }

  /**
   * Lists in {@code cellArcs}, per sub-cell of a {@code split × split} cut of cell (row, column)
   * (row-major from the south-west), the arcs of {@code arcs[from, to)} that can be nearest to one
   * of its points while within the radius. With ρ a (sub-)cell's radius and d the centre's
   * distance to an arc, a point of it is within d + ρ of that arc and at least d − ρ from it; so an
   * arc can matter only if its d is at most r + ρ, and at most d_min + 2ρ (plus the tie tolerance,
   * inside the margin). The cut is made a halving at a time, each quadrant filtering its parent's
   * list, so that the parts of the cell far from the route are dropped at the first level.
   */
  private void refine(int row, int column, int split, int[] arcs, int from, int to) {
    int[] parentArcs = levelArcs[0];
    int[] childArcs = levelArcs[1];
    int[] parentStart = levelStart[0];
    int[] childStart = levelStart[1];
    // Level 0: the cell itself.
    if (parentArcs.length < to - from) {
      parentArcs = new int[Math.max(2 * parentArcs.length, to - from)];
    }
    parentStart[0] = 0;
    parentStart[1] = filter(row, column, 1, 0, arcs, from, to, parentArcs, 0);
    for (int side = 2; side <= split; side *= 2) {
      int half = side / 2;
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
          n = filter(row, column, side, i * side + j, parentArcs, pf, pt, childArcs, n);
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

  /**
   * Appends to {@code out} from {@code n} the arcs of {@code arcs[from, to)} that sub-cell
   * {@code sub} of a {@code side × side} cut of cell (row, column) keeps, and returns the new end.
   */
  private int filter(int row, int column, int side, int sub, int[] arcs, int from, int to,
      int[] out, int n) {
    double size = DEGREES_PER_CELL / side;
    double south = row * DEGREES_PER_CELL - 90 + (sub / side) * size;
    double north = Math.min(90, south + size);
    double west = column * DEGREES_PER_CELL - 180 + (sub % side) * size;
    Sphere.toUnitVector(0.5 * (south + north), west + 0.5 * size, p, 0);
    double rho = Math.max(cornerAngle(south, west), cornerAngle(north, west));
    if (chord2.length < to - from) {
      chord2 = new double[Math.max(2 * chord2.length, to - from)];
    }
    double nearestChord2 = Double.POSITIVE_INFINITY;
    for (int k = from; k < to; k++) {
      double c = corridor.chord2ToArc(arcs[k], p[0], p[1], p[2]);
      chord2[k - from] = c;
      nearestChord2 = Math.min(nearestChord2, c);
    }
    double margin = Covering.MARGIN_METERS / Sphere.EARTH_RADIUS_METERS;
    double radius = corridor.radiusMeters() / Sphere.EARTH_RADIUS_METERS + margin;
    // Within r of a point of the sub-cell, and no farther than the nearest arc can be.
    double bound = Sphere.chord2(Math.min(radius, Sphere.angleOfChord2(nearestChord2) + rho + margin) + rho);
    for (int k = from; k < to; k++) {
      if (chord2[k - from] <= bound) {
        out[n++] = arcs[k];
      }
    }
    return n;
  }

  /**
   * Returns the angle from the unit vector in {@code p} to a corner: of a latitude–longitude
   * rectangle under 180° wide, the corners are the farthest points from its centre (distance grows
   * along each parallel away from the centre's meridian and is largest at the ends of each
   * meridian), and the two corners of a parallel are equally far. Padded for rounding.
   */
  private double cornerAngle(double latDegrees, double lonDegrees) {
    Sphere.toUnitVector(latDegrees, lonDegrees, corner, 0);
    return Sphere.angleRadians(p[0], p[1], p[2], corner[0], corner[1], corner[2]) + 1e-12;
  }

  /** Lists block b's arcs in {@code blockArcs} unless already listed. */
  private void listArcs(int b) {
    if (blockArcStart[b] >= 0) {
      return;
    }
    int room = blockArcCount + covering.maxArcCount(b);
    if (room > blockArcs.length) {
      blockArcs = Arrays.copyOf(blockArcs, Math.max(2 * blockArcs.length, room));
    }
    blockArcStart[b] = blockArcCount;
    blockArcCount = covering.appendArcs(b, blockArcs, blockArcCount);
    blockArcEnd[b] = blockArcCount;
  }

  /** Tests every point of a location against its cell's block arcs (multi-point locations). */
  private void testLocation(int loc) {
    if (allowed != null && !allowed[index.categoryCode(loc)]) {
      return;
    }
    int from = pointStarts.get(loc);
    int to = pointStarts.get(loc + 1);
    // A multi-point location can be reached from several cells: test it once.
    if (to - from > 1 && !seenLocations.add(loc)) {
      return;
    }
    tested++;
    nearest.reset();
    for (int q = from; q < to; q++) {
      double latDegrees = lat.get(q);
      double lonDegrees = lon.get(q);
      int b = covering.blockOf(CellGrid.row(latDegrees), CellGrid.column(lonDegrees));
      if (b < 0) {
        continue; // no cap reaches the point's cell: the point is outside
      }
      listArcs(b);
      Sphere.toUnitVector(latDegrees, lonDegrees, p, 0);
      if (corridor.nearest(p[0], p[1], p[2], blockArcs, blockArcStart[b], blockArcEnd[b], result)) {
        nearest.add(result[0], result[1]);
      }
    }
    if (nearest.resolveWithin(Double.POSITIVE_INFINITY)) {
      addMatch(loc, nearest.distanceMeters(), nearest.offsetMeters());
    }
  }

  private void addMatch(int loc, double distanceMeters, double offsetMeters) {
    if (matches == matchLocation.length) {
      matchLocation = Arrays.copyOf(matchLocation, matches * 2);
      matchDistance = Arrays.copyOf(matchDistance, matches * 2);
      matchOffset = Arrays.copyOf(matchOffset, matches * 2);
    }
    matchLocation[matches] = loc;
    matchDistance[matches] = distanceMeters;
    matchOffset[matches] = offsetMeters;
    matches++;
  }

  /**
   * Returns the matches by offset (or distance) then id, the first {@code limit} if one is set:
   * a radix sort of the keys, ids compared only within runs of equal keys, and ids decoded only
   * for the matches returned (and for ties).
   */
  private List<IndexMatch> sorted(SearchOptions options) {
    double[] keys = options.sort() == SearchOptions.Sort.DISTANCE ? matchDistance : matchOffset;
    int[] order = MatchOrder.ascending(keys, matches);
    int n = options.limit() > 0 ? Math.min(options.limit(), matches) : matches;
    IndexMatch[] out = new IndexMatch[n];
    for (int i = 0; i < n; ) {
      int j = i + 1;
      while (j < matches && keys[order[j]] == keys[order[i]]) {
        j++;
      }
      IndexMatch[] run = new IndexMatch[j - i];
      for (int k = i; k < j; k++) {
        int m = order[k];
        run[k - i] = new IndexMatch(matchLocation[m], index.id(matchLocation[m]), matchDistance[m], matchOffset[m]);
      }
      if (run.length > 1) {
        Arrays.sort(run, Comparator.comparing(IndexMatch::id));
      }
      System.arraycopy(run, 0, out, i, Math.min(run.length, n - i));
      i = j;
    }
    return List.of(out);
  }

  /**
   * Returns the first position in {@code [from, n)} whose key is at least {@code key}, galloping
   * from {@code from}: scans in key order find the next block's cells a few steps on.
   */
  private static int lowerBound(IntBuffer keys, int from, int n, int key) {
    int a = from;
    int step = 1;
    int b = from;
    while (b < n && keys.get(b) < key) {
      a = b + 1;
      b += step;
      step <<= 1;
    }
    b = Math.min(b, n);
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (keys.get(mid) < key) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    return a;
  }

  private static int lowerBound(LongBuffer keys, int n, long key) {
    int a = 0;
    int b = n;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (keys.get(mid) < key) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    return a;
  }

  /** The {@code limit} smallest offsets seen, as a max-heap. */
  private static final class OffsetHeap {
    private final double[] heap;
    private int size;

    OffsetHeap(int limit) {
      heap = new double[limit];
    }

    boolean full() {
      return size == heap.length;
    }

    double max() {
      return heap[0];
    }

    void offer(double offset) {
      if (size < heap.length) {
        int i = size++;
        while (i > 0 && heap[(i - 1) / 2] < offset) {
          heap[i] = heap[(i - 1) / 2];
          i = (i - 1) / 2;
        }
        heap[i] = offset;
      } else if (offset < heap[0]) {
        int i = 0;
        while (true) {
          int c = 2 * i + 1;
          if (c >= size) {
            break;
          }
          if (c + 1 < size && heap[c + 1] > heap[c]) {
            c++;
          }
          if (heap[c] <= offset) {
            break;
          }
          heap[i] = heap[c];
          i = c;
        }
        heap[i] = offset;
      }
    }
  }
}
