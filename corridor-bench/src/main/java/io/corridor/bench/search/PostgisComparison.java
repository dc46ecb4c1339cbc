package io.corridor.bench.search;

import io.corridor.bench.scenario.SearchRoutes;
import io.corridor.core.filter.Match;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.index.LocationIndex;
import io.corridor.index.SearchOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Times the same searches in our memory-mapped index (in process) and in PostGIS (over JDBC, with
 * {@code ST_DWithin(geog, route, r, false)} on the sphere), checks that both find the same ids, and
 * prints p50 and p99 of each and their ratio; run by {@code corridor-bench/postgis-benchmark.sh}.
 *
 * <p>Arguments: the snapshot file, the JDBC URL of a database with a table {@code locations(id,
 * geog geography(Point,4326))}, the number of timed runs per query class (default 20), and a
 * directory to write the routes to as WKT (optional); the system property
 * {@code corridor.routesKm} (e.g. {@code 10,100}) restricts the route lengths, and
 * {@code corridor.radii} (e.g. {@code 100,1000}) the radii. The limited class orders PostGIS by
 * {@code ST_LineLocatePoint} on the route as a planar geometry (PostGIS 3.3 has no spherical line
 * location), which differs from our offset on the sphere by up to metres on long edges: ids of
 * that class are compared, and their differences reported, not required equal.
 */
public final class PostgisComparison {
  private static final int[] RADII = {100, 1000, 5000};
  private static final String[] QUERIES = {"all", "limit100"};
  private static final int WARMUP = 3;
  private static final long OUR_WARMUP_NANOS = 1_000_000_000L;
  private static final double TOLERANCE_METERS = 0.05;

  private static final String SQL_ALL =
      "SELECT id FROM locations WHERE ST_DWithin(geog, ST_GeogFromText(?), ?, false)";
  private static final String SQL_LIMIT =
      "WITH r AS (SELECT ST_GeomFromText(?, 4326) AS g) SELECT id FROM locations, r"
          + " WHERE ST_DWithin(geog, r.g::geography, ?, false)"
          + " ORDER BY ST_LineLocatePoint(r.g, geog::geometry), id LIMIT " + SearchData.LIMIT;
  private static final String SQL_POINTS =
      "SELECT id, ST_Y(geog::geometry), ST_X(geog::geometry) FROM locations WHERE id = ANY(?)";

  private PostgisComparison() {}

