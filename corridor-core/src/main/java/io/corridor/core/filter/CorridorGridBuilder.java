package io.corridor.core.filter;

import io.corridor.core.covering.ArcPruning;
import io.corridor.core.covering.RouteCaps;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Sphere;
import java.util.Arrays;

/**
 * Builds a {@link CorridorGrid}: marks the cells that the route's caps ({@link RouteCaps}) reach,
 * each with its caps' arcs, prunes each cell's arcs ({@link ArcPruning}) when there are enough
 * points per cell to pay for it, and splits the long cells where points are dense.
 */
final class CorridorGridBuilder {
  final Corridor corridor;
  final double rowsPerDegree;
  final int rowCount;
  final int rowMin;
  final int rowMax;
  /** Per covered row (index row − rowMin): columns per degree and column count. */
  final double[] colsPerDegree;
  final int[] colCount;
  Occupancy occupancy;
  final double latLo;
  final double latHi;
  private final RouteCaps caps;
  private final double[] rowCircumradius;
  private long splitBudget;
  /** Prune every cell and split every long one, whatever the points (a negative budget). */
  private final boolean refineAll;

  // Growing table of top-level cells during the covering: key, last arc seen, head of its pairs.
  private long[] keys;
  private int[] lastArc;
  private int[] head;
  private int cells;
  private int[] pairArc;
  private int[] pairNext;
  private int pairs;

  // Nodes: every cell at every level, with its pruned arc list in `arcs`.
  int[] nodeStart;
  int[] nodeEnd;
  int[] nodeChild;
  private int[] nodeLevel;
  private long[] nodeRow;
  private long[] nodeCol;
  private int[] nodeTopRow;
  private double[] nodePoints;
  int nodes;
  int[] arcs;
  int arcCount;

  private final double[] center = new double[3];
  private double[] dist = new double[64];

  /**
   * Starts the grid of {@code corridor} with top-level cells of about {@code cellMeters}: rows of
   * equal height, each with as many columns as fit with a width of at least a cell at its poleward
   * edge (one, for the rows that touch a pole).
   */
  CorridorGridBuilder(Corridor corridor, double cellMeters, long splitBudget) {
    this.corridor = corridor;
    double cellRadians = cellMeters / Sphere.EARTH_RADIUS_METERS;
    this.refineAll = splitBudget < 0;
    this.splitBudget = refineAll ? 4_000_000 : splitBudget;
    this.rowCount = Math.max(1, (int) Math.ceil(180 / Math.toDegrees(cellRadians)));
    this.rowsPerDegree = rowCount / 180.0;
    // Stretches of half a cell: caps a quarter of a cell wider than the corridor.
    this.caps = RouteCaps.of(corridor, cellMeters / 2);
    double latLo = 90;
    double latHi = -90;
    for (int k = 0; k < caps.count(); k++) {
      latLo = Math.min(latLo, caps.southDegrees(k));
      latHi = Math.max(latHi, caps.northDegrees(k));
    }
    this.rowMin = rowOf(latLo);
    this.rowMax = rowOf(latHi);
    this.latLo = Math.max(-90, latLo);
    this.latHi = Math.min(90, latHi);
    int rows = rowMax - rowMin + 1;
    this.colsPerDegree = new double[rows];
    this.colCount = new int[rows];
    this.rowCircumradius = new double[rows];
    for (int r = 0; r < rows; r++) {
      int row = rowMin + r;
      double south = -90 + row / rowsPerDegree;
      double north = -90 + (row + 1) / rowsPerDegree;
      double poleward = Math.min(90, Math.max(Math.abs(south), Math.abs(north)));
      double circumference = 2 * Math.PI * Math.cos(Math.toRadians(poleward));
      int n = (int) Math.floor(circumference / cellRadians);
      if (south <= -90 || north >= 90 || n < 1) {
        n = 1;
      }
      colCount[r] = Math.min(n, 1 << 30);
      colsPerDegree[r] = colCount[r] / 360.0;
      rowCircumradius[r] = Double.NaN;
    }
    // Start at about one cell per cap (consecutive caps mostly share cells) and grow by
    // doubling: zeroing over-sized tables cost more than the covering of small requests.
    int initial = Integer.highestOneBit(Math.max(64, caps.count())) * 2;
    keys = new long[initial * 2];
    Arrays.fill(keys, CorridorGrid.EMPTY);
    lastArc = new int[initial * 2];
    head = new int[initial * 2];
    pairArc = new int[initial];
    pairNext = new int[initial];
    nodeStart = new int[initial];
    nodeEnd = new int[initial];
    nodeChild = new int[initial];
    nodeLevel = new int[initial];
    nodeRow = new long[initial];
    nodeCol = new long[initial];
    nodeTopRow = new int[initial];
    arcs = new int[initial];
  }

