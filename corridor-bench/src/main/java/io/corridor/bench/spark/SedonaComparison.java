package io.corridor.bench.spark;

import static org.apache.spark.sql.functions.expr;

import io.corridor.core.geo.Sphere;
import io.corridor.spark.CorridorFunctions;
import io.corridor.spark.CorridorJoin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.sedona.spark.SedonaContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The corridor join side by side with Apache Sedona's plans, on the same generated data in the
 * same local Spark session: routes of 5–500 km (a vertex every 2 km, meandering) with radii of
 * 100 m–5 km (log-uniform), against points uniform over 35–60°N, 10°W–30°E.
 *
 * <p>Sedona's plans, each refined by {@code corridor_within} so that its answers can be compared:
 * {@code ST_DWithin(route, point, radius_m, true)} (spheroid: measures a line from its centroid,
 * so it misses matches, counted), its planar distance join in degrees with a per-route margin of
 * r / cos(φmax) that holds every true match, and {@code ST_Buffer(route, r·1.02 + 20 m, true)}
 * (projected to UTM, widened to hold every true match) with {@code ST_Intersects}. Each plan's
 * answer is checked against ours: exact plans must give the same pairs and distances.
 *
 * <p>Usage: {@code SedonaComparison ROUTESxPOINTS...} (e.g. {@code 1000x1000000 200x1000000});
 * every size runs every plan once after a small unreported warm-up. {@code -Dplans=planar} (a
 * comma-separated subset of {@code spheroid,planar,buffer}) runs only those of Sedona's plans.
 */
public final class SedonaComparison {
  private static final StructType ROUTES = new StructType()
      .add("id", DataTypes.StringType).add("route", DataTypes.StringType)
      .add("radius_m", DataTypes.DoubleType).add("margin_deg", DataTypes.DoubleType);

  private SedonaComparison() {}

  /** Runs the comparison for each {@code ROUTESxPOINTS} argument. */
  public static void main(String[] args) {
    SparkSession spark = SedonaContext.create(SparkSession.builder()
        .master("local[2]")
        .appName("corridor-vs-sedona")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.autoBroadcastJoinThreshold", "-1")
        .getOrCreate());
    CorridorFunctions.register(spark);
    System.out.println("warm-up (not reported)");
    run(spark, 20, 100_000, false);
    for (String size : args) {
      String[] p = size.split("x");
      run(spark, Integer.parseInt(p[0]), Long.parseLong(p[1]), true);
    }
    spark.stop();
  }

  private static void run(SparkSession spark, int routeCount, long pointCount, boolean report) {
    Dataset<Row> routes = spark.createDataFrame(routes(routeCount, 17), ROUTES).persist(StorageLevel.MEMORY_ONLY());
    routes.count();
    Dataset<Row> points = spark.range(0, pointCount, 1, 8)
        .selectExpr("concat('p', id) AS id", "35 + 25 * rand(7) AS lat", "-10 + 40 * rand(11) AS lon")
        .persist(StorageLevel.MEMORY_ONLY());
    points.count();
    routes.selectExpr("id AS route_id", "route", "radius_m", "margin_deg", "ST_GeomFromWKT(route) AS geom")
        .createOrReplaceTempView("r");
    points.selectExpr("id", "lat", "lon", "ST_Point(lon, lat) AS geom").createOrReplaceTempView("p");
    String refine = "SELECT r.route_id, p.id, corridor_within(p.lat, p.lon, r.route, r.radius_m) AS inside, "
        + "corridor_distance(p.lat, p.lon, r.route, r.radius_m) AS d FROM r JOIN p ON ";

    long t0 = System.nanoTime();
    List<Row> ours = CorridorJoin.join(routes.select("id", "route", "radius_m"), points)
        .select("route_id", "id", "distance_m").collectAsList();
    double oursSeconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Double> exact = new HashMap<>();
    for (Row r : ours) {
      exact.put(r.getString(0) + "\t" + r.getString(1), r.getDouble(2));
    }
    if (report) {
      System.out.printf(Locale.ROOT, "%n%d routes x %d points: %d exact matches%n", routeCount, pointCount,
          exact.size());
      System.out.printf(Locale.ROOT, "  %-44s %8.1f s%n", "corridor join", oursSeconds);
    }
    String plans = System.getProperty("plans", "spheroid,planar,buffer");
    if (plans.contains("spheroid")) {
      plan(spark, report, "Sedona ST_DWithin spheroid + refine", refine
          + "ST_DWithin(r.geom, p.geom, r.radius_m, true)", exact, oursSeconds);
    }
    if (plans.contains("planar")) {
      plan(spark, report, "Sedona planar ST_DWithin (degrees) + refine", refine
          + "ST_DWithin(r.geom, p.geom, r.margin_deg)", exact, oursSeconds);
    }
    if (plans.contains("buffer")) {
      spark.sql("SELECT *, ST_Buffer(geom, radius_m * 1.02 + 20, true) AS buffer FROM r")
          .createOrReplaceTempView("rb");
      plan(spark, report, "Sedona ST_Buffer (UTM) + ST_Intersects + refine",
          refine.replace("FROM r JOIN", "FROM rb r JOIN") + "ST_Intersects(r.buffer, p.geom)", exact,
          oursSeconds);
    }
    routes.unpersist();
    points.unpersist();
  }

