package io.corridor.bench.scenario;

import io.corridor.core.geo.Route;
import io.corridor.core.geo.Sphere;
import java.util.SplittableRandom;

/** Small moves on the sphere used by the generators: a step from a point, a point on a route. */
final class Steps {
  private Steps() {}

  /**
   * Writes into {@code out} ({lat, lon} in degrees) the point {@code meters} from (lat, lon) in
   * the direction {@code bearingRadians} (clockwise from north), along a great circle.
   */
  static void step(double lat, double lon, double bearingRadians, double meters, double[] out) {
    double phi = Math.toRadians(lat);
    double lambda = Math.toRadians(lon);
    double delta = meters / Sphere.EARTH_RADIUS_METERS;
    double sinPhi2 = Math.sin(phi) * Math.cos(delta)
        + Math.cos(phi) * Math.sin(delta) * Math.cos(bearingRadians);
    double phi2 = Math.asin(sinPhi2);
    double lambda2 = lambda + Math.atan2(
        Math.sin(bearingRadians) * Math.sin(delta) * Math.cos(phi),
        Math.cos(delta) - Math.sin(phi) * sinPhi2);
    out[0] = Math.toDegrees(phi2);
    out[1] = Math.toDegrees(Math.IEEEremainder(lambda2, 2 * Math.PI));
  }

  /** Writes into {@code out} a point of the route chosen uniformly along its length. */
  static void pointOnRoute(Route route, SplittableRandom random, double[] out) {
    if (route.size() == 1) {
      out[0] = route.latDegrees(0);
      out[1] = route.lonDegrees(0);
      return;
    }
    double offset = random.nextDouble() * route.lengthMeters();
    int lo = 0;
    int hi = route.size() - 1;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (route.offsetMetersAt(mid) <= offset) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double arc = route.offsetMetersAt(hi) - route.offsetMetersAt(lo);
    double f = arc > 0 ? (offset - route.offsetMetersAt(lo)) / arc : 0;
    // Slerp between the arc's ends.
    double[] p = new double[3];
    double omega = arc / Sphere.EARTH_RADIUS_METERS;
    double wa = omega > 0 ? Math.sin((1 - f) * omega) / Math.sin(omega) : 1;
    double wb = omega > 0 ? Math.sin(f * omega) / Math.sin(omega) : 0;
    for (int k = 0; k < 3; k++) {
      p[k] = wa * route.unit(lo, k) + wb * route.unit(hi, k);
    }
    out[0] = Sphere.latDegrees(p[0], p[1], p[2]);
    out[1] = Sphere.lonDegrees(p[0], p[1]);
  }

  /** Returns {minLat, maxLat, minLon, maxLon} of the route's vertices widened by {@code meters}. */
  static double[] expandedBounds(Route route, double meters) {
    double minLat = 90, maxLat = -90, minLon = 180, maxLon = -180;
    for (int i = 0; i < route.size(); i++) {
      minLat = Math.min(minLat, route.latDegrees(i));
      maxLat = Math.max(maxLat, route.latDegrees(i));
      minLon = Math.min(minLon, route.lonDegrees(i));
      maxLon = Math.max(maxLon, route.lonDegrees(i));
    }
    double dLat = Math.toDegrees(meters / Sphere.EARTH_RADIUS_METERS);
    double widestCos = Math.cos(Math.toRadians(Math.max(Math.abs(minLat), Math.abs(maxLat)) + dLat));
    double dLon = dLat / widestCos;
    return new double[] {
      Math.max(-90, minLat - dLat), Math.min(90, maxLat + dLat),
      Math.max(-180, minLon - dLon), Math.min(180, maxLon + dLon)
    };
  }
}
