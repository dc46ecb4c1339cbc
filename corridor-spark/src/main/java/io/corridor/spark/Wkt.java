package io.corridor.spark;

import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Route;
import java.util.Arrays;
import java.util.Locale;

/**
 * A strict reader of the two WKT geometries that are routes: {@code LINESTRING (lon lat, ...)} and
 * {@code POINT (lon lat)}, keywords in any case. Anything else (Z/M coordinates, other geometry
 * types, trailing text) is refused with the character position at fault, counted from 1.
 */
final class Wkt {
  private final String s;
  private int i;

  private Wkt(String s) {
    this.s = s;
  }

  /** Returns whether {@code s} starts with a word followed by {@code (} or a space: WKT, not a polyline. */
  static boolean looksLikeWkt(String s) {
    int k = 0;
    while (k < s.length() && Character.isLetter(s.charAt(k))) {
      k++;
    }
    return k > 0 && k < s.length() && (s.charAt(k) == '(' || Character.isWhitespace(s.charAt(k)));
  }

  /** Returns the route of a WKT {@code LINESTRING} or {@code POINT}. */
  static Route parse(String s) {
    return new Wkt(s).geometry();
  }

  private Route geometry() {
    int start = i;
    while (i < s.length() && Character.isLetter(s.charAt(i))) {
      i++;
    }
    String keyword = s.substring(start, i).toUpperCase(Locale.ROOT);
    boolean point = keyword.equals("POINT");
    if (!point && !keyword.equals("LINESTRING")) {
      throw new InvalidInputException(
          "WKT " + keyword + " is not a route: expected LINESTRING or POINT");
    }
    skipSpaces();
    if (s.regionMatches(true, i, "EMPTY", 0, 5)) {
      throw new InvalidInputException("WKT " + keyword + " EMPTY: the route has no vertex");
    }
    expect('(');
    double[] lat = new double[8];
    double[] lon = new double[8];
    int n = 0;
    while (true) {
      if (n == lat.length) {
        lat = Arrays.copyOf(lat, 2 * n);
        lon = Arrays.copyOf(lon, 2 * n);
      }
      lon[n] = number("longitude of vertex " + (n + 1));
      lat[n] = number("latitude of vertex " + (n + 1));
      n++;
      skipSpaces();
      if (i < s.length() && s.charAt(i) == ',' && !point) {
        i++;
        continue;
      }
      expect(')');
      break;
    }
    skipSpaces();
    if (i < s.length()) {
      throw error("unexpected text after the closing ')'");
    }
    try {
      return Route.of(Arrays.copyOf(lat, n), Arrays.copyOf(lon, n));
    } catch (InvalidInputException e) {
      throw e.at("WKT " + keyword);
    }
  }

  private double number(String what) {
    skipSpaces();
    int start = i;
    while (i < s.length() && "+-.0123456789eE".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    if (start == i) {
      throw error("expected the " + what + " (a number)");
    }
    try {
      return Double.parseDouble(s.substring(start, i));
    } catch (NumberFormatException e) {
      i = start;
      throw error("the " + what + " '" + s.substring(start, Math.min(s.length(), start + 32))
          + "' is not a number");
    }
  }

  private void expect(char c) {
    skipSpaces();
    if (i >= s.length() || s.charAt(i) != c) {
      throw error("expected '" + c + "'");
    }
    i++;
  }

  private void skipSpaces() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }

  private InvalidInputException error(String what) {
    String found = i < s.length() ? "'" + s.charAt(i) + "'" : "the end";
    return new InvalidInputException("WKT character " + (i + 1) + " (" + found + "): " + what);
  }
}
