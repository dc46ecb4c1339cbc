package io.corridor.bench.scenario;

import io.corridor.core.geo.Route;
import io.corridor.synthetic.Region;
import io.corridor.synthetic.SyntheticLocation;
import io.corridor.synthetic.SyntheticLocations;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The routes of the search benchmarks (JMH and PostGIS side by side): road-like routes of 10, 100
 * and 1 000 km, one vertex per 100 m, starting in the densest spot of the synthetic data (seed 1,
 * the default European region) and heading towards the region's centre, the same every time.
 */
public final class SearchRoutes {
  /** The seed of the synthetic data the routes are placed in. */
  public static final long SEED = 1;

  /** The route lengths of the benchmarks, in kilometres. */
  public static final int[] LENGTHS_KM = {10, 100, 1000};

  private static final int SAMPLE = 200_000;
  private static final double CELL_DEGREES = 0.1;
  private static final double VERTEX_SPACING_METERS = 100;
  private static final double STRAIGHT_SHARE = 0.8;

  private static double[] start;

  private SearchRoutes() {}

  /** Returns the road-like route of {@code lengthKm} kilometres. */
  public static Route route(int lengthKm) {
    double[] from = start();
    Region region = Region.EUROPE;
    double centreLat = 0.5 * (region.minLat() + region.maxLat());
    double centreLon = 0.5 * (region.minLon() + region.maxLon());
    // Head for the centre (or away from it if the start is the centre), a straight arc of 80 % of
    // the length, in a local flat approximation that is good enough to place the far end.
    double dLat = centreLat - from[0];
    double dLon = (centreLon - from[1]) * Math.cos(Math.toRadians(from[0]));
    double norm = Math.hypot(dLat, dLon);
    if (norm < 1e-6) {
      dLat = 0;
      dLon = 1;
      norm = 1;
    }
    double straightDegrees = STRAIGHT_SHARE * lengthKm * 1000 / 111_195.0;
    double toLat = from[0] + straightDegrees * dLat / norm;
    double toLon = from[1] + straightDegrees * dLon / norm / Math.cos(Math.toRadians(from[0]));
    int vertices = (int) Math.round(lengthKm * 1000 / VERTEX_SPACING_METERS) + 1;
    return RoadLikeRoute.between(SEED + lengthKm, from[0], from[1], toLat, toLon, vertices,
        lengthKm * 1000.0);
  }

  /**
   * Prints the route of {@code args[0]} kilometres as a GeoJSON LineString, for the command-line
   * benchmarks: {@code java -cp benchmarks.jar io.corridor.bench.scenario.SearchRoutes 100}.
   */
  public static void main(String[] args) {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: SearchRoutes KILOMETRES");
    }
    Route route = route(Integer.parseInt(args[0]));
    StringBuilder sb = new StringBuilder("{\"type\":\"LineString\",\"coordinates\":[");
    for (int i = 0; i < route.size(); i++) {
      sb.append(i > 0 ? "," : "").append(String.format(Locale.ROOT, "[%.7f,%.7f]",
          route.lonDegrees(i), route.latDegrees(i)));
    }
    System.out.println(sb.append("]}"));
  }

  /** Returns the route as WKT {@code LINESTRING(lon lat, ...)}, for PostGIS. */
  public static String wkt(Route route) {
    StringBuilder sb = new StringBuilder("LINESTRING(");
    for (int i = 0; i < route.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(String.format(Locale.ROOT, "%.9f %.9f", route.lonDegrees(i), route.latDegrees(i)));
    }
    return sb.append(')').toString();
  }

  /** Returns the centre of the 0.1° cell that holds the most of the first locations of the data. */
  private static synchronized double[] start() {
    if (start == null) {
      SyntheticLocations generator = SyntheticLocations.create(SEED, Region.EUROPE);
      Map<Long, Integer> counts = new HashMap<>();
      long best = 0;
      int bestCount = -1;
      for (int i = 0; i < SAMPLE; i++) {
        SyntheticLocation l = generator.location(i);
        long key = (long) Math.floor(l.lat() / CELL_DEGREES) * 100_000
            + (long) Math.floor(l.lon() / CELL_DEGREES);
        int c = counts.merge(key, 1, Integer::sum);
        if (c > bestCount || c == bestCount && key < best) {
          best = key;
          bestCount = c;
        }
      }
      long latCell = Math.floorDiv(best + 50_000, 100_000);
      long lonCell = best - latCell * 100_000;
      start = new double[] {(latCell + 0.5) * CELL_DEGREES, (lonCell + 0.5) * CELL_DEGREES};
    }
    return start;
  }
}