  private int rowOf(double latDegrees) {
    return Math.min(rowCount - 1, Math.max(0, (int) ((latDegrees + 90) * rowsPerDegree)));
  }

  CorridorGrid build(double[] lats, double[] lons, int pointCount) {
    for (int k = 0; k < caps.count(); k++) {
      markCap(k);
    }
    // Pruning and splitting cost trigonometry per cell: worth it only with enough points per cell.
    boolean refine = refineAll || pointCount >= CorridorGrid.REFINE_POINTS_PER_CELL * (long) cells;
    int capacity = Integer.highestOneBit(Math.max(4, cells) * 2) * 2;
    long[] outKeys = new long[capacity];
    Arrays.fill(outKeys, CorridorGrid.EMPTY);
    int[] topNode = new int[capacity];
    int outMask = capacity - 1;
    int outShift = 64 - Integer.numberOfTrailingZeros(capacity);
    int[] list = new int[64];
    for (int i = 0; i < keys.length; i++) {
      long key = keys[i];
      if (key == CorridorGrid.EMPTY) {
        continue;
      }
      int row = (int) (key >>> 32);
      int col = (int) key;
      // The pair list is newest first: reverse it into ascending arc order.
      int n = 0;
      for (int q = head[i]; q >= 0; q = pairNext[q]) {
        if (n == list.length) {
          list = Arrays.copyOf(list, n * 2);
        }
        list[n++] = pairArc[q];
      }
      reverse(list, n);
      int node = refine ? addNode(0, row, col, row - rowMin, topCellCenter(row, col, row - rowMin), list, 0, n)
          : addUnprunedNode(list, n);
      if (nodeEnd[node] == nodeStart[node]) {
        nodes--; // no arc reaches the cell: drop it
        continue;
      }
      int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> outShift);
      while (outKeys[slot] != CorridorGrid.EMPTY) {
        slot = (slot + 1) & outMask;
      }
      outKeys[slot] = key;
      topNode[slot] = node;
    }
    occupancy = Occupancy.of(this, outKeys, pointCount);
    if (refine) {
      estimateDensity(lats, lons, pointCount, outKeys, topNode);
      split();
    }
    return new CorridorGrid(this, outKeys, topNode);
  }

  /**
   * Estimates the number of points in each top-level cell from an even sample of the points.
   */
  private void estimateDensity(double[] lats, double[] lons, int pointCount, long[] outKeys, int[] topNode) {
    nodePoints = new double[nodeStart.length];
    int sample = Math.min(pointCount, CorridorGrid.DENSITY_SAMPLE);
    double weight = (double) pointCount / Math.max(1, sample);
    int outShift = 64 - Integer.numberOfTrailingZeros(outKeys.length);
    int outMask = outKeys.length - 1;
    for (int k = 0; k < sample; k++) {
      int p = (int) ((long) k * pointCount / sample);
      double lat = lats[p];
      double lon = lons[p];
      if (!occupancy.mayContain(lat, lon)) {
        continue;
      }
      int row = Math.min(rowCount - 1, (int) ((lat + 90) * rowsPerDegree));
      if (row < rowMin || row > rowMax) {
        continue;
      }
      int r = row - rowMin;
      int col = Math.min(colCount[r] - 1, (int) ((lon + 180) * colsPerDegree[r]));
      long key = ((long) row << 32) | col;
      int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> outShift);
      while (outKeys[slot] != CorridorGrid.EMPTY && outKeys[slot] != key) {
        slot = (slot + 1) & outMask;
      }
      if (outKeys[slot] == key) {
        nodePoints[topNode[slot]] += weight;
      }
    }
  }

  /**
   * Splits, breadth first so that the coarsest long cells are refined first, every cell whose
   * list is longer than {@link CorridorGrid#SPLIT_ABOVE} and that holds enough points to repay the
   * split (a split costs about 4·length + {@link CorridorGrid#NODE_COST} arc distances and saves
   * each of its points about length/2), while the budget of arcs examined lasts. A child is
   * assumed to hold a quarter of its parent's points.
   */
  private void split() {
    for (int node = 0; node < nodes; node++) {
      int length = nodeEnd[node] - nodeStart[node];
      int level = nodeLevel[node];
      if (length <= CorridorGrid.SPLIT_ABOVE || level >= CorridorGrid.MAX_LEVEL || nodeChild[node] >= 0) {
        continue;
      }
      // Measured at r = 1 km over 100 m arcs: splits at break-even cost more build than they
      // saved scanning, so a split must repay its cost several times over.
      if (!refineAll && nodePoints[node] * 0.5 * length
          < CorridorGrid.SPLIT_PAYBACK * (4.0 * length + CorridorGrid.NODE_COST)) {
        continue;
      }
      // A split costs the children's geometry and four passes over the parent's list.
      long cost = 4L * length + CorridorGrid.NODE_COST;
      if (splitBudget < cost) {
        return;
      }
      splitBudget -= cost;
      int first = nodes;
      int start = nodeStart[node];
      int end = nodeEnd[node];
      int r = nodeTopRow[node];
      int childLevel = level + 1;
      long row = nodeRow[node] * 2;
      long col = nodeCol[node] * 2;
      double rowScale = rowsPerDegree * (1L << childLevel);
      double colScale = colsPerDegree[r] * (1L << childLevel);
      double south = -90 + row / rowScale;
      double middle = -90 + (row + 1) / rowScale;
      double north = Math.min(90, -90 + (row + 2) / rowScale);
      double west = -180 + col / colScale;
      double width = 1 / colScale;
      // Quadrant order matches findCell: 0 = south-west, 1 = south-east, 2 = north-west,
      // 3 = north-east. The two children of a row have the same shape: one circumradius each.
      double southDelta = 0;
      double northDelta = 0;
      for (int q = 0; q < 4; q++) {
        boolean isNorth = (q & 2) != 0;
        double s = isNorth ? middle : south;
        double n = isNorth ? north : middle;
        double w = west + (q & 1) * width;
        if (q == 0) {
          southDelta = ArcPruning.centreAndCircumradius(s, n, w, w + width, center);
        } else if (q == 2) {
          northDelta = ArcPruning.centreAndCircumradius(s, n, w, w + width, center);
        } else {
          Sphere.toUnitVector(0.5 * (s + n), w + 0.5 * width, center, 0);
        }
        addNode(childLevel, row + (q >> 1), col + (q & 1), r, isNorth ? northDelta : southDelta,
            arcs, start, end);
      }
      nodeChild[node] = first;
      for (int q = 0; q < 4; q++) {
        nodePoints[first + q] = 0.25 * nodePoints[node];
      }
    }
  }

  /**
   * Adds the cell (row, col) at {@code level} (indices in units of the top-level cell / 2^level),
   * whose centre is in {@code center} and circumradius is {@code delta}, keeping from
   * {@code candidates[from, to)} the arcs that can matter to one of its points; returns its node.
   */
  private int addNode(int level, long row, long col, int r, double delta,
      int[] candidates, int from, int to) {
    int n = to - from;
    if (dist.length < n) {
      dist = new double[Math.max(n, dist.length * 2)];
    }
    if (nodes == nodeStart.length) {
      growNodes();
    }
    int node = nodes++;
    if (arcCount + n > arcs.length) {
      // When splitting, candidates is the old array: its contents stay valid after the copy.
      arcs = Arrays.copyOf(arcs, Math.max(arcCount + n, arcs.length * 2));
    }
    nodeStart[node] = arcCount;
    arcCount = ArcPruning.keep(corridor, center, delta, candidates, from, to, dist, arcs, arcCount);
    nodeEnd[node] = arcCount;
    nodeChild[node] = -1;
    nodeLevel[node] = level;
    nodeRow[node] = row;
    nodeCol[node] = col;
    nodeTopRow[node] = r;
    return node;
  }

  /** Adds a top-level cell that keeps every arc the covering gave it (a complete superset). */
  private int addUnprunedNode(int[] list, int n) {
    if (nodes == nodeStart.length) {
      growNodes();
    }
    if (arcCount + n > arcs.length) {
      arcs = Arrays.copyOf(arcs, Math.max(arcCount + n, arcs.length * 2));
    }
    int node = nodes++;
    nodeStart[node] = arcCount;
    System.arraycopy(list, 0, arcs, arcCount, n);
    arcCount += n;
    nodeEnd[node] = arcCount;
    nodeChild[node] = -1;
    return node;
  }

  private void growNodes() {
    int n = nodeStart.length * 2;
    nodeStart = Arrays.copyOf(nodeStart, n);
    nodeEnd = Arrays.copyOf(nodeEnd, n);
    nodeChild = Arrays.copyOf(nodeChild, n);
    nodeLevel = Arrays.copyOf(nodeLevel, n);
    nodeRow = Arrays.copyOf(nodeRow, n);
    nodeCol = Arrays.copyOf(nodeCol, n);
    nodeTopRow = Arrays.copyOf(nodeTopRow, n);
    if (nodePoints != null) {
      nodePoints = Arrays.copyOf(nodePoints, n);
    }
  }

  /**
   * Writes the unit vector of the centre of top-level cell (row, col) into {@code center} and
   * returns its circumradius, the same for every cell of a row (so computed once per row); a
   * whole-row cell gets π, which disables pruning.
   */
  private double topCellCenter(int row, int col, int r) {
    double south = -90 + row / rowsPerDegree;
    double north = Math.min(90, -90 + (row + 1) / rowsPerDegree);
    double west = -180 + col / colsPerDegree[r];
    double east = -180 + (col + 1) / colsPerDegree[r];
    if (colCount[r] == 1) {
      Sphere.toUnitVector(0.5 * (south + north), 0.5 * (west + east), center, 0);
      return Math.PI;
    }
    if (rowCircumradius[r] != rowCircumradius[r]) {
      rowCircumradius[r] = ArcPruning.centreAndCircumradius(south, north, west, east, center);
    } else {
      Sphere.toUnitVector(0.5 * (south + north), 0.5 * (west + east), center, 0);
    }
    return rowCircumradius[r];
  }

  /**
   * Marks, for each arc of cap {@code k}, every cell that meets the cap: its rows, and in each
   * row the columns within its longitude reach, wrapping at the antimeridian.
   */
  private void markCap(int k) {
    double reach = caps.reachDegrees(k);
    double lonDegrees = caps.lonDegrees(k);
    int r0 = Math.max(rowMin, rowOf(caps.southDegrees(k))) - rowMin;
    int r1 = Math.min(rowMax, rowOf(caps.northDegrees(k))) - rowMin;
    int firstArc = caps.firstArc(k);
    int lastArc = caps.lastArc(k);
    for (int r = r0; r <= r1; r++) {
      int n = colCount[r];
      int c0 = (int) Math.floor((lonDegrees - reach + 180) * colsPerDegree[r]);
      int c1 = (int) Math.floor((lonDegrees + reach + 180) * colsPerDegree[r]);
      if (reach < 0 || c1 - c0 + 1 >= n) {
        c0 = 0;
        c1 = n - 1;
      }
      for (int c = c0; c <= c1; c++) {
        int col = c < 0 ? c + n : c >= n ? c - n : c;
        for (int arc = firstArc; arc <= lastArc; arc++) {
          mark(rowMin + r, col, arc);
        }
      }
    }
  }

  /**
   * Adds {@code arc} to cell (row, col) unless already there. Caps come in route order and their
   * arc ranges only move forward, so a cell's arcs arrive ascending, repeats included.
   */
  private void mark(int row, int col, int arc) {
    long key = ((long) row << 32) | col;
    int slot = slotOf(key);
    if (keys[slot] == CorridorGrid.EMPTY) {
      keys[slot] = key;
      head[slot] = -1;
      lastArc[slot] = -1;
      cells++;
    }
    if (arc <= lastArc[slot]) {
      return;
    }
    lastArc[slot] = arc;
    if (pairs == pairArc.length) {
      pairArc = Arrays.copyOf(pairArc, pairs * 2);
      pairNext = Arrays.copyOf(pairNext, pairs * 2);
    }
    pairArc[pairs] = arc;
    pairNext[pairs] = head[slot];
    head[slot] = pairs++;
    if (cells * 2 > keys.length) {
      grow();
    }
  }

  private int slotOf(long key) {
    int shift = 64 - Integer.numberOfTrailingZeros(keys.length);
    int m = keys.length - 1;
    int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    while (keys[slot] != CorridorGrid.EMPTY && keys[slot] != key) {
      slot = (slot + 1) & m;
    }
    return slot;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldLast = lastArc;
    int[] oldHead = head;
    keys = new long[oldKeys.length * 2];
    Arrays.fill(keys, CorridorGrid.EMPTY);
    lastArc = new int[keys.length];
    head = new int[keys.length];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != CorridorGrid.EMPTY) {
        int slot = slotOf(oldKeys[i]);
        keys[slot] = oldKeys[i];
        lastArc[slot] = oldLast[i];
        head[slot] = oldHead[i];
      }
    }
  }

  private static void reverse(int[] a, int n) {
    for (int i = 0, j = n - 1; i < j; i++, j--) {
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
