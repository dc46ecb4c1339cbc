package io.corridor.spark;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Every route of a join with, per covered cell, the routes that cover it (in compressed rows: the
 * distinct cells ascending, and for cell k the route numbers {@code routes[starts[k] ..
 * starts[k+1])}): small enough, for up to some hundred thousand routes, to be broadcast, so that
 * points are matched where they lie, without being shuffled. Immutable and safe to share between
 * the tasks of an executor; each task prepares its own corridors from it.
 */
final class RouteTable implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Bits of a route number in a packed (cell, route) pair: at most {@link #MAX_ROUTES} routes. */
  private static final int ROUTE_BITS = 24;
  /** The most routes a table holds. */
  static final int MAX_ROUTES = 1 << ROUTE_BITS;

  private final CellGrid grid;
  private final String[] ids;
  private final double[][] lat;
  private final double[][] lon;
  private final double[] radiusMeters;
  private final long[] cells;
  private final int[] starts;
  private final int[] routes;

  private RouteTable(CellGrid grid, String[] ids, double[][] lat, double[][] lon, double[] radiusMeters,
      long[] cells, int[] starts, int[] routes) {
    this.grid = grid;
    this.ids = ids;
    this.lat = lat;
    this.lon = lon;
    this.radiusMeters = radiusMeters;
    this.cells = cells;
    this.starts = starts;
    this.routes = routes;
  }

  /** Builds the table of prepared route rows ({@code route_key, route_id, lat, lon, radius_m, ...}). */
  static RouteTable build(List<Row> prepared, CellGrid grid) {
    int n = prepared.size();
    if (n > MAX_ROUTES) {
      throw new IllegalArgumentException(n + " routes are more than a table holds (" + MAX_ROUTES + ")");
    }
    String[] ids = new String[n];
    double[][] lat = new double[n][];
    double[][] lon = new double[n][];
    double[] radius = new double[n];
    // (cell, route) pairs packed for one sort: cells as they come, routes in a parallel array.
    long[] pairCells = new long[1024];
    int[] pairRoutes = new int[1024];
    int pairs = 0;
    for (int i = 0; i < n; i++) {
      Row r = prepared.get(i);
      ids[i] = r.getString(1);
      lat[i] = doubles(r.getList(2));
      lon[i] = doubles(r.getList(3));
      radius[i] = r.getDouble(4);
      long[] covered = grid.cover(Corridor.of(Route.of(lat[i], lon[i]), radius[i]));
      if (pairs + covered.length > pairCells.length) {
        int size = Math.max(pairCells.length * 2, pairs + covered.length);
        pairCells = Arrays.copyOf(pairCells, size);
        pairRoutes = Arrays.copyOf(pairRoutes, size);
      }
      System.arraycopy(covered, 0, pairCells, pairs, covered.length);
      Arrays.fill(pairRoutes, pairs, pairs + covered.length, i);
      pairs += covered.length;
    }
    // Distinct cells ascending; then (cell number, route) packed in one long and sorted, which puts
    // each cell's routes together and in route order, with primitive sorts only.
    long[] sorted = Arrays.copyOf(pairCells, pairs);
    Arrays.sort(sorted);
    int distinct = 0;
    for (int k = 0; k < pairs; k++) {
      if (distinct == 0 || sorted[distinct - 1] != sorted[k]) {
        sorted[distinct++] = sorted[k];
      }
    }
    long[] cells = Arrays.copyOf(sorted, distinct);
    long[] packed = new long[pairs];
    for (int k = 0; k < pairs; k++) {
      packed[k] = ((long) Arrays.binarySearch(cells, pairCells[k]) << ROUTE_BITS) | pairRoutes[k];
    }
    Arrays.sort(packed);
    int[] starts = new int[distinct + 1];
    int[] routes = new int[pairs];
    for (int k = 0, cell = -1; k < pairs; k++) {
      int c = (int) (packed[k] >>> ROUTE_BITS);
      while (cell < c) {
        starts[++cell] = k;
      }
      routes[k] = (int) (packed[k] & ((1L << ROUTE_BITS) - 1));
    }
    starts[distinct] = pairs;
    return new RouteTable(grid, ids, lat, lon, radius, cells, starts, routes);
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

  /** Returns route {@code i} prepared for point tests (one per task: not thread-safe). */
  PreparedCorridor prepare(int i) {
    return new PreparedCorridor(Corridor.of(Route.of(lat[i], lon[i]), radiusMeters[i]));
  }

  /** Returns the position in {@link #routesFrom}/{@link #routesTo} of the point's cell, or −1. */
  int cellIndex(double latDegrees, double lonDegrees) {
    int k = Arrays.binarySearch(cells, grid.cellOf(latDegrees, lonDegrees));
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
}
