package io.corridor.core.geo;

import io.corridor.core.InvalidInputException;
import java.util.Arrays;

/**
 * A validated route: one or more vertices (WGS84 degrees) joined by the shorter great-circle arc,
 * with each vertex's unit vector and its length along the route precomputed.
 *
 * <p>Repeated consecutive vertices are allowed and change nothing. Consecutive vertices that are
 * antipodal, or closer to it than {@link #MIN_ANTIPODAL_GAP_METERS}, are refused: the arc between
 * them is undefined (or so ill-conditioned that no answer would be accurate to a centimetre).
 *
 * <p>Immutable and safe to share between threads.
 */
public final class Route {
  /** How close to antipodal two consecutive vertices may come before the route is refused. */
  public static final double MIN_ANTIPODAL_GAP_METERS = 1.0;

  private final double[] latDegrees;
  private final double[] lonDegrees;
  private final double[] xyz;
  private final double[] cumulativeMeters;

  private Route(double[] latDegrees, double[] lonDegrees) {
    int n = latDegrees.length;
    this.latDegrees = latDegrees;
    this.lonDegrees = lonDegrees;
    this.xyz = new double[3 * n];
    this.cumulativeMeters = new double[n];
    for (int i = 0; i < n; i++) {
      Sphere.toUnitVector(latDegrees[i], lonDegrees[i], xyz, 3 * i);
    }
    double antipodalGap = MIN_ANTIPODAL_GAP_METERS / Sphere.EARTH_RADIUS_METERS;
    for (int i = 1; i < n; i++) {
      int a = 3 * (i - 1);
      int b = 3 * i;
      double sx = xyz[a] + xyz[b];
      double sy = xyz[a + 1] + xyz[b + 1];
      double sz = xyz[a + 2] + xyz[b + 2];
      // |A + B| = 2 cos(θ/2) ≈ π − θ near the antipode.
      if (Math.sqrt(sx * sx + sy * sy + sz * sz) < antipodalGap) {
        throw new InvalidInputException(
            "route vertices " + i + " and " + (i + 1) + " are antipodal (or less than "
                + MIN_ANTIPODAL_GAP_METERS + " m from it): the great-circle arc between them is undefined");
      }
      double angle =
          Sphere.angleRadians(xyz[a], xyz[a + 1], xyz[a + 2], xyz[b], xyz[b + 1], xyz[b + 2]);
      cumulativeMeters[i] = cumulativeMeters[i - 1] + angle * Sphere.EARTH_RADIUS_METERS;
    }
  }

  /**
   * Returns the route through the given vertices, in degrees, after checking each one; vertices are
   * numbered from 1 in error messages.
   *
   * @throws InvalidInputException if there is no vertex, a coordinate is out of range or not
   *     finite, or two consecutive vertices are antipodal
   */
  public static Route of(double[] latDegrees, double[] lonDegrees) {
    if (latDegrees.length != lonDegrees.length) {
      throw new IllegalArgumentException("latitude and longitude arrays differ in length");
    }
    if (latDegrees.length == 0) {
      throw new InvalidInputException("the route has no vertex");
    }
    for (int i = 0; i < latDegrees.length; i++) {
      if (!Sphere.isValidLatLon(latDegrees[i], lonDegrees[i])) {
        // The message is built only for a bad vertex: a route of 100 000 vertices is checked per request.
        Sphere.checkLatLon("route vertex " + (i + 1), latDegrees[i], lonDegrees[i]);
      }
    }
    return new Route(latDegrees.clone(), lonDegrees.clone());
  }

  /** Returns the number of vertices, at least 1. */
  public int size() {
    return latDegrees.length;
  }

  /** Returns the latitude of vertex {@code i} in degrees. */
  public double latDegrees(int i) {
    return latDegrees[i];
  }

  /** Returns the longitude of vertex {@code i} in degrees. */
  public double lonDegrees(int i) {
    return lonDegrees[i];
  }

  /** Returns component {@code k} (0 = x, 1 = y, 2 = z) of vertex {@code i}'s unit vector. */
  public double unit(int i, int k) {
    return xyz[3 * i + k];
  }

  /** Returns the length along the route from its first vertex to vertex {@code i}, in metres. */
  public double offsetMetersAt(int i) {
    return cumulativeMeters[i];
  }

  /** Returns the length of the whole route in metres. */
  public double lengthMeters() {
    return cumulativeMeters[cumulativeMeters.length - 1];
  }

  /** Returns a copy of the vertex latitudes in degrees. */
  public double[] latitudes() {
    return latDegrees.clone();
  }

  /** Returns a copy of the vertex longitudes in degrees. */
  public double[] longitudes() {
    return lonDegrees.clone();
  }

  @Override
  public String toString() {
    return "Route[" + size() + " vertices, " + Math.round(lengthMeters()) + " m, from ("
        + latDegrees[0] + ", " + lonDegrees[0] + ")]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Route r
        && Arrays.equals(latDegrees, r.latDegrees)
        && Arrays.equals(lonDegrees, r.lonDegrees);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(latDegrees) + Arrays.hashCode(lonDegrees);
  }
}
