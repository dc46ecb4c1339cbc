package io.corridor.spark;

import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Route;
import java.util.Arrays;

/**
 * Decodes a Google encoded polyline (the route string of Google, OSRM and Valhalla): per vertex,
 * the latitude and longitude differences from the previous vertex, scaled by 10^precision,
 * zig-zag encoded and cut into 5-bit chunks written as characters 63 ({@code ?}) to 126
 * ({@code ~}), {@code 0x20} marking every chunk but a value's last. Kept here because this module
 * depends on the core alone, which holds no file formats.
 */
final class Polyline {
  /** The precision of Google's polylines and of OSRM's default. */
  static final int DEFAULT_PRECISION = 5;

  /** 32-bit values need at most 7 chunks of 5 bits. */
  private static final int MAX_CHUNKS = 7;

  private Polyline() {}

  /**
   * Returns the route of {@code polyline}; errors name the character (from 1) at fault.
   *
   * @throws InvalidInputException if a character is outside the alphabet, the text ends inside a
   *     value or a vertex, or a vertex is out of range
   */
  static Route decode(String polyline, int precision) {
    double scale = Math.pow(10, precision);
    int n = polyline.length();
    double[] lat = new double[Math.max(4, n / 4)];
    double[] lon = new double[lat.length];
    int count = 0;
    long latE = 0;
    long lonE = 0;
    int i = 0;
    while (i < n) {
      long[] delta = new long[2];
      for (int k = 0; k < 2; k++) {
        long result = 0;
        int shift = 0;
        int chunks = 0;
        int c;
        do {
          if (i >= n) {
            throw new InvalidInputException("polyline ends in the middle of "
                + (k == 0 ? "a value" : "vertex " + (count + 1) + " (a latitude with no longitude)"));
          }
          c = polyline.charAt(i) - 63;
          if (c < 0 || c > 0x3f) {
            throw new InvalidInputException("polyline character " + (i + 1) + " (U+"
                + String.format(java.util.Locale.ROOT, "%04X", (int) polyline.charAt(i))
                + ") is not a polyline character (expected ASCII 63 '?' to 126 '~')");
          }
          if (++chunks > MAX_CHUNKS) {
            throw new InvalidInputException("polyline value ending at character " + (i + 1)
                + " is longer than " + MAX_CHUNKS + " characters (too large to be a coordinate)");
          }
          result |= (long) (c & 0x1f) << shift;
          shift += 5;
          i++;
        } while (c >= 0x20);
        delta[k] = (result & 1) != 0 ? ~(result >> 1) : (result >> 1);
      }
      latE += delta[0];
      lonE += delta[1];
      if (count == lat.length) {
        lat = Arrays.copyOf(lat, count * 2);
        lon = Arrays.copyOf(lon, count * 2);
      }
      lat[count] = latE / scale;
      lon[count] = lonE / scale;
      count++;
    }
    if (count == 0) {
      throw new InvalidInputException("polyline is empty");
    }
    try {
      return Route.of(Arrays.copyOf(lat, count), Arrays.copyOf(lon, count));
    } catch (InvalidInputException e) {
      throw e.at("polyline");
    }
  }
}
