package io.corridor.core.geo;

import io.corridor.core.InvalidInputException;

/**
 * Constants and small helpers for the spherical Earth of the contract: a sphere of radius
 * {@link #EARTH_RADIUS_METERS}, points as WGS84 degrees or as 3-D unit vectors.
 *
 * <p>Angles between unit vectors are computed as {@code atan2(|a×b|, a·b)}, which is accurate to
 * about 1e-16 rad (under a nanometre on the Earth) for every separation, unlike {@code acos(a·b)}
 * near 0 and π or the haversine formula near π.
 *
 * <p>Stateless: safe to call from many threads at once.
 */
public final class Sphere {
  /** The IUGG mean Earth radius, in metres: the radius of the contract's sphere. */
  public static final double EARTH_RADIUS_METERS = 6_371_008.8;

  private Sphere() {}

  /** Returns whether the latitude is within [-90, 90] and the longitude within [-180, 180] (so neither is NaN). */
  public static boolean isValidLatLon(double latDegrees, double lonDegrees) {
    return latDegrees >= -90 && latDegrees <= 90 && lonDegrees >= -180 && lonDegrees <= 180;
  }

  /** Checks that a latitude and longitude in degrees are finite and in range, naming {@code what}. */
  public static void checkLatLon(String what, double latDegrees, double lonDegrees) {
    if (!(latDegrees >= -90 && latDegrees <= 90)) {
      throw new InvalidInputException(
          what + ": latitude " + latDegrees + " is outside [-90, 90]");
    }
    if (!(lonDegrees >= -180 && lonDegrees <= 180)) {
      throw new InvalidInputException(
          what + ": longitude " + lonDegrees + " is outside [-180, 180]");
    }
  }

  /** Writes the unit vector of a latitude/longitude in degrees into {@code out[offset..offset+2]}. */
  public static void toUnitVector(double latDegrees, double lonDegrees, double[] out, int offset) {
    double phi = Math.toRadians(latDegrees);
    double lambda = Math.toRadians(lonDegrees);
    double cosPhi = Math.cos(phi);
    out[offset] = cosPhi * Math.cos(lambda);
    out[offset + 1] = cosPhi * Math.sin(lambda);
    out[offset + 2] = Math.sin(phi);
  }

  /** Returns the latitude in degrees of a unit vector. */
  public static double latDegrees(double x, double y, double z) {
    return Math.toDegrees(Math.atan2(z, Math.hypot(x, y)));
  }

  /** Returns the longitude in degrees of a unit vector (0 at the poles). */
  public static double lonDegrees(double x, double y) {
    return (x == 0 && y == 0) ? 0 : Math.toDegrees(Math.atan2(y, x));
  }

  /** Returns the angle in radians between two unit vectors, accurate at every separation. */
  public static double angleRadians(
      double ax, double ay, double az, double bx, double by, double bz) {
    double cx = ay * bz - az * by;
    double cy = az * bx - ax * bz;
    double cz = ax * by - ay * bx;
    return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), ax * bx + ay * by + az * bz);
  }

  /**
   * Returns the squared chord length between two unit vectors at {@code angleRadians} apart: a
   * trigonometry-free proxy of distance that grows monotonically from 0 (same point) to 4
   * (antipodes). Angles of π or more map to 4.
   */
  public static double chord2(double angleRadians) {
    if (angleRadians >= Math.PI) {
      return 4;
    }
    double s = Math.sin(0.5 * Math.max(0, angleRadians));
    return 4 * s * s;
  }

  /** Returns the angle in radians whose squared chord is {@code chord2}, the inverse of {@link #chord2}. */
  public static double angleOfChord2(double chord2) {
    return 2 * Math.asin(Math.min(1, 0.5 * Math.sqrt(Math.max(0, chord2))));
  }

  /**
   * Returns the squared chord of the angle whose sine is {@code sin} (an angle in [0, π/2]), written
   * so that it stays accurate when the angle is tiny: {@code 2 s² / (1 + √(1 − s²))}.
   */
  public static double chord2OfSin(double sin) {
    double s2 = sin * sin;
    return 2 * s2 / (1 + Math.sqrt(Math.max(0, 1 - s2)));
  }
}
