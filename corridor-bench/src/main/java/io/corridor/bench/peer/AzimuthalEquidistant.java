package io.corridor.bench.peer;

import io.corridor.core.geo.Route;
import io.corridor.core.geo.Sphere;

/**
 * The azimuthal equidistant projection of the sphere centred on a route, to metres on a plane:
 * what a JTS user does before buffering, since JTS works in the plane only.
 *
 * <p>Distances from the centre are kept exactly; across them the scale is {@code c / sin c} at an
 * angle {@code c} from the centre, so a planar distance is between 1 and {@code c/sin c} times the
 * true one. For a corridor of radius r whose route stays within angle c of the centre the planar
 * radius is thus off by at most {@code r (c'/sin c' − 1)}, c' = c + r/R ({@link #radiusErrorMeters});
 * for the 1 000 km benchmark route (c' ≈ 0.07 rad) that is 0.08 % of r: 8 m at r = 10 km, 8 cm at
 * r = 100 m. Straight planar edges between projected vertices also depart from the projected
 * great-circle arcs, by far less than a millimetre for 100 m edges.
 */
public final class AzimuthalEquidistant {
  private final double[] centre = new double[3];
  private final double[] east = new double[3];
  private final double[] north = new double[3];
  private final double maxAngleRadians;

  private AzimuthalEquidistant(Route route) {
    // Centre on the normalised mean of the vertices' unit vectors.
    double x = 0, y = 0, z = 0;
    for (int i = 0; i < route.size(); i++) {
      x += route.unit(i, 0);
      y += route.unit(i, 1);
      z += route.unit(i, 2);
    }
    double norm = Math.sqrt(x * x + y * y + z * z);
    centre[0] = x / norm;
    centre[1] = y / norm;
    centre[2] = z / norm;
    double h = Math.hypot(centre[0], centre[1]);
    east[0] = -centre[1] / h;
    east[1] = centre[0] / h;
    north[0] = -centre[2] * east[1];
    north[1] = centre[2] * east[0];
    north[2] = h;
    double max = 0;
    for (int i = 0; i < route.size(); i++) {
      max = Math.max(max, Sphere.angleRadians(route.unit(i, 0), route.unit(i, 1), route.unit(i, 2),
          centre[0], centre[1], centre[2]));
    }
    this.maxAngleRadians = max;
  }

  /** Returns the projection centred on the route (not meant for routes near the poles or over a hemisphere). */
  public static AzimuthalEquidistant centredOn(Route route) {
    return new AzimuthalEquidistant(route);
  }

  /** Writes the planar coordinates in metres of a point in degrees into {@code out[0..1]}. */
  public void project(double latDegrees, double lonDegrees, double[] out) {
    double phi = Math.toRadians(latDegrees);
    double lambda = Math.toRadians(lonDegrees);
    double cosPhi = Math.cos(phi);
    double px = cosPhi * Math.cos(lambda);
    double py = cosPhi * Math.sin(lambda);
    double pz = Math.sin(phi);
    double e = px * east[0] + py * east[1];
    double n = px * north[0] + py * north[1] + pz * north[2];
    double c = px * centre[0] + py * centre[1] + pz * centre[2];
    double s = Math.hypot(e, n);
    // Scale the direction (e, n) to the true angle from the centre, atan2(s, c).
    double k = s > 0 ? Sphere.EARTH_RADIUS_METERS * Math.atan2(s, c) / s : Sphere.EARTH_RADIUS_METERS;
    out[0] = k * e;
    out[1] = k * n;
  }

  /** Returns the most the planar radius can differ from {@code radiusMeters} within r of the route. */
  public double radiusErrorMeters(double radiusMeters) {
    double c = maxAngleRadians + radiusMeters / Sphere.EARTH_RADIUS_METERS;
    return c > 0 ? radiusMeters * (c / Math.sin(c) - 1) : 0;
  }
}
