package io.corridor.load;

import io.corridor.bench.scenario.RoadLikeRoute;
import io.corridor.core.geo.Route;
import io.corridor.core.geo.Sphere;
import io.corridor.formats.PolylineCodec;
import io.corridor.synthetic.Category;
import io.corridor.synthetic.Region;
import io.corridor.synthetic.SyntheticLocations;
import io.corridor.synthetic.Town;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The realistic search pool: trips that start in a town of the synthetic data and head for another
 * town, over the snapshot that {@code corridor generate} and {@code corridor import} make from the
 * same data seed. Every request is distinct; the same seed gives the same bytes.
 *
 * <ul>
 *   <li>Route length log-uniform in [{@value #MIN_KM}, {@value #MAX_KM}] km by default (short trips
 *       are as common per doubling as long ones; a narrower range can be asked for), road-like, 10 % to 30 % longer than the straight arc,
 *       one vertex per {@value #VERTEX_SPACING_METERS} m. Start towns drawn by size (Zipf), the
 *       destination the town whose distance best fits the trip; a trip shorter than that distance
 *       stops on the way.
 *   <li>Radius log-uniform in [{@value #MIN_RADIUS_M}, {@value #MAX_RADIUS_M}] m, whole metres;
 *       limit uniform in [{@value #MIN_LIMIT}, {@value #MAX_LIMIT}]; one request in
 *       {@value #CATEGORIES_ONE_IN} names 1 to 3 categories; sort by offset or distance, half each.
 *   <li>{@value #GET_PERCENT} % as {@code GET /v1/search?polyline=...} (when the query fits
 *       {@value #MAX_GET_PATH_CHARS} characters, else a POST), the others as {@code POST
 *       /v1/search} with a GeoJSON LineString or an encoded polyline, half each.
 * </ul>
 */
final class SearchPool {
  static final double MIN_KM = 5;
  static final double MAX_KM = 1_000;
  static final double MIN_RADIUS_M = 100;
  static final double MAX_RADIUS_M = 5_000;
  static final int MIN_LIMIT = 10;
  static final int MAX_LIMIT = 100;
  static final int CATEGORIES_ONE_IN = 4;
  static final int GET_PERCENT = 30;
  static final int MAX_GET_PATH_CHARS = 6_000;
  static final double VERTEX_SPACING_METERS = 250;
  private static final double MIN_WINDING = 1.1;
  private static final double MAX_WINDING = 1.3;

  private final SyntheticLocations data;
  private final double minKm;
  private final double maxKm;
  private final double[] cumulativeTownWeight;

  private SearchPool(SyntheticLocations data, double minKm, double maxKm) {
    if (!(minKm >= 1 && minKm <= maxKm && maxKm <= MAX_KM)) {
      throw new IllegalArgumentException("route lengths must satisfy 1 <= min <= max <= " + (int) MAX_KM
          + " km: " + minKm + " to " + maxKm);
    }
    this.data = data;
    this.minKm = minKm;
    this.maxKm = maxKm;
    cumulativeTownWeight = new double[data.townCount()];
    double sum = 0;
    for (int k = 0; k < cumulativeTownWeight.length; k++) {
      sum += 1.0 / (k + 1);
      cumulativeTownWeight[k] = sum;
    }
  }

  /** Returns the pool generator over the synthetic data of {@code dataSeed} (default region). */
  static SearchPool over(long dataSeed) {
    return over(dataSeed, MIN_KM, MAX_KM);
  }

  /**
   * Returns the generator with route lengths in [{@code minKm}, {@code maxKm}], for example short
   * trips only where every candidate of a route's bounding box is to be answered.
   */
  static SearchPool over(long dataSeed, double minKm, double maxKm) {
    return new SearchPool(SyntheticLocations.create(dataSeed, Region.EUROPE), minKm, maxKm);
  }

  /** Writes {@code count} search requests drawn from {@code seed} into {@code directory}. */
  int write(Path directory, long seed, int count) throws IOException {
    PoolWriter pool = PoolWriter.create(directory);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < count; i++) {
      add(pool, random.split());
    }
    return pool.finish();
  }

  private void add(PoolWriter pool, SplittableRandom random) {
    Route route = trip(random);
    long radius = Math.round(logUniform(random, MIN_RADIUS_M, MAX_RADIUS_M));
    int limit = MIN_LIMIT + random.nextInt(MAX_LIMIT - MIN_LIMIT + 1);
    String[] categories = random.nextInt(CATEGORIES_ONE_IN) == 0 ? categories(random) : new String[0];
    String sort = random.nextBoolean() ? "offset" : "distance";
    boolean get = random.nextInt(100) < GET_PERCENT;
    boolean polyline = random.nextBoolean();
    if (get) {
      String path = getPath(route, radius, limit, categories, sort);
      if (path.length() <= MAX_GET_PATH_CHARS) {
        pool.request("search_get", "GET", path);
        return;
      }
    }
    pool.request("search_post", "POST", "/v1/search", RequestJson.body(g -> {
      g.writeStartObject();
      RequestJson.route(g, route, polyline);
      g.writeNumberField("radius_m", radius);
      if (categories.length > 0) {
        g.writeArrayFieldStart("categories");
        for (String c : categories) {
          g.writeString(c);
        }
        g.writeEndArray();
      }
      g.writeNumberField("limit", limit);
      g.writeStringField("sort", sort);
      g.writeEndObject();
    }));
  }

  /** A road-like trip from a town towards another, its length drawn as the class describes. */
  private Route trip(SplittableRandom random) {
    double lengthMeters = 1000 * logUniform(random, minKm, maxKm);
    double straightMeters = lengthMeters / (MIN_WINDING + (MAX_WINDING - MIN_WINDING) * random.nextDouble());
    Town from = data.town(drawTown(random));
    double[] a = unit(from);
    // The destination: the town at least the straight distance away whose distance fits best.
    Town to = null;
    double best = Double.POSITIVE_INFINITY;
    for (int k = 0; k < data.townCount(); k++) {
      Town t = data.town(k);
      double d = angle(a, unit(t)) * Sphere.EARTH_RADIUS_METERS;
      if (d >= straightMeters && d - straightMeters < best) {
        best = d - straightMeters;
        to = t;
      }
    }
    if (to == null) {
      throw new IllegalStateException("no town lies " + Math.round(straightMeters / 1000) + " km from " + from);
    }
    double[] b = unit(to);
    double omega = angle(a, b);
    double f = straightMeters / Sphere.EARTH_RADIUS_METERS / omega;
    double wa = Math.sin((1 - f) * omega) / Math.sin(omega);
    double wb = Math.sin(f * omega) / Math.sin(omega);
    double x = wa * a[0] + wb * b[0];
    double y = wa * a[1] + wb * b[1];
    double z = wa * a[2] + wb * b[2];
    int vertices = Math.max(2, (int) Math.round(lengthMeters / VERTEX_SPACING_METERS) + 1);
    return RoadLikeRoute.between(random.nextLong(), from.latDegrees(), from.lonDegrees(),
        Sphere.latDegrees(x, y, z), Sphere.lonDegrees(x, y), vertices, lengthMeters);
  }

  private int drawTown(SplittableRandom random) {
    double r = random.nextDouble() * cumulativeTownWeight[cumulativeTownWeight.length - 1];
    int i = Arrays.binarySearch(cumulativeTownWeight, r);
    return Math.min(cumulativeTownWeight.length - 1, i >= 0 ? i + 1 : -i - 1);
  }

  private static String[] categories(SplittableRandom random) {
    Category[] all = Category.values();
    int n = 1 + random.nextInt(3);
    String[] picked = new String[n];
    // A partial Fisher–Yates shuffle: n distinct categories.
    for (int i = 0; i < n; i++) {
      int j = i + random.nextInt(all.length - i);
      Category c = all[j];
      all[j] = all[i];
      all[i] = c;
      picked[i] = c.columnValue();
    }
    return picked;
  }

  private static String getPath(Route route, long radius, int limit, String[] categories, String sort) {
    StringBuilder sb = new StringBuilder("/v1/search?polyline=")
        .append(URLEncoder.encode(PolylineCodec.encode(route, RequestJson.POLYLINE_PRECISION), StandardCharsets.UTF_8))
        .append("&precision=").append(RequestJson.POLYLINE_PRECISION)
        .append("&radius_m=").append(radius)
        .append("&limit=").append(limit)
        .append("&sort=").append(sort);
    if (categories.length > 0) {
      sb.append("&categories=").append(String.join(",", categories));
    }
    return sb.toString();
  }

  private static double logUniform(SplittableRandom random, double min, double max) {
    return min * Math.exp(random.nextDouble() * Math.log(max / min));
  }

  private static double[] unit(Town t) {
    double[] u = new double[3];
    Sphere.toUnitVector(t.latDegrees(), t.lonDegrees(), u, 0);
    return u;
  }

  private static double angle(double[] a, double[] b) {
    return Sphere.angleRadians(a[0], a[1], a[2], b[0], b[1], b[2]);
  }
}
