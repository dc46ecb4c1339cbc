package io.corridor.spark;

import io.corridor.core.geo.Corridor;
import java.util.Random;

/** Random points near a corridor's route, for tests that compare answers with the filter's. */
final class NearRoute {
  private NearRoute() {}

  /** A point at most about twice the radius from a random vertex or along an arc. */
  static double[] nearRoute(Corridor corridor, Random random) {
    int arc = random.nextInt(corridor.arcCount());
    double[] u = new double[3];
    corridor.pointOnArc(arc, random.nextDouble() * corridor.arcLengthRadians(arc), u);
    double lat = Math.toDegrees(Math.asin(u[2]));
    double lon = Math.toDegrees(Math.atan2(u[1], u[0]));
    double reachDegrees = Math.toDegrees(2 * corridor.radiusRadians());
    double dLat = (random.nextDouble() * 2 - 1) * reachDegrees;
    double dLon = (random.nextDouble() * 2 - 1) * reachDegrees / Math.max(0.01, Math.cos(Math.toRadians(lat)));
    lat = Math.max(-90, Math.min(90, lat + dLat));
    lon = lon + dLon;
    lon = ((lon + 180) % 360 + 360) % 360 - 180;
    return new double[] {lat, lon};
  }
}