  /** Runs every query class in both and prints the table; exits 1 if an id differs beyond 5 cm of r. */
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: PostgisComparison SNAPSHOT JDBC_URL [RUNS] [ROUTES_DIR]");
      System.exit(2);
    }
    LocationIndex index = LocationIndex.open(Path.of(args[0]));
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    Path routesDir = args.length > 3 ? Path.of(args[3]) : null;
    boolean failed = false;
    List<String> rows = new ArrayList<>();
    rows.add(String.format(Locale.ROOT, "%-6s %6s %-9s %9s | %10s %10s | %10s %10s | %8s %8s | %s",
        "route", "r (m)", "query", "ids", "ours p50", "ours p99", "PostGIS p50", "p99",
        "p50 ×", "p99 ×", "agreement"));
    try (Connection db = DriverManager.getConnection(args[1])) {
      String lengths = System.getProperty("corridor.routesKm", "");
      int[] routesKm = lengths.isBlank() ? SearchRoutes.LENGTHS_KM
          : Arrays.stream(lengths.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
      String radiiList = System.getProperty("corridor.radii", "");
      int[] radii = radiiList.isBlank() ? RADII
          : Arrays.stream(radiiList.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
      for (int km : routesKm) {
        Route route = SearchRoutes.route(km);
        String wkt = SearchRoutes.wkt(route);
        if (routesDir != null) {
          Files.createDirectories(routesDir);
          Files.writeString(routesDir.resolve("route-" + km + "km.wkt"), wkt + "\n");
        }
        for (int r : radii) {
          for (String query : QUERIES) {
            SearchOptions options = SearchData.options(query);
            double[] ours = new double[runs];
            List<Match> ourMatches = null;
            // A server answers with compiled code: warm the search up for a second (PostGIS's
            // caches are warmed by its own first runs).
            long warmUntil = System.nanoTime() + OUR_WARMUP_NANOS;
            while (System.nanoTime() < warmUntil) {
              index.search(Corridor.of(route, r), options);
            }
            for (int i = -WARMUP; i < runs; i++) {
              long start = System.nanoTime();
              ourMatches = index.search(Corridor.of(route, r), options);
              if (i >= 0) {
                ours[i] = (System.nanoTime() - start) / 1e6;
              }
            }
            double[] theirs = new double[runs];
            List<String> theirIds = null;
            try (PreparedStatement st = db.prepareStatement(query.equals("all") ? SQL_ALL : SQL_LIMIT)) {
              st.setString(1, wkt);
              st.setDouble(2, r);
              for (int i = -WARMUP; i < runs; i++) {
                long start = System.nanoTime();
                theirIds = ids(st);
                if (i >= 0) {
                  theirs[i] = (System.nanoTime() - start) / 1e6;
                }
              }
            }
            List<String> ourIds = SearchData.ids(ourMatches);
            String agreement = agreement(db, Corridor.of(route, r), ourIds, theirIds, query);
            if (agreement.startsWith("DIFFER") && query.equals("all")) {
              failed = true;
            }
            double o50 = percentile(ours, 0.50);
            double o99 = percentile(ours, 0.99);
            double t50 = percentile(theirs, 0.50);
            double t99 = percentile(theirs, 0.99);
            String row = String.format(Locale.ROOT,
                "%-6s %6d %-9s %9d | %8.3f ms %8.3f ms | %8.3f ms %8.3f ms | %7.1f× %7.1f× | %s",
                km + "km", r, query, ourIds.size(), o50, o99, t50, t99, t50 / o50, t99 / o99, agreement);
            System.out.println(row);
            rows.add(row);
          }
        }
      }
    }
    System.out.printf("%n%d timed runs per class after %d warm-up runs; ours in process on the"
        + " mapped snapshot, PostGIS over JDBC on 127.0.0.1 (result rows included).%n", runs, WARMUP);
    rows.forEach(System.out::println);
    if (failed) {
      System.err.println("PostGIS and the index disagree beyond " + TOLERANCE_METERS + " m of r");
      System.exit(1);
    }
  }

  private static List<String> ids(PreparedStatement st) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /**
   * Describes how the two answers differ: {@code same}, or the ids found by one only, with how far
   * from r (our distance) the furthest of them lies; prefixed {@code DIFFER} if that exceeds 5 cm.
   */
  private static String agreement(Connection db, Corridor corridor, List<String> ours,
      List<String> theirs, String query) throws SQLException {
    Set<String> onlyOurs = new HashSet<>(ours);
    theirs.forEach(onlyOurs::remove);
    Set<String> onlyTheirs = new HashSet<>(theirs);
    ours.forEach(onlyTheirs::remove);
    if (onlyOurs.isEmpty() && onlyTheirs.isEmpty()) {
      return ours.equals(theirs) || query.equals("all") ? "same" : "same ids, other order";
    }
    if (!query.equals("all")) {
      return String.format(Locale.ROOT, "%d/%d of the first %d differ (planar line location order)",
          onlyOurs.size(), onlyTheirs.size(), SearchData.LIMIT);
    }
    Set<String> differing = new HashSet<>(onlyOurs);
    differing.addAll(onlyTheirs);
    double worst = 0;
    try (PreparedStatement st = db.prepareStatement(SQL_POINTS)) {
      st.setArray(1, db.createArrayOf("text", differing.toArray()));
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          double d = corridor.distanceAndOffset(rs.getDouble(2), rs.getDouble(3))[0];
          worst = Math.max(worst, Math.abs(d - corridor.radiusMeters()));
        }
      }
    }
    return String.format(Locale.ROOT, "%s%d only ours, %d only PostGIS, all within %.4f m of r",
        worst > TOLERANCE_METERS ? "DIFFER: " : "", onlyOurs.size(), onlyTheirs.size(), worst);
  }

  private static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
