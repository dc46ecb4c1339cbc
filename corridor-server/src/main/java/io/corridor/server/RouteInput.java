package io.corridor.server;

import com.fasterxml.jackson.core.JsonToken;
import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Route;
import io.corridor.formats.PolylineCodec;
import java.util.Arrays;

/**
 * Reads the corridor of a request, a route and a radius, and checks them against the limits: a
 * route is a GeoJSON {@code LineString} or {@code Point} geometry, or
 * {@code {"polyline": "...", "precision": 5}}. A bad coordinate is named by its pointer
 * ({@code /route/coordinates/17/1}); a route over the vertex or length limit is a 413.
 */
final class RouteInput {
  private static final String FIELDS = "\"type\" and \"coordinates\", or \"polyline\" and \"precision\"";

  private RouteInput() {}

  /** Reads the route whose object starts at the current token of {@code in}. */
  static Route read(JsonInput in, ServerSettings limits) {
    String at = in.pointer();
    in.expect(JsonToken.START_OBJECT, "a GeoJSON LineString or Point geometry, or {\"polyline\": ...}");
    String type = null;
    Positions coordinates = null;
    String coordinatesAt = at + "/coordinates";
    String polyline = null;
    Integer precision = null;
    for (String field = in.nextField(); field != null; field = in.nextField()) {
      switch (field) {
        case "type" -> type = in.text();
        case "coordinates" -> coordinates = positions(in, limits);
        case "polyline" -> polyline = in.text();
        case "precision" -> precision = (int) in.integer(Integer.MIN_VALUE, Integer.MAX_VALUE, null);
        case "bbox" -> in.skipValue();
        default -> throw in.unknownField(field, FIELDS);
      }
    }
    if (polyline != null) {
      if (type != null || coordinates != null) {
        throw Problem.badRequest(at, at + ": give either a polyline or a GeoJSON geometry, not both");
      }
      return polyline(polyline, precision == null ? PolylineCodec.DEFAULT_PRECISION : precision,
          at + "/polyline", at + "/precision", limits);
    }
    if (precision != null) {
      throw Problem.badRequest(at + "/precision", at + "/precision applies to a polyline only");
    }
    if (type == null) {
      throw Problem.badRequest(at, at + ": missing \"type\" (LineString or Point) or \"polyline\"");
    }
    if (coordinates == null) {
      throw Problem.badRequest(at, at + ": missing \"coordinates\"");
    }
    switch (type) {
      case "LineString" -> {
        if (coordinates.single) {
          throw Problem.badRequest(coordinatesAt, "a LineString's coordinates must be an array of [lon, lat] positions");
        }
      }
      case "Point" -> {
        if (!coordinates.single) {
          throw Problem.badRequest(coordinatesAt, "a Point's coordinates must be one [lon, lat] position");
        }
      }
      default -> throw Problem.badRequest(at + "/type", "route type \"" + type
          + "\" is not supported: LineString or Point, or a polyline");
    }
    if (coordinates.count == 0) {
      throw Problem.unprocessable(coordinatesAt, "the route has no vertex");
    }
    return route(Arrays.copyOf(coordinates.lats, coordinates.count),
        Arrays.copyOf(coordinates.lons, coordinates.count), coordinatesAt, limits);
  }

  /** Decodes and checks an encoded polyline at precision 5 or 6. */
  static Route polyline(String encoded, int precision, String at, String precisionAt, ServerSettings limits) {
    if (precision != 5 && precision != 6) {
      throw Problem.badRequest(precisionAt, "precision " + precision + " is not 5 or 6");
    }
    // Each vertex ends two values, and each value ends in a character below '_' (95): counting
    // them bounds the vertices before any array is allocated for them.
    long ends = 0;
    for (int i = 0; i < encoded.length(); i++) {
      if (encoded.charAt(i) < 95) {
        ends++;
      }
    }
    if (ends / 2 > limits.maxRouteVertices()) {
      throw Problem.tooLarge(at, "the polyline has " + ends / 2 + " vertices, more than the server's limit of "
          + limits.maxRouteVertices() + " (max-route-vertices)");
    }
    if (encoded.isEmpty()) {
      throw Problem.unprocessable(at, "the polyline is empty: the route has no vertex");
    }
    Route decoded;
    try {
      decoded = PolylineCodec.decode(encoded, precision);
    } catch (InvalidInputException e) {
      throw Problem.badRequest(at, at + ": " + e.getMessage());
    }
    return checkLength(decoded, at, limits);
  }

