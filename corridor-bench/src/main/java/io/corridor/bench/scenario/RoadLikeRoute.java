package io.corridor.bench.scenario;

import io.corridor.core.geo.Route;
import io.corridor.core.geo.Sphere;
import java.util.SplittableRandom;

/**
 * Generates deterministic routes that wind like roads: the great-circle arc between two places,
 * pushed sideways by a sum of a few smooth bends and a little vertex-scale jitter, scaled so that
 * the route has exactly the requested length.
 *
 * <p>Offsets are measured perpendicular to the straight arc (along its normal), so the ends stay
 * at the two places and the vertices stay in order along it; no loops, no repeated vertices.
 */
public final class RoadLikeRoute {
  private static final int MAX_BENDS = 40;

  private RoadLikeRoute() {}

  /**
   * Returns a route of {@code vertices} vertices from one place to another whose length is
   * {@code lengthMeters} (to a metre), the same for the same seed.
   *
   * @throws IllegalArgumentException if the length is shorter than the straight arc
   */
  public static Route between(
      long seed, double fromLat, double fromLon, double toLat, double toLon, int vertices,
      double lengthMeters) {
    if (vertices < 2) {
      throw new IllegalArgumentException("a winding route needs at least 2 vertices");
    }
    double[] a = new double[3];
    double[] b = new double[3];
    Sphere.toUnitVector(fromLat, fromLon, a, 0);
    Sphere.toUnitVector(toLat, toLon, b, 0);
    double omega = Sphere.angleRadians(a[0], a[1], a[2], b[0], b[1], b[2]);
    double straightMeters = omega * Sphere.EARTH_RADIUS_METERS;
    if (lengthMeters < straightMeters) {
      throw new IllegalArgumentException(
          "length " + lengthMeters + " m is shorter than the straight arc, " + straightMeters + " m");
    }
    double[] normal = cross(a, b);
    double norm = Math.sqrt(dot(normal, normal));
    for (int k = 0; k < 3; k++) {
      normal[k] /= norm;
    }

    // The shape: positions t along the arc, and sideways offsets g in units of the arc's angle.
    SplittableRandom random = new SplittableRandom(seed);
    int n = vertices;
    double[] t = new double[n];
    double[] g = new double[n];
    int bends = Math.max(1, Math.min(MAX_BENDS, (n - 1) / 3));
    double[] amplitude = new double[bends];
    for (int k = 0; k < bends; k++) {
      amplitude[k] = gaussian(random) / Math.pow(k + 1, 1.3);
    }
    for (int i = 0; i < n; i++) {
      boolean interior = i > 0 && i < n - 1;
      t[i] = (i + (interior ? 0.3 * (random.nextDouble() - 0.5) : 0)) / (n - 1);
      double sum = interior ? 0.05 * gaussian(random) / (n - 1) : 0;
      for (int k = 0; k < bends; k++) {
        sum += amplitude[k] * Math.sin((k + 1) * Math.PI * t[i]);
      }
      g[i] = sum;
    }

    // Bisect the scale of the offsets: the length grows monotonically with it.
    double lo = 0;
    double hi = 0.01;
    while (build(a, b, normal, omega, t, g, hi).lengthMeters() < lengthMeters) {
      lo = hi;
      hi *= 2;
    }
    for (int iteration = 0; iteration < 60 && hi - lo > 1e-12; iteration++) {
      double mid = 0.5 * (lo + hi);
      if (build(a, b, normal, omega, t, g, mid).lengthMeters() < lengthMeters) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return build(a, b, normal, omega, t, g, 0.5 * (lo + hi));
  }

  private static Route build(
      double[] a, double[] b, double[] normal, double omega, double[] t, double[] g, double scale) {
    int n = t.length;
    double[] lat = new double[n];
    double[] lon = new double[n];
    double sinOmega = Math.sin(omega);
    double[] p = new double[3];
    for (int i = 0; i < n; i++) {
      double wa = Math.sin((1 - t[i]) * omega) / sinOmega;
      double wb = Math.sin(t[i] * omega) / sinOmega;
      double delta = scale * g[i] * omega;
      double c = Math.cos(delta);
      double s = Math.sin(delta);
      for (int k = 0; k < 3; k++) {
        p[k] = c * (wa * a[k] + wb * b[k]) + s * normal[k];
      }
      lat[i] = Sphere.latDegrees(p[0], p[1], p[2]);
      lon[i] = Sphere.lonDegrees(p[0], p[1]);
    }
    return Route.of(lat, lon);
  }

  static double gaussian(SplittableRandom random) {
    // Box–Muller; SplittableRandom has no nextGaussian on Java 17.
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  private static double[] cross(double[] u, double[] v) {
    return new double[] {
      u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]
    };
  }

  private static double dot(double[] u, double[] v) {
    return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  }
}
