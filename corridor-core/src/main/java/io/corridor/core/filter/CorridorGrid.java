package io.corridor.core.filter;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Sphere;
import java.util.Arrays;

/**
 * A covering of a corridor by small latitude/longitude cells, each knowing the few arcs that can be
 * nearest to a point inside it: the structure that lets the fast filter reject most points with
 * two integer range checks and test the rest against a handful of arcs instead of all of them.
 *
 * <p><b>The grid.</b> Rows of equal height {@code s} metres; row k has as many columns as fit with
 * a width of at least s at its poleward edge, so cells stay roughly square up to the poles, and
 * the rows that touch a pole are one cell wide. Top-level cells are keyed (row, column) in an
 * open-addressing table. A cell whose arc list is long (a dense route under a wide radius) is split
 * into 2×2 children, recursively; a point descends by halving its fractional position in the cell,
 * which is exact in floating point.
 *
 * <p><b>Covering, conservatively.</b> Each arc is sampled every {@code h ≤ s}; any point within r
 * of the arc is within r + h/2 of a sample, so marking every cell that meets the cap of that radius
 * around each sample (its rows, and in each row the cap's widest longitude reach
 * asin(sin ρ / cos φ)) marks every cell the corridor touches, across the antimeridian (columns
 * wrap) and the poles (a cap that contains a pole marks whole rows).
 *
 * <p><b>Pruning, exactly.</b> For a cell with centre c and circumradius δ, every point p of the
 * cell has d(p, a) ∈ [d(c, a) − δ, d(c, a) + δ] for each arc a. So an arc with d(c, a) − δ &gt; r
 * can never hold a point of the cell inside the corridor, and an arc with
 * d(c, a) &gt; min_b d(c, b) + 2δ can never be the nearest (nor within the tie tolerance of it).
 * Both are dropped; a cell left with no arc rejects its points. What remains is complete: the
 * nearest arc of every point of the cell, and every arc within the tie tolerance of it, is in the
 * cell's list, so the answer on the list is the answer on the whole route.
 */
final class CorridorGrid {
  private static final long EMPTY = -1L;
  /** Angular slack for rounding in the covering and pruning bounds (about 6 µm). */
  private static final double EPS = 1e-12;
  /** A cell with more arcs than this is split, budget permitting. */
  static final int SPLIT_ABOVE = 8;
  /** The cost of a split's geometry (about 20 trigonometric calls), in arc distances. */
  static final int NODE_COST = 60;
  /** Below this many points per top-level cell, cells keep their covering's arcs unpruned. */
  static final int REFINE_POINTS_PER_CELL = 64;
  /** How many times over a split must repay its cost in arc tests saved. */
  static final double SPLIT_PAYBACK = 4;
  /** How many points, at most, estimate the density of points per cell. */
  static final int DENSITY_SAMPLE = 8192;
  /** Deepest split: cells down to 1/1024 of the top-level size. */
  static final int MAX_LEVEL = 10;

  private final double rowsPerDegree;
  private final int rowCount;
  private final int rowMin;
  private final int rowMax;
  /** Per covered row (index row − rowMin): columns per degree and column count. */
  private final double[] colsPerDegree;
  private final int[] colCount;
  /** The coarse occupancy bitmap, checked before the table: small enough to stay in cache. */
  private final Occupancy occupancy;
  private final long[] keys;
  private final int[] topNode;
  private final int mask;
  private final int shift;
  /** Per node: its arc list [start, end) in arcIds, and its first child (−1 for a leaf). */
  private final int[] nodeStart;
  private final int[] nodeEnd;
  private final int[] nodeChild;
  private final int[] arcIds;

  /**
   * Builds the grid of {@code corridor} with top-level cells of about {@code cellMeters}, splitting
   * the long cells where the given points are dense enough to pay for it (estimated from an even
   * sample of at most {@link #DENSITY_SAMPLE} of them), while the arcs examined by splits stay under
   * {@code splitBudget}. The points only steer the effort: the answers never depend on them.
   */
  static CorridorGrid build(Corridor corridor, double cellMeters, double[] lats, double[] lons,
      int pointCount, long splitBudget) {
    return new Builder(corridor, cellMeters, splitBudget).build(lats, lons, pointCount);
  }

