package io.corridor.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Route;

/** Turns a GeoJSON tree into a route, naming the member at fault when it is not one. */
final class GeoJsonRoutes {
  private GeoJsonRoutes() {}

  /** Returns the route of a LineString or Point, bare, in a Feature, or in a one-feature collection. */
  static Route fromNode(JsonNode node) {
    String type = typeOf(node, "the GeoJSON");
    switch (type) {
      case "FeatureCollection" -> {
        JsonNode features = node.get("features");
        if (features == null || !features.isArray()) {
          throw new InvalidInputException("the FeatureCollection has no \"features\" array");
        }
        if (features.size() != 1) {
          throw new InvalidInputException(
              "a route FeatureCollection must hold exactly one feature, this one holds "
                  + features.size());
        }
        try {
          return fromFeature(features.get(0));
        } catch (InvalidInputException e) {
          throw e.at("feature 1");
        }
      }
      case "Feature" -> {
        return fromFeature(node);
      }
      default -> {
        return fromGeometry(node, type);
      }
    }
  }

  private static Route fromFeature(JsonNode feature) {
    String type = typeOf(feature, "the feature");
    if (!type.equals("Feature")) {
      throw new InvalidInputException(
          "type is " + InvalidInputException.quote(type) + ", expected \"Feature\"");
    }
    JsonNode geometry = feature.get("geometry");
    if (geometry == null || geometry.isNull()) {
      throw new InvalidInputException("the feature has no geometry");
    }
    return fromGeometry(geometry, typeOf(geometry, "the geometry"));
  }

  private static Route fromGeometry(JsonNode geometry, String type) {
    JsonNode coordinates = geometry.get("coordinates");
    switch (type) {
      case "LineString" -> {
        if (coordinates == null || !coordinates.isArray()) {
          throw new InvalidInputException("the LineString has no \"coordinates\" array");
        }
        int n = coordinates.size();
        double[] lat = new double[n];
        double[] lon = new double[n];
        for (int i = 0; i < n; i++) {
          position(coordinates.get(i), i, lat, lon);
        }
        return Route.of(lat, lon);
      }
      case "Point" -> {
        if (coordinates == null || !coordinates.isArray()) {
          throw new InvalidInputException("the Point has no \"coordinates\" array");
        }
        double[] lat = new double[1];
        double[] lon = new double[1];
        position(coordinates, 0, lat, lon);
        return Route.of(lat, lon);
      }
      default -> throw new InvalidInputException(
          "geometry type " + InvalidInputException.quote(type)
              + " is not a route: expected a LineString or a Point");
    }
  }

  private static void position(JsonNode p, int i, double[] lat, double[] lon) {
    if (p == null || !p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
      throw new InvalidInputException(
          "route vertex " + (i + 1) + ": a position must be an array of at least two numbers"
              + " [lon, lat], found " + abbreviate(p));
    }
    lon[i] = p.get(0).doubleValue();
    lat[i] = p.get(1).doubleValue();
  }

  private static String typeOf(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw new InvalidInputException(
          what + " is not a JSON object, found " + abbreviate(node));
    }
    JsonNode type = node.get("type");
    if (type == null || !type.isTextual()) {
      throw new InvalidInputException(what + " has no \"type\" member");
    }
    return type.textValue();
  }

  /** Returns a short rendering of a JSON value for an error message. */
  static String abbreviate(JsonNode node) {
    if (node == null) {
      return "nothing";
    }
    String s = node.toString();
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
