package io.corridor.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.collect_list;

import io.corridor.core.InvalidInputException;
import io.corridor.core.covering.CellCovering;
import io.corridor.core.filter.FastFilter;
import io.corridor.core.filter.Match;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.geo.Sphere;
import io.corridor.core.location.LocationSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The corridor join: every (route, location) pair where the location lies inside the route's
 * corridor, with its distance and offset, exact on the sphere as the single-machine filter is.
 *
 * <p>Routes come as rows {@code (id, route, radius_m)} (route text as {@link RouteText} reads it),
 * locations as rows {@code (id, lat, lon)}, one row per point: rows sharing an id are one location
 * with several points. The answer has one row {@code (route_id, id, distance_m, offset_m)} per
 * match, unordered.
 *
 * <p>How, without ever pairing every route with every point: each route is parsed once, and the
 * resolution of a latitude/longitude grid (whole cells per degree, 1 to 1 024, as
 * {@link CellCovering} keys cells) is chosen so that the routes' coverings stay near
 * {@link #CELLS_PER_ROUTE} cells per route, coarser still if a route's covering would pass
 * {@link CellCovering#MAX_PAIRS}. Points are keyed by {@link CellCovering#cellOf}, routes by the
 * cells of their {@link CellCovering}. Then one of two plans, by the size of the routes' side (the
 * answers are the same):
 *
 * <ul>
 *   <li><b>broadcast</b> (up to {@link Options#broadcastCells} covering cells): every task gets
 *       the routes and, per covered cell, the routes that cover it with the arcs that can matter
 *       there; each point looks up its cell and is measured exactly against those arcs only. Points are never
 *       shuffled, and a city cell full of points costs only its own tests;
 *   <li><b>shuffle</b> (more routes than that): each route emits one small row (cell, group) per
 *       cell its corridor covers, each point one row keyed by its cell; an equi-join on the cell
 *       gives the candidates (Spark's adaptive execution splits a cell that holds too many
 *       points); candidates are grouped by route with the route itself, prepared once per group,
 *       and tested in chunks with the fast filter, the code behind {@code corridor filter}; a route
 *       covering many cells is split into several groups, so one long route does not make one long
 *       task.
 * </ul>
 *
 * Last, a location with several points keeps its nearest, by the filter's own rule.
 *
 * Memory per task is bounded by the routes' table or a chunk of candidates, not by the points.
 */
public final class CorridorJoin {
  /** The output schema. */
  public static final StructType SCHEMA = new StructType()
      .add("route_id", DataTypes.StringType, false)
      .add("id", DataTypes.StringType, false)
      .add("distance_m", DataTypes.DoubleType, false)
      .add("offset_m", DataTypes.DoubleType, false);

  private static final StructType PREPARED = new StructType()
      .add("route_key", DataTypes.LongType, false)
      .add("route_id", DataTypes.StringType, false)
      .add("lat", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("lon", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("radius_m", DataTypes.DoubleType, false)
      .add("length_m", DataTypes.DoubleType, false);

  private static final StructType ROUTE_CELLS = new StructType()
      .add("cell", DataTypes.LongType, false)
      .add("group_key", DataTypes.LongType, false);

  private static final StructType POINT_CELLS = new StructType()
      .add("cell", DataTypes.LongType, false)
      .add("id", DataTypes.StringType, false)
      .add("lat", DataTypes.DoubleType, false)
      .add("lon", DataTypes.DoubleType, false);

  private static final StructType POINT_MATCHES = new StructType()
      .add("group_key", DataTypes.LongType, false)
      .add("route_id", DataTypes.StringType, false)
      .add("id", DataTypes.StringType, false)
      .add("distance_m", DataTypes.DoubleType, false)
      .add("offset_m", DataTypes.DoubleType, false);

  /** Covering cells per route, on average, that the automatic cell size aims at. */
  static final int CELLS_PER_ROUTE = 2_000;
  /** The covering budget of the automatic cell size for a few routes. */
  static final int MIN_BUDGET = 10_000;

  /** Groups a route's cells may be split into, at most; the key reserves bits for them. */
  static final int MAX_GROUPS = 64;

  private CorridorJoin() {}

  /**
   * Tuning of the join; the answers never depend on it. {@code cellMeters}: the north–south size
   * of the grid's cells, rounded to whole cells per degree in [1, 1 024] (0: sized from the
   * routes). {@code broadcastCells}: routes whose
   * coverings are estimated at no more than this many cells in all are broadcast to every task
   * (points then stay where they are); 0 never broadcasts.
   */
  public record Options(double cellMeters, double coveringBudget, int cellsPerGroup, int chunkPoints,
      double broadcastCells) {
    /**
     * The defaults: cells sized from the routes (about {@link #CELLS_PER_ROUTE} per route, a few
     * million in all at most), routes broadcast up to 8 million covering cells, else groups of
     * 4 096 cells and chunks of 64 Ki points.
     */
    public static Options defaults() {
      return new Options(0, 4_000_000, 4096, 65_536, 8_000_000);
    }

    /**
     * Returns these options with a fixed cell size in metres, rounded to whole cells per degree
     * (0: sized from the routes).
     */
    public Options withCellMeters(double meters) {
      return new Options(meters, coveringBudget, cellsPerGroup, chunkPoints, broadcastCells);
    }

    /** Returns these options with routes never broadcast: both sides keyed by cell and shuffled. */
    public Options withoutBroadcast() {
      return new Options(cellMeters, coveringBudget, cellsPerGroup, chunkPoints, 0);
    }
  }

  /** Returns the join of {@code routes} and {@code locations} with the default options. */
  public static Dataset<Row> join(Dataset<Row> routes, Dataset<Row> locations) {
    return join(routes, locations, Options.defaults());
  }

  /**
   * Returns the matches of {@code routes} (columns {@code id}, {@code route}, {@code radius_m}) and
   * {@code locations} (columns {@code id}, {@code lat}, {@code lon}), as rows of {@link #SCHEMA}.
   * The routes are cached while the returned Dataset lives (call {@code unpersist} on the routes'
   * session, or let the session end).
   */
  public static Dataset<Row> join(Dataset<Row> routes, Dataset<Row> locations, Options options) {
    Dataset<Row> prepared = routes
        .select(col("id").cast("string"), col("route").cast("string"), col("radius_m").cast("double"))
        .withColumn("route_key", monotonically_increasing_id())
        .mapPartitions(prepareRoutes(), Encoders.row(PREPARED))
        .persist(StorageLevel.MEMORY_AND_DISK());

    List<Row> sizes = prepared.select("length_m", "radius_m").collectAsList();
    int cellsPerDegree = options.cellMeters() > 0
        ? cellsPerDegree(options.cellMeters())
        : cellsPerDegree(sizes,
            Math.min(options.coveringBudget(), Math.max(MIN_BUDGET, CELLS_PER_ROUTE * sizes.size())));
    double coveringCells = 0;
    for (Row r : sizes) {
      coveringCells += estimateCells(r.getDouble(0), r.getDouble(1), cellsPerDegree);
    }
    Dataset<Row> points = locations
        .select(col("id").cast("string"), col("lat").cast("double"), col("lon").cast("double"));
    Dataset<Row> pointMatches = coveringCells <= options.broadcastCells() && sizes.size() < RouteTable.MAX_ROUTES
        ? broadcastJoin(prepared, points, cellsPerDegree)
        : shuffleJoin(prepared, points, cellsPerDegree, options);
    return nearestPerLocation(pointMatches);
  }

  /**
   * Matches points where they lie against a broadcast table of every route and the cells it
   * covers: no shuffle of points, only of matches.
   */
  private static Dataset<Row> broadcastJoin(Dataset<Row> prepared, Dataset<Row> points, int cellsPerDegree) {
    RouteTable table = RouteTable.build(prepared.collectAsList(), cellsPerDegree);
    Broadcast<RouteTable> shared =
        JavaSparkContext.fromSparkContext(prepared.sparkSession().sparkContext()).broadcast(table);
    return points.mapPartitions(matchPoints(shared), Encoders.row(POINT_MATCHES));
  }

  /**
   * Keys both sides by cell and joins them, then tests each route's candidates with the route
   * prepared once per group: for more routes than a broadcast would hold.
   */
  private static Dataset<Row> shuffleJoin(Dataset<Row> prepared, Dataset<Row> points, int finest,
      Options options) {
    int cellsPerGroup = options.cellsPerGroup();
    // One resolution for the whole job, so that a point has one key: the finest every route's
    // covering fits at.
    Row fitting = prepared
        .map((MapFunction<Row, Integer>) r -> fittingCellsPerDegree(corridor(r), finest, r.getString(1)),
            Encoders.INT())
        .agg(min("value"))
        .first();
    int grid = fitting.isNullAt(0) ? finest : fitting.getInt(0);

    Dataset<Row> routeCells = prepared.flatMap(coverRoute(grid, cellsPerGroup), Encoders.row(ROUTE_CELLS));
    Dataset<Row> pointCells = points.mapPartitions(keyPoints(grid), Encoders.row(POINT_CELLS));
    Dataset<Row> candidates = pointCells.join(routeCells, "cell").select("group_key", "id", "lat", "lon");

    Dataset<Row> routeGroups = prepared.flatMap(routeGroups(grid, cellsPerGroup), Encoders.row(PREPARED));
    return routeGroups
        .groupByKey((MapFunction<Row, Long>) r -> r.getLong(0), Encoders.LONG())
        .cogroup(
            candidates.groupByKey((MapFunction<Row, Long>) r -> r.getLong(0), Encoders.LONG()),
            exactTest(options.chunkPoints()),
            Encoders.row(POINT_MATCHES));
  }

  /**
   * Returns each location's nearest point per route, by the filter's rule: the smallest distance,
   * and the smallest offset among its points within the tie tolerance of it.
   */
  private static Dataset<Row> nearestPerLocation(Dataset<Row> pointMatches) {
    return pointMatches
        .withColumn("route_key", expr("group_key div " + MAX_GROUPS))
        .groupBy("route_key", "id")
        .agg(first("route_id").as("route_id"), min("distance_m").as("distance_m"),
            collect_list(struct(col("distance_m").as("d"), col("offset_m").as("o"))).as("points"))
        .select(col("route_id"), col("id"), col("distance_m"),
            expr("array_min(transform(filter(points, p -> p.d <= distance_m + " + Corridor.TIE_METERS
                + "D), p -> p.o))").as("offset_m"));
  }

  /** Metres of one degree of latitude. */
  private static final double DEGREE_METERS = Sphere.EARTH_RADIUS_METERS * Math.toRadians(1);

  /** Returns the resolution whose cells are about {@code cellMeters} north–south, in [1, 1 024]. */
  static int cellsPerDegree(double cellMeters) {
    long n = Math.round(DEGREE_METERS / cellMeters);
    return (int) Math.max(1, Math.min(CellCovering.MAX_CELLS_PER_DEGREE, n));
  }

  /**
   * Returns the finest resolution (from 1 024 cells per degree down, by factors of about √2, at
   * least 1) whose estimated covering of all routes fits in {@code budget} cells.
   */
  static int cellsPerDegree(List<Row> lengthsAndRadii, double budget) {
    for (int k = 0; ; k++) {
      int n = (int) Math.round(CellCovering.MAX_CELLS_PER_DEGREE / Math.pow(2, k / 2.0));
      if (n <= 1) {
        return 1;
      }
      double total = 0;
      for (Row r : lengthsAndRadii) {
        total += estimateCells(r.getDouble(0), r.getDouble(1), n);
      }
      if (total <= budget) {
        return n;
      }
    }
  }

  /**
   * Returns an estimate of the cells covering a corridor of this length and radius, from cells
   * about {@code DEGREE_METERS / cellsPerDegree} on a side (narrower towards the poles, where the
   * estimate runs low).
   */
  static double estimateCells(double lengthMeters, double radiusMeters, int cellsPerDegree) {
    double cellMeters = DEGREE_METERS / cellsPerDegree;
    double width = 2 * (radiusMeters + Math.max(cellMeters / 2, radiusMeters / 4) / 2);
    return (lengthMeters / cellMeters + 1) * (width / cellMeters + 2);
  }

  /**
   * Returns the finest resolution, {@code cellsPerDegree} or coarser by halves, at which the
   * corridor's covering stays within {@link CellCovering#MAX_PAIRS}.
   *
   * @throws InvalidInputException naming the route if even one cell per degree is too fine
   */
  static int fittingCellsPerDegree(Corridor corridor, int cellsPerDegree, String routeId) {
    return fittingCovering(corridor, cellsPerDegree, routeId).cellsPerDegree();
  }

  /** Returns the covering at {@link #fittingCellsPerDegree}. */
  static CellCovering fittingCovering(Corridor corridor, int cellsPerDegree, String routeId) {
    for (int n = cellsPerDegree; ; n /= 2) {
      try {
        return CellCovering.of(corridor, n);
      } catch (IllegalArgumentException e) {
        if (n == 1) {
          throw new InvalidInputException("route '" + routeId + "': too long to cover ("
              + e.getMessage() + ")");
        }
      }
    }
  }

  private static MapPartitionsFunction<Row, Row> prepareRoutes() {
    return rows -> new Iterator<Row>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row r = rows.next();
        String id = r.isNullAt(0) ? null : r.getString(0);
        if (id == null) {
          throw new InvalidInputException("a route has no id");
        }
        try {
          if (r.isNullAt(1)) {
            throw new InvalidInputException("route is null");
          }
          if (r.isNullAt(2)) {
            throw new InvalidInputException("radius_m is null");
          }
          Route route = RouteText.parse(r.getString(1));
          Corridor.of(route, r.getDouble(2)); // checks the radius
          return RowFactory.create(r.getLong(3), id, route.latitudes(), route.longitudes(),
              r.getDouble(2), route.lengthMeters());
        } catch (InvalidInputException e) {
          throw e.at("route '" + id + "'");
        }
      }
    };
  }

  private static Corridor corridor(Row prepared) {
    List<Double> lat = prepared.getList(2);
    List<Double> lon = prepared.getList(3);
    double[] la = new double[lat.size()];
    double[] lo = new double[lon.size()];
    for (int i = 0; i < la.length; i++) {
      la[i] = lat.get(i);
      lo[i] = lon.get(i);
    }
    return Corridor.of(Route.of(la, lo), prepared.getDouble(4));
  }

  /**
   * How many groups a route is tested in: from the estimate of its covering, so that both sides of
   * the join agree without computing the covering twice.
   */
  private static int groups(Row prepared, int cellsPerDegree, int cellsPerGroup) {
    double cells = estimateCells(prepared.getDouble(5), prepared.getDouble(4), cellsPerDegree);
    return (int) Math.max(1, Math.min(MAX_GROUPS, cells / cellsPerGroup));
  }

  private static FlatMapFunction<Row, Row> coverRoute(int cellsPerDegree, int cellsPerGroup) {
    return r -> {
      CellCovering covering = CellCovering.of(corridor(r), cellsPerDegree);
      int cells = covering.size();
      int groups = groups(r, cellsPerDegree, cellsPerGroup);
      long base = r.getLong(0) * MAX_GROUPS;
      List<Row> out = new ArrayList<>(cells);
      for (int i = 0; i < cells; i++) {
        // Runs of neighbouring cells (sorted keys are row-major) go to one group.
        int group = (int) ((long) i * groups / cells);
        out.add(RowFactory.create(covering.cell(i), base + group));
      }
      return out.iterator();
    };
  }

  private static FlatMapFunction<Row, Row> routeGroups(int cellsPerDegree, int cellsPerGroup) {
    return r -> {
      int groups = groups(r, cellsPerDegree, cellsPerGroup);
      List<Row> out = new ArrayList<>(groups);
      for (int g = 0; g < groups; g++) {
        out.add(RowFactory.create(r.getLong(0) * MAX_GROUPS + g, r.getString(1), r.get(2), r.get(3),
            r.getDouble(4), r.getDouble(5)));
      }
      return out.iterator();
    };
  }

  private static MapPartitionsFunction<Row, Row> keyPoints(int cellsPerDegree) {
    return rows -> new Iterator<Row>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row r = checked(rows.next());
        return RowFactory.create(CellCovering.cellOf(r.getDouble(1), r.getDouble(2), cellsPerDegree),
            r.getString(0),
            r.getDouble(1), r.getDouble(2));
      }
    };
  }

  /** Returns the point row {@code (id, lat, lon)} after checking it, naming the location if invalid. */
  private static Row checked(Row r) {
    if (r.isNullAt(0)) {
      throw new InvalidInputException("a location has no id");
    }
    if (r.isNullAt(1) || r.isNullAt(2)) {
      throw new InvalidInputException(
          "location '" + r.getString(0) + "': lat or lon is missing or not a number");
    }
    Sphere.checkLatLon("location '" + r.getString(0) + "'", r.getDouble(1), r.getDouble(2));
    return r;
  }

  private static MapPartitionsFunction<Row, Row> matchPoints(Broadcast<RouteTable> shared) {
    return rows -> {
      RouteTable table = shared.value();
      Corridor[] corridors = new Corridor[table.size()];
      double[] p = new double[3];
      double[] out = new double[2];
      ArrayDeque<Row> pending = new ArrayDeque<>();
      return new Iterator<Row>() {
        @Override
        public boolean hasNext() {
          while (pending.isEmpty() && rows.hasNext()) {
            Row r = checked(rows.next());
            double lat = r.getDouble(1);
            double lon = r.getDouble(2);
            int cell = table.cellIndex(lat, lon);
            if (cell < 0) {
              continue;
            }
            Sphere.toUnitVector(lat, lon, p, 0);
            for (int k = table.routesFrom(cell), end = table.routesTo(cell); k < end; k++) {
              int route = table.route(k);
              if (corridors[route] == null) {
                corridors[route] = table.corridor(route);
              }
              if (corridors[route].nearest(p[0], p[1], p[2], table.arcIds(), table.arcsFrom(k),
                  table.arcsTo(k), out)) {
                pending.add(RowFactory.create((long) route * MAX_GROUPS, table.id(route), r.getString(0),
                    out[0], out[1]));
              }
            }
          }
          return !pending.isEmpty();
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          return pending.poll();
        }
      };
    };
  }

  private static CoGroupFunction<Long, Row, Row, Row> exactTest(int chunkPoints) {
    return (groupKey, routeRows, candidateRows) -> {
      if (!routeRows.hasNext() || !candidateRows.hasNext()) {
        return java.util.Collections.emptyIterator();
      }
      Row route = routeRows.next();
      String routeId = route.getString(1);
      Corridor corridor = corridor(route);
      FastFilter filter = FastFilter.singleThreaded();
      List<Row> out = new ArrayList<>();
      while (candidateRows.hasNext()) {
        // Each candidate point is a location of its own here; points of one location meet later.
        LocationSet.Builder chunk = LocationSet.builder();
        for (int n = 0; n < chunkPoints && candidateRows.hasNext(); n++) {
          Row c = candidateRows.next();
          chunk.add(c.getString(1), c.getDouble(2), c.getDouble(3));
        }
        LocationSet points = chunk.build();
        for (Match m : filter.filter(corridor, points)) {
          out.add(RowFactory.create(groupKey, routeId, points.id(m.location()), m.distanceMeters(),
              m.offsetMeters()));
        }
      }
      return out.iterator();
    };
  }
}