  private CorridorGrid(Builder b, long[] keys, int[] topNode) {
    this.rowsPerDegree = b.rowsPerDegree;
    this.rowCount = b.rowCount;
    this.rowMin = b.rowMin;
    this.rowMax = b.rowMax;
    this.colsPerDegree = b.colsPerDegree;
    this.colCount = b.colCount;
    this.occupancy = b.occupancy;
    this.keys = keys;
    this.topNode = topNode;
    this.mask = keys.length - 1;
    this.shift = 64 - Integer.numberOfTrailingZeros(keys.length);
    this.nodeStart = Arrays.copyOf(b.nodeStart, b.nodes);
    this.nodeEnd = Arrays.copyOf(b.nodeEnd, b.nodes);
    this.nodeChild = Arrays.copyOf(b.nodeChild, b.nodes);
    this.arcIds = Arrays.copyOf(b.arcs, b.arcCount);
  }

  /** Returns the arc ids of all cells; a cell's list is {@code [start(node), end(node))}. */
  int[] arcIds() {
    return arcIds;
  }

  int start(int node) {
    return nodeStart[node];
  }

  int end(int node) {
    return nodeEnd[node];
  }

  /** Returns whether a cell of the corridor may hold the point: false rejects it for certain. */
  boolean mayContain(double latDegrees, double lonDegrees) {
    return occupancy.mayContain(latDegrees, lonDegrees);
  }

  /**
   * Returns the leaf cell holding a point in degrees that {@link #mayContain} accepted, or −1 if
   * no cell of the corridor holds it (then the point is outside the corridor). A leaf may have an
   * empty list, with the same meaning.
   */
  int findCell(double latDegrees, double lonDegrees) {
    double fr = (latDegrees + 90) * rowsPerDegree;
    int row = (int) fr;
    if (row >= rowCount) {
      row = rowCount - 1;
    }
    if (row < rowMin || row > rowMax) {
      return -1;
    }
    int r = row - rowMin;
    double fc = (lonDegrees + 180) * colsPerDegree[r];
    int col = (int) fc;
    if (col >= colCount[r]) {
      col = colCount[r] - 1;
    }
    long key = ((long) row << 32) | col;
    int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    while (true) {
      long k = keys[slot];
      if (k == key) {
        break;
      }
      if (k == EMPTY) {
        return -1;
      }
      slot = (slot + 1) & mask;
    }
    int node = topNode[slot];
    if (nodeChild[node] < 0) {
      return node;
    }
    // Descend by the point's position within the cell: doubling and subtracting 1 are exact.
    double y = Math.min(fr - row, 0x1.fffffffffffffp-1);
    double x = Math.min(fc - col, 0x1.fffffffffffffp-1);
    do {
      y += y;
      x += x;
      int quadrant = 0;
      if (y >= 1) {
        y -= 1;
        quadrant = 2;
      }
      if (x >= 1) {
        x -= 1;
        quadrant |= 1;
      }
      node = nodeChild[node] + quadrant;
    } while (nodeChild[node] >= 0);
    return node;
  }

  /** Samples the arcs, covers the corridor, prunes each cell's arcs, and splits long cells. */
  private static final class Builder {
    private final Corridor corridor;
    private final double rho;
    private final double rowsPerDegree;
    private final int rowCount;
    private final int rowMin;
    private final int rowMax;
    private final double[] colsPerDegree;
    private final int[] colCount;
    private Occupancy occupancy;
    private final double latLo;
    private final double latHi;
    private final double cellRadians;
    private final double[] rowCircumradius;
    private long splitBudget;

    private double[] sampleLat;
    private double[] sampleLon;
    private double[] sampleCosLat;
    private double[] sampleCap;
    private double[] sampleSinCap;
    private int[] sampleArc;
    private int samples;

    // Growing table of top-level cells during the covering: key, last arc seen, head of its pairs.
    private long[] keys;
    private int[] lastArc;
    private int[] head;
    private int cells;
    private int[] pairArc;
    private int[] pairNext;
    private int pairs;

    // Nodes: every cell at every level, with its pruned arc list in `arcs`.
    private int[] nodeStart;
    private int[] nodeEnd;
    private int[] nodeChild;
    private int[] nodeLevel;
    private long[] nodeRow;
    private long[] nodeCol;
    private int[] nodeTopRow;
    private double[] nodePoints;
    private int nodes;
    private int[] arcs;
    private int arcCount;

    private final double[] center = new double[3];
    private double[] dist = new double[64];