  /** Runs one Sedona plan, times it, and compares its refined answer with the exact one. */
  private static void plan(SparkSession spark, boolean report, String name, String sql,
      Map<String, Double> exact, double oursSeconds) {
    long t0 = System.nanoTime();
    List<Row> rows = spark.sql(sql).collectAsList();
    double seconds = (System.nanoTime() - t0) / 1e9;
    int inside = 0;
    int missing;
    double maxDiff = 0;
    int found = 0;
    for (Row r : rows) {
      if (!r.getBoolean(2)) {
        continue;
      }
      inside++;
      Double d = exact.get(r.getString(0) + "\t" + r.getString(1));
      if (d != null) {
        found++;
        maxDiff = Math.max(maxDiff, Math.abs(d - r.getDouble(3)));
      }
    }
    missing = exact.size() - found;
    int extra = inside - found;
    if (report) {
      System.out.printf(Locale.ROOT, "  %-44s %8.1f s  %5.1fx ours  candidates %d, matches %d, missing %d"
              + " (%.1f %%), extra %d, max distance difference %.2e m%s%n",
          name, seconds, seconds / oursSeconds, rows.size(), inside, missing,
          exact.isEmpty() ? 0 : 100.0 * missing / exact.size(), extra, maxDiff,
          missing == 0 && extra == 0 ? "  EXACT" : "  NOT EXACT");
    }
  }

  /** Generated routes as rows {@code (id, WKT, radius_m, margin_deg)}. */
  static List<Row> routes(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Row> rows = new ArrayList<>(count);
    double step = 2_000 / Sphere.EARTH_RADIUS_METERS;
    for (int i = 0; i < count; i++) {
      double lengthMeters = 5_000 + random.nextDouble() * 495_000;
      double radius = 100 * Math.pow(50, random.nextDouble());
      int steps = (int) Math.ceil(lengthMeters / 2_000);
      double lat = Math.toRadians(38 + random.nextDouble() * 19);
      double lon = Math.toRadians(-7 + random.nextDouble() * 34);
      double bearing = random.nextDouble() * 2 * Math.PI;
      StringBuilder wkt = new StringBuilder("LINESTRING (");
      double maxAbsLat = 0;
      for (int k = 0; k <= steps; k++) {
        if (k > 0) {
          wkt.append(", ");
          bearing += Math.toRadians(random.nextDouble() * 10 - 5);
          double lat2 = Math.asin(Math.sin(lat) * Math.cos(step)
              + Math.cos(lat) * Math.sin(step) * Math.cos(bearing));
          lon += Math.atan2(Math.sin(bearing) * Math.sin(step) * Math.cos(lat),
              Math.cos(step) - Math.sin(lat) * Math.sin(lat2));
          lat = lat2;
        }
        maxAbsLat = Math.max(maxAbsLat, Math.abs(Math.toDegrees(lat)));
        wkt.append(String.format(Locale.ROOT, "%.6f %.6f", Math.toDegrees(lon), Math.toDegrees(lat)));
      }
      wkt.append(')');
      double radiusDegrees = Math.toDegrees(radius / Sphere.EARTH_RADIUS_METERS);
      double margin = radiusDegrees / Math.cos(Math.toRadians(maxAbsLat + radiusDegrees + 0.01)) * 1.01;
      rows.add(RowFactory.create("r" + i, wkt.toString(), radius, margin));
    }
    return rows;
  }
}
