package io.corridor.core.filter;

import com.google.common.geometry.S2Point;
import io.corridor.core.geo.SphereOracle;
import io.corridor.core.location.LocationSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One random test case for the oracle comparison: a route, a radius, and locations placed by the
 * oracle (S2 and GeographicLib) around it — most of them a few centimetres to 100 m either side of
 * the corridor's edge, some on the route, some far away. Shared with the index search's oracle
 * test through this module's test jar.
 */
public final class OracleScenario {
  public final String category;
  public final double[] routeLat;
  public final double[] routeLon;
  public final double radiusMeters;
  /** Per location, its points' latitudes and longitudes. */
  public final List<double[]> locationLat = new ArrayList<>();
  public final List<double[]> locationLon = new ArrayList<>();

  private final SplittableRandom random;
  private final SphereOracle.OracleRoute oracleRoute;

  public OracleScenario(String category, double[] routeLat, double[] routeLon, double radiusMeters,
      SplittableRandom random) {
    this.category = category;
    this.routeLat = routeLat;
    this.routeLon = routeLon;
    this.radiusMeters = radiusMeters;
    this.random = random;
    this.oracleRoute = new SphereOracle.OracleRoute(routeLat, routeLon);
  }

  @Override
  public String toString() {
    return category + " route lat " + java.util.Arrays.toString(routeLat) + " lon "
        + java.util.Arrays.toString(routeLon) + " r " + radiusMeters + ", " + locationLat.size()
        + " locations";
  }

  public SphereOracle.OracleRoute oracleRoute() {
    return oracleRoute;
  }

  public int pointCount() {
    int n = 0;
    for (double[] lat : locationLat) {
      n += lat.length;
    }
    return n;
  }

  /** Returns the locations as a {@link LocationSet}, ids "L000000", "L000001", ... in order. */
  public LocationSet locations() {
    LocationSet.Builder b = LocationSet.builder();
    for (int i = 0; i < locationLat.size(); i++) {
      int loc = b.location(id(i), null);
      double[] lat = locationLat.get(i);
      double[] lon = locationLon.get(i);
      for (int k = 0; k < lat.length; k++) {
        b.point(loc, lat[k], lon[k]);
      }
    }
    return b.build();
  }

  public static String id(int i) {
    String digits = Integer.toString(i);
    return digits.length() >= 6 ? "L" + digits : "L" + "000000".substring(digits.length()) + digits;
  }

  /** Adds {@code count} locations, about 15% of them with two or three points. */
  public OracleScenario addLocations(int count) {
    for (int i = 0; i < count; i++) {
      int points = random.nextInt(100) < 15 ? 2 + random.nextInt(2) : 1;
      double[] lat = new double[points];
      double[] lon = new double[points];
      for (int k = 0; k < points; k++) {
        double[] p = randomPoint();
        lat[k] = p[0];
        lon[k] = p[1];
      }
      locationLat.add(lat);
      locationLon.add(lon);
    }
    return this;
  }

  /** Adds one location of one point. */
  public void addPoint(double lat, double lon) {
    locationLat.add(new double[] {lat});
    locationLon.add(new double[] {lon});
  }

  /** Returns a point placed by one of the recipes, mostly near the corridor's edge. */
  double[] randomPoint() {
    int recipe = random.nextInt(100);
    if (recipe < 55) {
      return edgeOfArc(edgeDistance());
    } else if (recipe < 75) {
      return edgeOfVertex(edgeDistance());
    } else if (recipe < 83) {
      return edgeOfArc(random.nextDouble() * radiusMeters);
    } else if (recipe < 90) {
      return edgeOfArc(0);
    } else if (recipe < 95) {
      return edgeOfArc(radiusMeters * (1 + 9 * random.nextDouble()));
    } else {
      return anywhere();
    }
  }

  /** Returns r ± δ, δ log-uniform in [5 cm, 100 m] (never below 0). */
  private double edgeDistance() {
    double delta = 0.05 * Math.pow(2000, random.nextDouble());
    boolean outside = random.nextBoolean();
    if (!outside && delta >= radiusMeters) {
      outside = true;
    }
    return outside ? radiusMeters + delta : radiusMeters - delta;
  }

  /** A point at {@code meters} perpendicular to a random arc from a random point of it. */
  double[] edgeOfArc(double meters) {
    int arcs = routeLat.length - 1;
    if (arcs == 0) {
      return edgeOfVertex(meters);
    }
    int arc = random.nextInt(arcs);
    S2Point a = oracleRoute.vertex(arc);
    S2Point b = oracleRoute.vertex(arc + 1);
    if (a.equalsPoint(b)) {
      return edgeOfVertex(arc, meters);
    }
    double t = random.nextDouble();
    return SphereOracle.latLon(
        SphereOracle.perpendicular(a, b, t, meters, random.nextBoolean() ? 1 : -1));
  }

  /** A point at {@code meters} in a random direction from a random vertex (by GeographicLib). */
  double[] edgeOfVertex(double meters) {
    return edgeOfVertex(random.nextInt(routeLat.length), meters);
  }

  private double[] edgeOfVertex(int vertex, double meters) {
    return SphereOracle.direct(routeLat[vertex], routeLon[vertex], 360 * random.nextDouble() - 180, meters);
  }

  /** A point uniformly distributed on the sphere. */
  double[] anywhere() {
    double z = 2 * random.nextDouble() - 1;
    return new double[] {Math.toDegrees(Math.asin(z)), 360 * random.nextDouble() - 180};
  }

  /** Returns a log-uniform number in [lo, hi]. */
  public static double logUniform(SplittableRandom random, double lo, double hi) {
    return lo * Math.pow(hi / lo, random.nextDouble());
  }

  /** Returns a random walk of vertices from a start, steps of [minStep, maxStep] metres. */
  public static double[][] walk(SplittableRandom random, double lat, double lon, double azimuth,
      double lengthMeters, double minStep, double maxStep, double turnDegrees) {
    List<double[]> vertices = new ArrayList<>();
    vertices.add(new double[] {lat, lon});
    double travelled = 0;
    double az = azimuth;
    double[] here = {lat, lon};
    while (travelled < lengthMeters) {
      double step = minStep + (maxStep - minStep) * random.nextDouble();
      az += turnDegrees * (2 * random.nextDouble() - 1);
      net.sf.geographiclib.GeodesicData d = SphereOracle.SPHERE.Direct(here[0], here[1], az, step);
      here = new double[] {SphereOracle.clampLat(d.lat2), SphereOracle.wrapLon(d.lon2)};
      az = d.azi2;
      vertices.add(here);
      travelled += step;
    }
    double[][] out = new double[2][vertices.size()];
    for (int i = 0; i < vertices.size(); i++) {
      out[0][i] = vertices.get(i)[0];
      out[1][i] = vertices.get(i)[1];
    }
    return out;
  }

  /** Returns a point's latitude and longitude {@code meters} from (lat, lon) along {@code azimuth}. */
  public static double[] move(double lat, double lon, double azimuth, double meters) {
    return SphereOracle.direct(lat, lon, azimuth, meters);
  }
}
