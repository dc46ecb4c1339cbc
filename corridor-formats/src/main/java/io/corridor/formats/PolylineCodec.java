package io.corridor.formats;

import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Route;
import java.util.Arrays;

/**
 * Decodes and encodes the Google encoded polyline format, the compact route string that routing
 * engines (Google, OSRM, Valhalla) return, at a precision of 5 or 6 decimal digits.
 *
 * <p>Each coordinate is stored as the difference from the previous vertex, scaled by 10^precision
 * and rounded, zig-zag encoded (sign in the lowest bit), then cut into 5-bit chunks, lowest first,
 * each written as the character {@code chunk + 63}, with {@code 0x20} added to every chunk but the
 * last of a value. Valid characters are therefore ASCII 63 ({@code ?}) to 126 ({@code ~}).
 */
public final class PolylineCodec {
  /** The precision of Google's own polylines and of OSRM by default. */
  public static final int DEFAULT_PRECISION = 5;

  /** The smallest precision accepted. */
  public static final int MIN_PRECISION = 1;

  /** The largest precision accepted: beyond it, values no longer fit the format's 32-bit integers. */
  public static final int MAX_PRECISION = 7;

  /** The longest chunk sequence of a valid value: 32 bits need 7 chunks of 5 bits. */
  private static final int MAX_CHUNKS = 7;

  private PolylineCodec() {}

  /**
   * Returns the route encoded by {@code polyline} at {@code precision} decimal digits, so that a
   * route file or request can carry a polyline as routing engines return it.
   *
   * @throws InvalidInputException if a character is outside the polyline alphabet, the string ends
   *     in the middle of a value or of a vertex, or a vertex is out of range; characters are
   *     numbered from 1
   */
  public static Route decode(String polyline, int precision) {
    double scale = scale(precision);
    int n = polyline.length();
    double[] lat = new double[Math.max(4, n / 4)];
    double[] lon = new double[lat.length];
    int count = 0;
    long latE = 0;
    long lonE = 0;
    int i = 0;
    while (i < n) {
      int latStart = i;
      long dLat = 0;
      long dLon = 0;
      for (int k = 0; k < 2; k++) {
        long result = 0;
        int shift = 0;
        int chunks = 0;
        int c;
        do {
          if (i >= n) {
            throw new InvalidInputException(
                "polyline ends in the middle of a value (the last character, " + n
                    + ", asks for more)");
          }
          c = polyline.charAt(i) - 63;
          if (c < 0 || c > 0x3f) {
            throw new InvalidInputException(
                "polyline character " + (i + 1) + " " + describe(polyline.charAt(i))
                    + " is not a polyline character (expected ASCII 63 '?' to 126 '~')");
          }
          if (++chunks > MAX_CHUNKS) {
            throw new InvalidInputException(
                "polyline value ending at character " + (i + 1) + " is longer than "
                    + MAX_CHUNKS + " characters (too large to be a coordinate)");
          }
          result |= (long) (c & 0x1f) << shift;
          shift += 5;
          i++;
        } while (c >= 0x20);
        long delta = (result & 1) != 0 ? ~(result >> 1) : (result >> 1);
        if (k == 0) {
          dLat = delta;
          if (i >= n) {
            throw new InvalidInputException(
                "polyline ends after a latitude with no longitude (vertex " + (count + 1)
                    + " starts at character " + (latStart + 1) + ")");
          }
        } else {
          dLon = delta;
        }
      }
      latE += dLat;
      lonE += dLon;
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
    return Route.of(Arrays.copyOf(lat, count), Arrays.copyOf(lon, count));
  }

  /** Returns the polyline of a route at {@code precision} decimal digits, as a routing engine would write it. */
  public static String encode(Route route, int precision) {
    return encode(route.latitudes(), route.longitudes(), precision);
  }

  /**
   * Returns the polyline of the given vertices in degrees at {@code precision} decimal digits; each
   * coordinate is rounded to the nearest multiple of 10^-precision.
   */
  public static String encode(double[] latDegrees, double[] lonDegrees, int precision) {
    if (latDegrees.length != lonDegrees.length) {
      throw new IllegalArgumentException("latitude and longitude arrays differ in length");
    }
    double scale = scale(precision);
    StringBuilder out = new StringBuilder(latDegrees.length * 8);
    long prevLat = 0;
    long prevLon = 0;
    for (int i = 0; i < latDegrees.length; i++) {
      long latE = Math.round(latDegrees[i] * scale);
      long lonE = Math.round(lonDegrees[i] * scale);
      appendValue(out, latE - prevLat);
      appendValue(out, lonE - prevLon);
      prevLat = latE;
      prevLon = lonE;
    }
    return out.toString();
  }

  private static void appendValue(StringBuilder out, long delta) {
    long v = delta < 0 ? ~(delta << 1) : (delta << 1);
    while (v >= 0x20) {
      out.append((char) ((0x20 | (v & 0x1f)) + 63));
      v >>>= 5;
    }
    out.append((char) (v + 63));
  }

  private static double scale(int precision) {
    if (precision < MIN_PRECISION || precision > MAX_PRECISION) {
      throw new InvalidInputException(
          "polyline precision " + precision + " is outside [" + MIN_PRECISION + ", "
              + MAX_PRECISION + "] (5 for Google and OSRM, 6 for Valhalla and OSRM polyline6)");
    }
    return Math.pow(10, precision);
  }

  private static String describe(char c) {
    if (c >= 0x21 && c < 0x7f) {
      return "'" + c + "'";
    }
    return String.format(java.util.Locale.ROOT, "U+%04X", (int) c);
  }
}
