package io.corridor.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Route;

/**
 * Reads a route written as text in a DataFrame column: a GeoJSON {@code LineString} or {@code Point}
 * (a geometry, or a {@code Feature} holding one), a WKT {@code LINESTRING} or {@code POINT}, or a
 * Google encoded polyline at precision 5. The form is told by content: GeoJSON starts with
 * <code>{</code>, WKT with a geometry keyword, anything else must be a polyline.
 *
 * <p>GeoJSON is read with the Jackson that Spark itself ships (this module adds no JSON library to
 * a Spark classpath). Stateless and thread-safe.
 */
public final class RouteText {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RouteText() {}

  /**
   * Returns the route that {@code text} describes.
   *
   * @throws InvalidInputException naming the form and the place at fault
   */
  public static Route parse(String text) {
    if (text == null) {
      throw new InvalidInputException("route is null");
    }
    String s = text.strip();
    if (s.isEmpty()) {
      throw new InvalidInputException("route is empty");
    }
    if (s.charAt(0) == '{') {
      return parseGeoJson(s);
    }
    if (Wkt.looksLikeWkt(s)) {
      return Wkt.parse(s);
    }
    return Polyline.decode(s, Polyline.DEFAULT_PRECISION);
  }

  /** Returns the route of a GeoJSON geometry or Feature given as text. */
  static Route parseGeoJson(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          "GeoJSON route is not valid JSON: " + e.getOriginalMessage()
              + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                  + ", column " + e.getLocation().getColumnNr() + ")"));
    }
    return geoJson(node);
  }

  /**
   * Returns the route of a parsed GeoJSON {@code LineString} or {@code Point} geometry, or of a
   * {@code Feature} holding one; errors name the member at fault.
   */
  static Route geoJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new InvalidInputException("GeoJSON route must be an object");
    }
    String type = node.path("type").asText("");
    if (type.equals("Feature")) {
      JsonNode geometry = node.get("geometry");
      if (geometry == null || geometry.isNull()) {
        throw new InvalidInputException("GeoJSON Feature has no geometry");
      }
      try {
        return geoJson(geometry);
      } catch (InvalidInputException e) {
        throw e.at("geometry");
      }
    }
    JsonNode coordinates = node.get("coordinates");
    switch (type) {
      case "LineString" -> {
        if (coordinates == null || !coordinates.isArray()) {
          throw new InvalidInputException("LineString: coordinates must be an array of positions");
        }
        int n = coordinates.size();
        if (n == 0) {
          throw new InvalidInputException("LineString: coordinates is empty: the route has no vertex");
        }
        double[] lat = new double[n];
        double[] lon = new double[n];
        for (int i = 0; i < n; i++) {
          double[] position = position(coordinates.get(i), "LineString: coordinates[" + i + "]");
          lon[i] = position[0];
          lat[i] = position[1];
        }
        return Route.of(lat, lon);
      }
      case "Point" -> {
        double[] position = position(coordinates, "Point: coordinates");
        return Route.of(new double[] {position[1]}, new double[] {position[0]});
      }
      case "" -> throw new InvalidInputException("GeoJSON route has no \"type\"");
      default -> throw new InvalidInputException(
          "GeoJSON " + type + " is not a route: expected a LineString or Point (or a Feature holding one)");
    }
  }

  /** Returns {lon, lat} of a GeoJSON position: an array of 2 (or 3, altitude ignored) numbers. */
  private static double[] position(JsonNode p, String where) {
    if (p == null || !p.isArray() || p.size() < 2 || p.size() > 3) {
      throw new InvalidInputException(where + ": a position must be [lon, lat] (or [lon, lat, alt])");
    }
    for (int k = 0; k < p.size(); k++) {
      if (!p.get(k).isNumber()) {
        throw new InvalidInputException(where + "[" + k + "]: " + p.get(k) + " is not a number");
      }
    }
    return new double[] {p.get(0).asDouble(), p.get(1).asDouble()};
  }
}
