package io.corridor.index;

import io.corridor.core.covering.ErrorBound;
import io.corridor.core.filter.Nearest;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Sphere;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * One search: the cells of the blocks that {@link Covering} lists for the corridor, their
 * locations (and the spilled ones of multi-point locations) as candidates, the exact test of every
 * candidate point with {@link Corridor#nearest(double, double, double, int[], int, int, double[])}
 * over arcs that include every arc that can be nearest to it (or tied with the nearest), and the
 * contract's rule for a location's points, so the answers are the filter's.
 *
 * <p><b>Arcs per candidate.</b> A block's arcs are those of the caps that reached it. A cell with
 * enough candidates keeps only the arcs that can matter to one of its points, and a cell with many
 * is cut into up to 8 × 8 sub-cells the same way ({@link CellRefiner}); a candidate whose sub-cell
 * keeps no arc is outside without any trigonometry.
 *
 * <p><b>Early stop.</b> With {@code sort=OFFSET} and a limit, blocks are scanned in the order of
 * the first cap (in route order) that reached them. Once every block reached by the caps before
 * cap k is scanned, every location with a point within the radius (plus the tie tolerance) of the
 * route before the end of cap k − 1's stretch has been tested; any location not yet seen has its
 * nearest route point, and any tied one, beyond it. Once {@code limit} matches lie strictly
 * before that offset, no later block can change the answer.
 *
 * <p><b>Bound.</b> With a limit, only the first {@code limit} matches are kept ({@link
 * SearchMatches}), and once that many are held the worst of them bounds what can still enter:
 *
 * <ul>
 *   <li>by distance, cells are cut with that distance instead of the radius ({@link CellRefiner}),
 *       so a sub-cell with no arc within it is skipped whole. The cells under the route (those of
 *       the caps' centres) are scanned first, so that in a dense place the bound falls to metres
 *       after the first of them and the rest of the corridor is mostly skipped;
 *   <li>when the bound is 0 (limit matches at offset or distance 0, such as the points behind the
 *       route's start, all nearest to its first vertex), a candidate whose id comes after the
 *       worst kept one's cannot enter, and is dropped before any trigonometry.
 * </ul>
 *
 * <p><b>Continuation.</b> Matches at or before the options' {@code after} point are dropped as they
 * are found. By offset, a block whose last cap's stretch ends before that point is not scanned at
 * all (a point of it has its nearest route point in one of its caps' stretches), and within the
 * blocks it shares with earlier pages, a sub-cell whose arcs all end before that point is skipped
 * unread, so that a page costs about what its own blocks cost, not what the pages before it did.
 * By distance, every cell
 * is cut ({@link CellRefiner}) with that point's distance as an inner bound as well: a sub-cell
 * whose points all lie nearer to the route holds only earlier pages' matches and is skipped
 * unread, so that a page costs one pruning per cell nearer than it, not a test per location.
 *
 * <p><b>Timeout.</b> The clock is read once per cell or spilled location after a few hundred
 * candidates' work, never per point; past the deadline the search throws
 * {@link SearchTimeoutException}.
 */
final class CorridorSearch {
  /** A cell's arcs are pruned when candidates × arcs reaches this. */
  private static final int REFINE_WORK = 64;
  private static final double DEGREES_PER_CELL = 1.0 / CellGrid.CELLS_PER_DEGREE;
  /**
   * A cell's side along a meridian, more than the half-diagonal of any cell: no whole cell lies
   * nearer to the route than an inner bound below it.
   */
  private static final double CELL_SIDE_RADIANS = Math.toRadians(DEGREES_PER_CELL);
  /** How much work (candidates, cells, arcs pruned) passes between two readings of the clock. */
  private static final int CLOCK_EVERY = 512;

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
  private final CellRefiner refiner;
  private final SearchMatches matches;
  private final double[] p = new double[3];
  private final double[] result = new double[2];
  /** Per block, its arcs in {@code blockArcs[blockArcStart[b], blockArcEnd[b])}, once listed. */
  private final int[] blockArcStart;
  private final int[] blockArcEnd;
  private int[] blockArcs = new int[256];
  private int blockArcCount;
  private final Duration timeout;
  private final long deadline;
  private long work;
  private long nextClock = CLOCK_EVERY;
  private int tested;
  private int finestSplit;
  /** Whether the bound of a limited search by distance narrows the cut of cells. */
  private final boolean byDistance;
  /**
   * For a search by distance resuming after a match, that match's distance in radians: a sub-cell
   * whose points are all nearer holds only matches of earlier pages, and is skipped unread. Else 0.
   */
  private final double innerRadians;
  /**
   * For a search by offset resuming after a match, that match's offset: a sub-cell whose arcs all
   * end before it holds only earlier pages' matches, and is skipped unread. Else -infinity.
   */
  private final double afterOffsetMeters;
  /**
   * Whether every cell with a candidate is cut: in a resumed search (by distance, once a whole cell
   * can lie nearer than the resumed match), pruning a cell costs about what testing one of its
   * points does, and skips it whole when it holds only earlier pages' matches.
   */
  private final boolean cutsEveryCell;
  /** Cell directory positions already scanned ahead of the key-order scan, or null. */
  private IntSet seeded;

  private CorridorSearch(LocationIndex index, Corridor corridor, SearchOptions options,
      boolean[] allowed) {
    long start = System.nanoTime();
    this.timeout = options.timeout();
    this.deadline = timeout == null ? 0 : start + saturatedNanos(timeout);
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
    this.refiner = new CellRefiner(corridor);
    this.matches = new SearchMatches(index, options);
    this.byDistance = options.sort() == SearchOptions.Sort.DISTANCE && options.limit() > 0;
    this.innerRadians = options.sort() == SearchOptions.Sort.DISTANCE && options.after() != null
        ? options.after().keyMeters() / Sphere.EARTH_RADIUS_METERS : 0;
    this.afterOffsetMeters = options.sort() == SearchOptions.Sort.OFFSET && options.after() != null
        ? options.after().keyMeters() : Double.NEGATIVE_INFINITY;
    this.cutsEveryCell = innerRadians > CELL_SIDE_RADIANS
        || afterOffsetMeters > Double.NEGATIVE_INFINITY;
    this.blockArcStart = new int[covering.blockCount()];
    this.blockArcEnd = new int[covering.blockCount()];
    Arrays.fill(blockArcStart, -1);
    if (timeout != null && System.nanoTime() - deadline > 0) {
      throw new SearchTimeoutException(timeout);
    }
  }

  /** Runs a search: its matches, ordered and limited as {@code options} say, and its work. */
  static SearchResult search(LocationIndex index, Corridor corridor, SearchOptions options) {
    CorridorSearch s = run(index, corridor, options);
    return new SearchResult(s.matches.sorted(options.limit()), s.tested);
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
    CorridorSearch s = new CorridorSearch(index, corridor, options, allowed);
    SearchOptions.After after = options.after();
    if (options.sort() == SearchOptions.Sort.OFFSET && (options.limit() > 0 || after != null)) {
      s.walk(options.limit(), after == null ? Double.NEGATIVE_INFINITY : after.keyMeters());
    } else {
      if (s.byDistance) {
        s.seed();
      }
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

  /**
   * Scans blocks in route order, skipping those whose every stretch ends before {@code
   * afterMeters}, until the first {@code limit} matches are certain (all of them if limit is 0).
   */
  private void walk(int limit, double afterMeters) {
    int blocks = covering.blockCount();
    long[] order = new long[blocks];
    int n = 0;
    for (int b = 0; b < blocks; b++) {
      if (covering.capEndMeters(covering.lastCap(b)) < afterMeters - ErrorBound.OFFSET_SLACK_METERS) {
        continue; // every point of the block has its offset before the continuation point
      }
      order[n++] = ((long) covering.firstCap(b) << 32) | b;
    }
    HighKeySort.sort(order, n);
    for (int i = 0; i < n; i++) {
      long o = order[i];
      int cap = (int) (o >>> 32);
      // Offsets of matches and of stretch ends share their rounding up to the slack; the bound is
      // infinite until limit matches are kept.
      if (limit > 0 && cap > 0
          && matches.bound() < covering.capEndMeters(cap - 1) - ErrorBound.OFFSET_SLACK_METERS) {
        return;
      }
      scan((int) o, 0);
    }
  }

  /**
   * Scans the cells of the caps' centres, points of the route, before the others: in a dense
   * place they hold the nearest matches, which bring the bound of a search by distance down.
   */
  private void seed() {
    seeded = new IntSet();
    int cells = cellKeys.capacity();
    int last = -1;
    for (int k = 0; k < covering.capCount(); k++) {
      int row = CellGrid.row(covering.capLatDegrees(k));
      int column = CellGrid.column(covering.capLonDegrees(k));
      int key = CellGrid.key(row, column);
      if (key == last) {
        continue;
      }
      last = key;
      int b = covering.blockOf(row, column);
      int d = SortedKeys.lowerBound(cellKeys, 0, cells, key);
      if (b >= 0 && d < cells && cellKeys.get(d) == key && seeded.add(d)) {
        scanCell(b, row, column, cellStarts.get(d), cellStarts.get(d + 1));
        checkTime();
      }
    }
  }

  /**
   * Tests the locations of block {@code b}'s cells, and the spilled ones, searching the cell
   * directory from {@code hint} (a position at or before the block's first cell); returns the
   * position after the block's last cell.
   */
  private int scan(int b, int hint) {
    work++;
    int row = covering.row(b);
    int lo = CellGrid.key(row, covering.firstColumn(b));
    int hi = CellGrid.key(row, covering.lastColumn(b));
    int cells = cellKeys.capacity();
    int d = SortedKeys.lowerBound(cellKeys, hint, cells, lo);
    for (; d < cells; d++) {
      int key = cellKeys.get(d);
      if (key > hi) {
        break;
      }
      if (seeded != null && seeded.contains(d)) {
        continue;
      }
      scanCell(b, row, key - CellGrid.key(row, 0), cellStarts.get(d), cellStarts.get(d + 1));
      checkTime();
    }
    int spills = spill.capacity();
    if (spills > 0) {
      for (int s = SortedKeys.lowerBound(spill, spills, (long) lo << 32); s < spills && (spill.get(s) >>> 32) <= hi; s++) {
        testLocation((int) spill.get(s));
        checkTime();
      }
    }
    checkTime();
    return d;
  }

  /** Tests the locations whose first point is in cell (row, column) of block b. */
  private void scanCell(int b, int row, int column, int start, int end) {
    listArcs(b);
    int[] arcs = blockArcs;
    int from = blockArcStart[b];
    int to = blockArcEnd[b];
    int candidates = end - start;
    work += 1 + candidates;
    // A limited search by distance needs no match beyond the worst it keeps (plus the rounding of
    // its distances): its cells are cut with that radius.
    double radius = corridor.radiusRadians();
    if (byDistance) {
      radius = Math.min(radius, matches.bound() / Sphere.EARTH_RADIUS_METERS + 4 * ErrorBound.ANGLE_RADIANS);
    }
    boolean narrowed = radius < corridor.radiusRadians();
    int split = 0; // sub-cells per side, or 0 to use the block's arcs
    if (candidates >= 3 && (narrowed || candidates * (to - from) >= REFINE_WORK)
        || cutsEveryCell && candidates > 0) {
      // Measured break-evens: a sub-cell costs about one distance per arc of the cell.
      split = candidates >= 256 ? CellRefiner.MAX_SPLIT : candidates >= 64 ? 4 : candidates >= 16 ? 2 : 1;
      refiner.refine(row, column, split, arcs, from, to, innerRadians, radius);
      finestSplit = Math.max(finestSplit, split);
      work += to - from;
      if (index.subCellOrdered()) {
        scanSubCells(row, column, split, start, end);
        return;
      }
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
        int s = CellRefiner.subCell(latDegrees, south, split) * split
            + CellRefiner.subCell(lonDegrees, west, split);
        list = refiner.arcs();
        f = refiner.start(s);
        t = refiner.start(s + 1);
      }
      tested++;
      if (f == t) {
        continue; // no arc can be within the radius of the point's sub-cell
      }
      testPoint(loc, latDegrees, lonDegrees, list, f, t);
    }
  }

  /** Tests a single-point location at the point in degrees against arcs {@code list[f, t)}. */
  private void testPoint(int loc, double latDegrees, double lonDegrees, int[] list, int f, int t) {
    if (matches.cannotEnter(loc)) {
      return;
    }
    Sphere.toUnitVector(latDegrees, lonDegrees, p, 0);
    if (corridor.nearest(p[0], p[1], p[2], list, f, t, result)) {
      matches.add(loc, result[0], result[1]);
    }
  }

  /**
   * Tests the locations of a cell cut into split × split sub-cells, in an index whose cells are in
   * {@link SubCellOrder}: sub-cell by sub-cell in Morton order, each one's run of locations found
   * by binary search, so that the locations of a sub-cell that keeps no arc are never read; then
   * the multi-point locations, last in the cell.
   */
  private void scanSubCells(int row, int column, int split, int start, int end) {
    int shift = 2 * Integer.numberOfTrailingZeros(CellRefiner.MAX_SPLIT / split);
    int[] list = refiner.arcs();
    int at = start;
    for (int m = 0; m < split * split; m++) {
      int s = compact(m >>> 1) * split + compact(m);
      int f = refiner.start(s);
      int t = refiner.start(s + 1);
      if (f == t || endsBeforeAfter(list, f, t)) {
        // No arc can be within the radius of this sub-cell, or its points all lie nearer than a
        // resumed search by distance needs, or all come before a resumed search by offset: its
        // locations are skipped unread.
        continue;
      }
      int from = firstWithCode(at, end, m << shift, row, column);
      at = firstWithCode(from, end, (m + 1) << shift, row, column);
      for (int loc = from; loc < at; loc++) {
        if (allowed != null && !allowed[index.categoryCode(loc)]) {
          continue;
        }
        tested++;
        int q = pointStarts.get(loc);
        testPoint(loc, lat.get(q), lon.get(q), list, f, t);
      }
    }
    for (int loc = firstWithCode(at, end, SubCellOrder.MULTI_POINT, row, column); loc < end; loc++) {
      testLocation(loc);
    }
  }

  /**
   * Returns whether every arc of {@code list[f, t)} ends before the offset a search by offset
   * resumes at: a point tested on them has its offset on one of them, so it comes before.
   */
  private boolean endsBeforeAfter(int[] list, int f, int t) {
    if (afterOffsetMeters == Double.NEGATIVE_INFINITY) {
      return false;
    }
    for (int k = f; k < t; k++) {
      if (corridor.arcEndOffsetMeters(list[k]) >= afterOffsetMeters) {
        return false;
      }
    }
    return true;
  }

  /** Returns the first location in [from, end) of cell (row, column) whose sub-cell code is at least {@code code}. */
  private int firstWithCode(int from, int end, int code, int row, int column) {
    // Galloping: a sub-cell's run is usually short.
    int a = from;
    int b = from;
    int step = 1;
    while (b < end && code(b, row, column) < code) {
      a = b + 1;
      b += step;
      step <<= 1;
    }
    b = Math.min(b, end);
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (code(mid, row, column) < code) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    return a;
  }

  private int code(int loc, int row, int column) {
    int q = pointStarts.get(loc);
    if (pointStarts.get(loc + 1) - q != 1) {
      return SubCellOrder.MULTI_POINT;
    }
    return SubCellOrder.code(lat.get(q), lon.get(q), row, column);
  }

  /** Gathers bits 0, 2 and 4 of v into bits 0, 1 and 2: a coordinate of a Morton code. */
  private static int compact(int v) {
    return (v & 1) | (v >>> 1 & 2) | (v >>> 2 & 4);
  }

  /** Throws {@link SearchTimeoutException} if the deadline has passed; reads the clock rarely. */
  private void checkTime() {
    if (timeout == null || work < nextClock) {
      return;
    }
    nextClock = work + CLOCK_EVERY;
    if (System.nanoTime() - deadline > 0) {
      throw new SearchTimeoutException(timeout);
    }
  }

  /** Returns a duration in nanoseconds, or about 292 years if it does not fit in a long. */
  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE / 2;
    }
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
    work++;
    if (matches.cannotEnter(loc)) {
      return;
    }
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
      matches.add(loc, nearest.distanceMeters(), nearest.offsetMeters());
    }
  }
}
