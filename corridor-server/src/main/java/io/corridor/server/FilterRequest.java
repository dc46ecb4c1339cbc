package io.corridor.server;

import com.fasterxml.jackson.core.JsonToken;
import io.corridor.core.geo.Route;
import io.corridor.core.location.LocationSet;

/**
 * The body of {@code POST /v1/filter}: {@code route}, {@code radius_m} and {@code locations},
 * each {@code {"id": "a", "points": [[lon, lat], ...], "properties": {...}}}. Locations that share
 * an id are points of one location, as rows of a CSV file are. Immutable.
 */
record FilterRequest(Route route, double radiusMeters, LocationSet locations) {
  private static final String FIELDS = "\"route\", \"radius_m\" and \"locations\"";
  private static final String LOCATION_FIELDS = "\"id\", \"points\" and \"properties\"";

  /** Parses and checks a body against the limits. */
  static FilterRequest parse(byte[] body, ServerSettings limits) {
    try (JsonInput in = JsonInput.object(body)) {
      Route route = null;
      Double radius = null;
      LocationSet locations = null;
      for (String field = in.nextField(); field != null; field = in.nextField()) {
        switch (field) {
          case "route" -> route = RouteInput.read(in, limits);
          case "radius_m" -> radius = RouteInput.radius(in.number(), in.pointer(), limits);
          case "locations" -> locations = locations(in, limits);
          default -> throw in.unknownField(field, FIELDS);
        }
      }
      in.end();
      if (route == null || radius == null || locations == null) {
        throw Problem.badRequest(route == null ? "/route" : radius == null ? "/radius_m" : "/locations",
            "missing field \"" + (route == null ? "route" : radius == null ? "radius_m" : "locations")
                + "\": the body needs " + FIELDS);
      }
      return new FilterRequest(route, radius, locations);
    }
  }

  private static LocationSet locations(JsonInput in, ServerSettings limits) {
    in.expect(JsonToken.START_ARRAY, "an array of locations");
    LocationSet.Builder set = LocationSet.builder();
    double[] xy = new double[2];
    int count = 0;
    for (JsonToken t = in.next(); t != JsonToken.END_ARRAY; t = in.next()) {
      if (++count > limits.maxFilterLocations()) {
        throw Problem.tooLarge(in.pointer(), "more than " + limits.maxFilterLocations()
            + " locations, the server's limit (max-filter-locations)");
      }
      String at = in.pointer();
      in.expect(JsonToken.START_OBJECT, "a location: {\"id\": ..., \"points\": [[lon, lat], ...]}");
      String id = null;
      int location = -1;
      double[] pending = null;
      int pendingCount = 0;
      boolean sawPoints = false;
      for (String field = in.nextField(); field != null; field = in.nextField()) {
        switch (field) {
          case "id" -> {
            if (in.token() == JsonToken.VALUE_NUMBER_INT) {
              id = Long.toString(in.integer(Long.MIN_VALUE, Long.MAX_VALUE, null));
            } else {
              id = in.text();
            }
            location = set.location(id, null);
            for (int k = 0; k < pendingCount; k++) {
              set.point(location, pending[2 * k + 1], pending[2 * k]);
            }
            pending = null;
            pendingCount = 0;
          }
          case "points" -> {
            in.expect(JsonToken.START_ARRAY, "an array of [lon, lat] positions");
            sawPoints = true;
            int points = 0;
            for (JsonToken p = in.next(); p != JsonToken.END_ARRAY; p = in.next()) {
              RouteInput.position(in, xy);
              points++;
              if (location >= 0) {
                set.point(location, xy[1], xy[0]);
              } else {
                // The id comes after the points: keep them until it does.
                if (pending == null) {
                  pending = new double[8];
                } else if (pending.length == 2 * pendingCount) {
                  pending = java.util.Arrays.copyOf(pending, pending.length * 2);
                }
                pending[2 * pendingCount] = xy[0];
                pending[2 * pendingCount + 1] = xy[1];
                pendingCount++;
              }
            }
            if (points == 0) {
              throw Problem.unprocessable(at + "/points", "a location needs one or more points");
            }
          }
          case "properties" -> {
            if (in.token() != JsonToken.VALUE_NULL) {
              in.expect(JsonToken.START_OBJECT, "an object");
            }
            in.skipValue();
          }
          default -> throw in.unknownField(field, LOCATION_FIELDS);
        }
      }
      if (id == null) {
        throw Problem.badRequest(at + "/id", "missing field \"id\": each location needs " + LOCATION_FIELDS);
      }
      if (!sawPoints) {
        throw Problem.badRequest(at + "/points", "missing field \"points\": each location needs one or more [lon, lat] points");
      }
    }
    return set.build();
  }
}