    Builder(Corridor corridor, double cellMeters, long splitBudget) {
      this.corridor = corridor;
      this.rho = corridor.radiusRadians();
      this.cellRadians = cellMeters / Sphere.EARTH_RADIUS_METERS;
      this.splitBudget = splitBudget;
      double rowHeightDegrees = Math.toDegrees(cellRadians);
      this.rowCount = Math.max(1, (int) Math.ceil(180 / rowHeightDegrees));
      this.rowsPerDegree = rowCount / 180.0;
      sample();
      double latLo = 90, latHi = -90;
      for (int k = 0; k < samples; k++) {
        double capDegrees = Math.toDegrees(sampleCap[k]);
        latLo = Math.min(latLo, sampleLat[k] - capDegrees);
        latHi = Math.max(latHi, sampleLat[k] + capDegrees);
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
      // Start at about one cell per sample (consecutive samples' caps mostly share cells) and
      // grow by doubling: zeroing over-sized tables cost more than the covering of small requests.
      int initial = Integer.highestOneBit(Math.max(64, samples)) * 2;
      keys = new long[initial * 2];
      Arrays.fill(keys, EMPTY);
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
      for (int k = 0; k < samples; k++) {
        markCap(k);
      }
      // Pruning and splitting cost trigonometry per cell: worth it only with enough points per cell.
      boolean refine = pointCount >= REFINE_POINTS_PER_CELL * (long) cells;
      int capacity = Integer.highestOneBit(Math.max(4, cells) * 2) * 2;
      long[] outKeys = new long[capacity];
      Arrays.fill(outKeys, EMPTY);
      int[] topNode = new int[capacity];
      int outMask = capacity - 1;
      int outShift = 64 - Integer.numberOfTrailingZeros(capacity);
      int[] list = new int[64];
      for (int i = 0; i < keys.length; i++) {
        long key = keys[i];
        if (key == EMPTY) {
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
        while (outKeys[slot] != EMPTY) {
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
      int sample = Math.min(pointCount, DENSITY_SAMPLE);
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
        while (outKeys[slot] != EMPTY && outKeys[slot] != key) {
          slot = (slot + 1) & outMask;
        }
        if (outKeys[slot] == key) {
          nodePoints[topNode[slot]] += weight;
        }
      }
    }

    /**
     * Splits, breadth first so that the coarsest long cells are refined first, every cell whose
     * list is longer than {@link #SPLIT_ABOVE} and that holds enough points to repay the split
     * (a split costs about 4·length + {@link #NODE_COST} arc distances and saves each of its points
     * about length/2), while the budget of arcs examined lasts. A child is assumed to hold a
     * quarter of its parent's points.
     */
    private void split() {
      for (int node = 0; node < nodes; node++) {
        int length = nodeEnd[node] - nodeStart[node];
        int level = nodeLevel[node];
        if (length <= SPLIT_ABOVE || level >= MAX_LEVEL || nodeChild[node] >= 0) {
          continue;
        }
        // Measured at r = 1 km over 100 m arcs: splits at break-even cost more build than they
        // saved scanning, so a split must repay its cost several times over.
        if (nodePoints[node] * 0.5 * length < SPLIT_PAYBACK * (4.0 * length + NODE_COST)) {
          continue;
        }
        // A split costs the children's geometry and four passes over the parent's list.
        long cost = 4L * length + NODE_COST;
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
        double halfWidth = 0.5 / colScale;
        // The two children of a row have the same shape: one circumradius each for south and north.
        double southDelta = circumradius(south, middle, halfWidth);
        double northDelta = circumradius(middle, north, halfWidth);
        // Quadrant order matches find(): 0 = south-west, 1 = south-east, 2 = north-west, 3 = north-east.
        for (int q = 0; q < 4; q++) {
          boolean isNorth = (q & 2) != 0;
          double lat = isNorth ? 0.5 * (middle + north) : 0.5 * (south + middle);
          double lon = west + ((q & 1) == 0 ? halfWidth : 3 * halfWidth);
          Sphere.toUnitVector(lat, lon, center, 0);
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
     * Returns the angle from the centre of a cell spanning latitudes [south, north] and
     * 2·halfWidth degrees of longitude to its farthest corner (which bounds its farthest point: a
     * cell bounded by parallels and meridians is farthest from its centre at a corner), with a
     * slack for rounding. By symmetry only a southern and a northern corner need measuring:
     * cos d = sin φ sin φc + cos φ cos φc cos(halfWidth).
     */
    private static double circumradius(double south, double north, double halfWidthDegrees) {
      double phiC = Math.toRadians(0.5 * (south + north));
      double sinC = Math.sin(phiC);
      double cosC = Math.cos(phiC);
      double cosW = Math.cos(Math.toRadians(halfWidthDegrees));
      double max = 0;
      for (double lat : new double[] {south, north}) {
        double phi = Math.toRadians(lat);
        double cosD = Math.sin(phi) * sinC + Math.cos(phi) * cosC * cosW;
        // acos is ill-conditioned near 0, so go through the chord: |c − corner|² = 2 − 2 cos d.
        max = Math.max(max, Sphere.angleOfChord2(Math.max(0, 2 - 2 * cosD)));
      }
      return max + 1e-9 * max + 1e-10;
    }

    /**
     * Adds the cell (row, col) at {@code level} (indices in units of the top-level cell / 2^level),
     * whose centre is in {@code center} and circumradius is {@code delta}, keeping from
     * {@code candidates[from, to)} the arcs that can be nearest to one of its points inside the
     * corridor; returns its node.
     */
    private int addNode(int level, long row, long col, int r, double delta,
        int[] candidates, int from, int to) {
      int n = to - from;
      if (dist.length < n) {
        dist = new double[Math.max(n, dist.length * 2)];
      }
      double min = Double.POSITIVE_INFINITY;
      for (int k = 0; k < n; k++) {
        dist[k] = corridor.chord2ToArc(candidates[from + k], center[0], center[1], center[2]);
        min = Math.min(min, dist[k]);
      }
      // Compared as squared chords, which grow with the angle: one conversion per cell.
      double tie = Corridor.TIE_METERS / Sphere.EARTH_RADIUS_METERS;
      double reach = Sphere.chord2(
          Math.min(rho + delta, Sphere.angleOfChord2(min) + 2 * delta + tie) + EPS);
      if (nodes == nodeStart.length) {
        growNodes();
      }
      int node = nodes++;
      if (arcCount + n > arcs.length) {
        // When splitting, candidates is the old array: its contents stay valid after the copy.
        arcs = Arrays.copyOf(arcs, Math.max(arcCount + n, arcs.length * 2));
      }
      nodeStart[node] = arcCount;
      for (int k = 0; k < n; k++) {
        if (dist[k] <= reach) {
          arcs[arcCount++] = candidates[from + k];
        }
      }
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
     * whole-row cell gets π, which disables pruning by nearness.
     */
    private double topCellCenter(int row, int col, int r) {
      double south = -90 + row / rowsPerDegree;
      double north = Math.min(90, -90 + (row + 1) / rowsPerDegree);
      double halfWidth = 0.5 / colsPerDegree[r];
      Sphere.toUnitVector(0.5 * (south + north), -180 + (col + 0.5) / colsPerDegree[r], center, 0);
      if (colCount[r] == 1) {
        return Math.PI;
      }
      if (rowCircumradius[r] != rowCircumradius[r]) {
        rowCircumradius[r] = circumradius(south, north, halfWidth);
      }
      return rowCircumradius[r];
    }

    /**
     * Samples every arc at most one cell apart: any point within r of the arc is then within
     * r + step/2 of a sample, the sample's cap radius.
     */
    private void sample() {
      int initial = 2 * corridor.arcCount() + 2;
      sampleLat = new double[initial];
      sampleLon = new double[initial];
      sampleCosLat = new double[initial];
      sampleCap = new double[initial];
      sampleSinCap = new double[initial];
      sampleArc = new int[initial];
      double[] p = new double[3];
      io.corridor.core.geo.Route route = corridor.route();
      for (int arc = 0; arc < corridor.arcCount(); arc++) {
        double length = corridor.arcLengthRadians(arc);
        int steps = Math.max(1, (int) Math.ceil(length / cellRadians));
        double step = length / steps;
        double capRadius = rho + 0.5 * step + EPS;
        double sinCap = capRadius >= Math.PI / 2 ? 1 : Math.sin(capRadius);
        // A point-like arc needs one sample; a real one both ends and every step between. The
        // ends are route vertices, whose coordinates are known: no trigonometry for short arcs.
        int last = length == 0 ? 0 : steps;
        for (int j = 0; j <= last; j++) {
          if (samples == sampleLat.length) {
            int n = samples * 2;
            sampleLat = Arrays.copyOf(sampleLat, n);
            sampleLon = Arrays.copyOf(sampleLon, n);
            sampleCosLat = Arrays.copyOf(sampleCosLat, n);
            sampleCap = Arrays.copyOf(sampleCap, n);
            sampleSinCap = Arrays.copyOf(sampleSinCap, n);
            sampleArc = Arrays.copyOf(sampleArc, n);
          }
          int vertex = j == 0 ? arc : j == last ? Math.min(arc + 1, route.size() - 1) : -1;
          if (vertex >= 0) {
            double x = route.unit(vertex, 0);
            double y = route.unit(vertex, 1);
            sampleLat[samples] = route.latDegrees(vertex);
            sampleLon[samples] = route.lonDegrees(vertex);
            sampleCosLat[samples] = Math.sqrt(x * x + y * y);
          } else {
            corridor.pointOnArc(arc, j * step, p);
            double cosLat = Math.sqrt(p[0] * p[0] + p[1] * p[1]);
            sampleLat[samples] = Math.toDegrees(Math.atan2(p[2], cosLat));
            sampleLon[samples] = Sphere.lonDegrees(p[0], p[1]);
            sampleCosLat[samples] = cosLat;
          }
          sampleCap[samples] = capRadius;
          sampleSinCap[samples] = sinCap;
          sampleArc[samples] = arc;
          samples++;
        }
      }
    }

    /**
     * Marks, for sample {@code k}'s arc, every cell that meets the cap around the sample. The
     * cap's widest longitude reach is asin(sin ρ / cos φ); it is bounded here without
     * trigonometry by x / √(1 − x²) ≥ asin x (as tan θ ≥ θ), which is tight for small caps.
     */
    private void markCap(int k) {
      int arc = sampleArc[k];
      double latDegrees = sampleLat[k];
      double lonDegrees = sampleLon[k];
      double capDegrees = Math.toDegrees(sampleCap[k]);
      double south = latDegrees - capDegrees;
      double north = latDegrees + capDegrees;
      double halfWidthDegrees = 180;
      if (south > -90 && north < 90) {
        double x = sampleSinCap[k] / sampleCosLat[k];
        if (x < 1) {
          halfWidthDegrees = Math.toDegrees(x / Math.sqrt(1 - x * x)) + 1e-9;
        }
      }
      int r0 = Math.max(rowMin, rowOf(south)) - rowMin;
      int r1 = Math.min(rowMax, rowOf(north)) - rowMin;
      for (int r = r0; r <= r1; r++) {
        int n = colCount[r];
        int c0 = (int) Math.floor((lonDegrees - halfWidthDegrees + 180) * colsPerDegree[r]);
        int c1 = (int) Math.floor((lonDegrees + halfWidthDegrees + 180) * colsPerDegree[r]);
        if (halfWidthDegrees >= 180 || c1 - c0 + 1 >= n) {
          c0 = 0;
          c1 = n - 1;
        }
        for (int c = c0; c <= c1; c++) {
          mark(rowMin + r, c < 0 ? c + n : c >= n ? c - n : c, arc);
        }
      }
    }

    private void mark(int row, int col, int arc) {
      long key = ((long) row << 32) | col;
      int slot = slotOf(key);
      if (keys[slot] == EMPTY) {
        keys[slot] = key;
        head[slot] = -1;
        lastArc[slot] = -1;
        cells++;
      }
      if (lastArc[slot] == arc) {
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
      while (keys[slot] != EMPTY && keys[slot] != key) {
        slot = (slot + 1) & m;
      }
      return slot;
    }

    private void grow() {
      long[] oldKeys = keys;
      int[] oldLast = lastArc;
      int[] oldHead = head;
      keys = new long[oldKeys.length * 2];
      Arrays.fill(keys, EMPTY);
      lastArc = new int[keys.length];
      head = new int[keys.length];
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] != EMPTY) {
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

  /**
   * A bitmap of coarse latitude/longitude blocks, set where a kept top-level cell may lie: most far
   * points are rejected by one bit test in a table of at most 2^20 bits (128 KiB) rather than by a
   * probe of the cell table, which for a long corridor of small cells does not fit in cache.
   */
  static final class Occupancy {
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
    static Occupancy of(Builder b, long[] keys, int points) {
      // The longitude extent of the kept cells: the circle less its widest gap, found on a
      // histogram of whole degrees (cells may span several degrees near the poles).
      boolean[] used = new boolean[360];
      for (long key : keys) {
        if (key == EMPTY) {
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
        if (key == EMPTY) {
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
}