  /** Builds and checks the route through checked vertices. */
  private static Route route(double[] lats, double[] lons, String at, ServerSettings limits) {
    Route r;
    try {
      r = Route.of(lats, lons);
    } catch (InvalidInputException e) {
      throw Problem.unprocessable(at, e.getMessage() + " (vertices numbered from 1)");
    }
    return checkLength(r, at, limits);
  }

  private static Route checkLength(Route r, String at, ServerSettings limits) {
    double km = r.lengthMeters() / 1000;
    if (km > limits.maxRouteLengthKm()) {
      throw Problem.tooLarge(at, String.format(java.util.Locale.ROOT,
          "the route is %.1f km long, more than the server's limit of %s km (max-route-length-km)",
          km, limits.maxRouteLengthKm()));
    }
    return r;
  }

  /** Checks a radius read at {@code at}: finite and above 0 (else 422), at most the limit (else 413). */
  static double radius(double meters, String at, ServerSettings limits) {
    if (!(meters > 0) || Double.isInfinite(meters)) {
      throw Problem.unprocessable(at, at + ": the radius must be a finite number of metres greater than 0, not " + meters);
    }
    if (meters > limits.maxRadiusMeters()) {
      throw Problem.tooLarge(at, at + ": a radius of " + meters + " m is more than the server's limit of "
          + limits.maxRadiusMeters() + " m (max-radius-m)");
    }
    return meters;
  }

  /** Reads one [lon, lat] or [lon, lat, altitude] position into {@code out}, checking its range. */
  static void position(JsonInput in, double[] out) {
    in.expect(JsonToken.START_ARRAY, "a [lon, lat] position");
    int k = 0;
    for (JsonToken t = in.next(); t != JsonToken.END_ARRAY; t = in.next()) {
      double v = in.number();
      if (k == 0) {
        checkCoordinate(in, v, 180, "longitude");
      } else if (k == 1) {
        checkCoordinate(in, v, 90, "latitude");
      } else if (k > 2) {
        throw Problem.badRequest(in.pointer(), "a position has 2 or 3 numbers: [lon, lat] or [lon, lat, altitude]");
      }
      if (k < 2) {
        out[k] = v;
      }
      k++;
    }
    if (k < 2) {
      throw Problem.badRequest(in.pointer(), in.pointerName() + ": a position needs a longitude and a latitude: [lon, lat]");
    }
  }

  private static void checkCoordinate(JsonInput in, double v, double max, String what) {
    if (!(v >= -max && v <= max)) {
      throw Problem.unprocessable(in.pointer(), in.pointerName() + ": " + what + " " + v
          + " is outside [" + -max + ", " + max + "]");
    }
  }

  /** Reads a position, or an array of them, counting vertices against the limit as they come. */
  private static Positions positions(JsonInput in, ServerSettings limits) {
    in.expect(JsonToken.START_ARRAY, "an array of positions");
    Positions p = new Positions();
    double[] xy = new double[2];
    JsonToken first = in.next();
    if (first == JsonToken.VALUE_NUMBER_INT || first == JsonToken.VALUE_NUMBER_FLOAT) {
      // A Point: this array is the position itself.
      p.single = true;
      double lon = in.number();
      checkCoordinate(in, lon, 180, "longitude");
      if (in.next() == JsonToken.END_ARRAY) {
        throw Problem.badRequest(in.pointer(), "a position needs a longitude and a latitude: [lon, lat]");
      }
      double lat = in.number();
      checkCoordinate(in, lat, 90, "latitude");
      JsonToken t = in.next();
      if (t != JsonToken.END_ARRAY) {
        in.number();
        if (in.next() != JsonToken.END_ARRAY) {
          throw Problem.badRequest(in.pointer(), "a position has 2 or 3 numbers: [lon, lat] or [lon, lat, altitude]");
        }
      }
      p.add(lat, lon);
      return p;
    }
    for (JsonToken t = first; t != JsonToken.END_ARRAY; t = in.next()) {
      if (p.count == limits.maxRouteVertices()) {
        throw Problem.tooLarge(in.pointer(), "the route has more than " + limits.maxRouteVertices()
            + " vertices, the server's limit (max-route-vertices)");
      }
      position(in, xy);
      p.add(xy[1], xy[0]);
    }
    return p;
  }

  /** Vertices as they are read. */
  private static final class Positions {
    double[] lats = new double[16];
    double[] lons = new double[16];
    int count;
    boolean single;

    void add(double lat, double lon) {
      if (count == lats.length) {
        lats = Arrays.copyOf(lats, count * 2);
        lons = Arrays.copyOf(lons, count * 2);
      }
      lats[count] = lat;
      lons[count] = lon;
      count++;
    }
  }
}
