package io.corridor.synthetic;

import io.corridor.core.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A latitude/longitude box that holds generated locations, checked on creation so that every
 * generated point, once written with six decimals, still lies inside it.
 *
 * <p>The box does not cross the antimeridian: {@code minLon < maxLon}.
 */
public record Region(double minLat, double minLon, double maxLat, double maxLon) {
  /** Western and central Europe, from northern Spain to Denmark and from Brittany to Vienna. */
  public static final Region EUROPE = new Region(43, -5, 55, 20);

  /** Checks the bounds: finite, in range, ordered, and at least one micro-degree apart. */
  public Region {
    check("minLat", minLat, 90);
    check("maxLat", maxLat, 90);
    check("minLon", minLon, 180);
    check("maxLon", maxLon, 180);
    if (!(minLat < maxLat)) {
      throw new InvalidInputException("minLat " + minLat + " must be below maxLat " + maxLat);
    }
    if (!(minLon < maxLon)) {
      throw new InvalidInputException("minLon " + minLon + " must be below maxLon " + maxLon);
    }
    if (micros(minLat, RoundingMode.CEILING) > micros(maxLat, RoundingMode.FLOOR)
        || micros(minLon, RoundingMode.CEILING) > micros(maxLon, RoundingMode.FLOOR)) {
      throw new InvalidInputException("the box holds no point with six decimals");
    }
  }

  /**
   * Returns the region written as {@code minLat,minLon,maxLat,maxLon} in degrees, as on the
   * command line.
   *
   * @throws InvalidInputException if the text is not four numbers or they make no valid box
   */
  public static Region parse(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length != 4) {
      throw new InvalidInputException(
          "'" + text + "' is not minLat,minLon,maxLat,maxLon (four numbers separated by commas)");
    }
    double[] v = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new InvalidInputException("'" + parts[i].strip() + "' is not a number");
      }
    }
    return new Region(v[0], v[1], v[2], v[3]);
  }

  /** Returns whether the point lies inside the box, edges included. */
  public boolean contains(double latDegrees, double lonDegrees) {
    return latDegrees >= minLat && latDegrees <= maxLat && lonDegrees >= minLon && lonDegrees <= maxLon;
  }

  /** Returns the area of the box on the sphere of radius 6 371.0088 km, in square kilometres. */
  public double areaSquareKm() {
    double r = 6371.0088;
    return r * r * Math.toRadians(maxLon - minLon)
        * (StrictMath.sin(Math.toRadians(maxLat)) - StrictMath.sin(Math.toRadians(minLat)));
  }

  /** Returns {@code minLat,minLon,maxLat,maxLon}, the form that {@link #parse} reads. */
  @Override
  public String toString() {
    return minLat + "," + minLon + "," + maxLat + "," + maxLon;
  }

  /** Returns the degrees in micro-degrees, rounded as asked from the shortest decimal form. */
  static int micros(double degrees, RoundingMode mode) {
    // From the decimal text, not the binary value: 0.1 is 100000 micro-degrees, not 100001.
    return new BigDecimal(Double.toString(degrees)).movePointRight(6).setScale(0, mode).intValueExact();
  }

  private static void check(String name, double value, double limit) {
    if (!Double.isFinite(value) || value < -limit || value > limit) {
      throw new InvalidInputException(name + " " + value + " is outside [-" + (int) limit + ", "
          + (int) limit + "]");
    }
  }
}
