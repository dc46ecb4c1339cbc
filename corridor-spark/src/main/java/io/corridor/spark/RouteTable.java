package io.corridor.spark;

import io.corridor.core.covering.CellCovering;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Every route of a join with, per covered cell, the routes that cover it and, for each, the arcs
 * that can matter there (from the routes' {@link CellCovering}s, in compressed rows: the distinct
 * cells ascending, for cell k the pairs {@code starts[k] .. starts[k+1])}, pair j being route
 * {@code routes[j]} with arcs {@code arcIds[arcStarts[j] .. arcStarts[j+1])}): small enough, for
 * up to some hundred thousand routes, to be broadcast, so that points are matched where they lie,
 * without being shuffled, each against only the arcs its cell lists. Immutable and safe to share
 * between the tasks of an executor; each task makes its own corridors from it.
 */
final class RouteTable implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The most routes a table holds. */
  static final int MAX_ROUTES = 1 << 24;

  private final int cellsPerDegree;
  private final String[] ids;
  private final double[][] lat;
  private final double[][] lon;
  private final double[] radiusMeters;
  private final long[] cells;
  private final int[] starts;
  private final int[] routes;
  private final int[] arcStarts;
  private final int[] arcIds;

  private RouteTable(int cellsPerDegree, String[] ids, double[][] lat, double[][] lon,
      double[] radiusMeters, long[] cells, int[] starts, int[] routes, int[] arcStarts, int[] arcIds) {
    this.cellsPerDegree = cellsPerDegree;
    this.ids = ids;
    this.lat = lat;
    this.lon = lon;
    this.radiusMeters = radiusMeters;
    this.cells = cells;
    this.starts = starts;
    this.routes = routes;
    this.arcStarts = arcStarts;
    this.arcIds = arcIds;
  }

  /**
   * Builds the table of prepared route rows ({@code route_key, route_id, lat, lon, radius_m, ...})
   * at {@code cellsPerDegree}, or coarser if a route's covering would be too large there.
   */
  static RouteTable build(List<Row> prepared, int cellsPerDegree) {
    int n = prepared.size();
    if (n > MAX_ROUTES) {
      throw new IllegalArgumentException(n + " routes are more than a table holds (" + MAX_ROUTES + ")");
    }
    String[] ids = new String[n];
    double[][] lat = new double[n][];
    double[][] lon = new double[n][];
    double[] radius = new double[n];
    CellCovering[] coverings = new CellCovering[n];
    int resolution = cellsPerDegree;
    for (int i = 0; i < n; i++) {
      Row r = prepared.get(i);
      ids[i] = r.getString(1);
      lat[i] = doubles(r.getList(2));
      lon[i] = doubles(r.getList(3));
      radius[i] = r.getDouble(4);
      Corridor corridor = Corridor.of(Route.of(lat[i], lon[i]), radius[i]);
      coverings[i] = CorridorJoin.fittingCovering(corridor, resolution, ids[i]);
      resolution = coverings[i].cellsPerDegree();
    }
    // A point has one key: every route at the coarsest resolution any route needed.
    long pairs = 0;
    for (int i = 0; i < n; i++) {
      if (coverings[i].cellsPerDegree() != resolution) {
        coverings[i] = CellCovering.of(Corridor.of(Route.of(lat[i], lon[i]), radius[i]), resolution);
      }
      pairs += coverings[i].size();
    }
    if (pairs > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("the routes cover " + pairs + " cells, more than a table holds");
    }
    // (cell, pair) packed in one long and sorted: pairs are numbered route by route, so each
    // cell's routes come together and in route order, with primitive sorts only.
    long[] pairCells = new long[(int) pairs];
    int[] pairRoutes = new int[(int) pairs];
    int[] pairCell = new int[(int) pairs];
    for (int i = 0, k = 0; i < n; i++) {
      for (int c = 0; c < coverings[i].size(); c++, k++) {
        pairCells[k] = coverings[i].cell(c);
        pairRoutes[k] = i;
        pairCell[k] = c;
      }
    }
    long[] sorted = pairCells.clone();
    Arrays.sort(sorted);
    int distinct = 0;
    for (int k = 0; k < sorted.length; k++) {
      if (distinct == 0 || sorted[distinct - 1] != sorted[k]) {
        sorted[distinct++] = sorted[k];
      }
    }
    long[] cells = Arrays.copyOf(sorted, distinct);
    long[] packed = new long[(int) pairs];
    for (int k = 0; k < packed.length; k++) {
      packed[k] = ((long) Arrays.binarySearch(cells, pairCells[k]) << 32) | k;
    }
    Arrays.sort(packed);
    int[] starts = new int[distinct + 1];
    int[] routes = new int[packed.length];
    int[] arcStarts = new int[packed.length + 1];
    int[] arcIds = new int[64];
    int arcCount = 0;
    for (int j = 0, cell = -1; j < packed.length; j++) {
      int c = (int) (packed[j] >>> 32);
      while (cell < c) {
        starts[++cell] = j;
      }
      int k = (int) packed[j];
      routes[j] = pairRoutes[k];
      int[] arcs = coverings[pairRoutes[k]].arcs(pairCell[k]);
      if (arcCount + arcs.length > arcIds.length) {
        arcIds = Arrays.copyOf(arcIds, Math.max(2 * arcIds.length, arcCount + arcs.length));
      }
      arcStarts[j] = arcCount;
      System.arraycopy(arcs, 0, arcIds, arcCount, arcs.length);
      arcCount += arcs.length;
    }
    starts[distinct] = packed.length;
    arcStarts[packed.length] = arcCount;
    return new RouteTable(resolution, ids, lat, lon, radius, cells, starts, routes, arcStarts,
        Arrays.copyOf(arcIds, arcCount));
  }

  private static double[] doubles(List<Double> values) {
    double[] a = new double[values.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = values.get(i);
    }
    return a;
  }

  /** Returns the number of routes. */
  int size() {
    return ids.length;
  }

  /** Returns the id of route {@code i}. */
  String id(int i) {
    return ids[i];
  }

  /** Returns the corridor of route {@code i}. */
  Corridor corridor(int i) {
    return Corridor.of(Route.of(lat[i], lon[i]), radiusMeters[i]);
  }

  /** Returns the position in {@link #routesFrom}/{@link #routesTo} of the point's cell, or −1. */
  int cellIndex(double latDegrees, double lonDegrees) {
    int k = Arrays.binarySearch(cells, CellCovering.cellOf(latDegrees, lonDegrees, cellsPerDegree));
    return k >= 0 ? k : -1;
  }

  /** Returns the first position in the route list of cell {@code cellIndex}. */
  int routesFrom(int cellIndex) {
    return starts[cellIndex];
  }

  /** Returns the position past the last in the route list of cell {@code cellIndex}. */
  int routesTo(int cellIndex) {
    return starts[cellIndex + 1];
  }

  /** Returns the route number at position {@code k} of the route lists. */
  int route(int k) {
    return routes[k];
  }

  /** Returns the arcs of every (cell, route) pair, read through {@link #arcsFrom}/{@link #arcsTo}. */
  int[] arcIds() {
    return arcIds;
  }

  /** Returns the first position in {@link #arcIds} of the arcs of pair {@code k}. */
  int arcsFrom(int k) {
    return arcStarts[k];
  }

  /** Returns the position past the last in {@link #arcIds} of the arcs of pair {@code k}. */
  int arcsTo(int k) {
    return arcStarts[k + 1];
  }
}
