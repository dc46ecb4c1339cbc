package io.corridor.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Sphere;
import io.corridor.core.location.LocationSink;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Reads locations from a GeoJSON FeatureCollection with Jackson's streaming parser: one feature at a
 * time, its geometry as a small tree and its properties as a map, so memory holds the locations and
 * never the whole document.
 *
 * <p>A feature's id is its {@code id} member (a string, or a number kept as written), else its
 * {@code id} property. Features that share an id are points of one location, as CSV rows are; the
 * sink groups them and keeps the properties of the first.
 */
final class GeoJsonLocations {
  private final String source;
  private final String idProperty;
  private final LocationSink sink;
  private int feature;
  private int featureLine;

  private GeoJsonLocations(String source, String idProperty, LocationSink sink) {
    this.source = source;
    this.idProperty = idProperty;
    this.sink = sink;
  }

  /**
   * Hands the features of the FeatureCollection in {@code in} to {@code sink} as they are read,
   * stopping at the first fault, taking each id from the property {@code idProperty} when it is
   * not {@code "id"} (the feature's own {@code id} is then ignored).
   */
  static void read(InputStream in, String source, String idProperty, LocationSink sink)
      throws IOException {
    GeoJsonLocations reading = new GeoJsonLocations(source, idProperty, sink);
    try (JsonParser parser = Json.MAPPER.createParser(in)) {
      reading.readCollection(parser);
    } catch (JsonProcessingException e) {
      String where = reading.feature > 0 ? "feature " + reading.feature + ": " : "";
      throw new InvalidInputException(source + ": " + where + Json.describe(e), e);
    }
  }

  private void readCollection(JsonParser p) throws IOException {
    JsonToken first = p.nextToken();
    if (first == null) {
      throw fail("the file is empty: expected a GeoJSON FeatureCollection");
    }
    if (first != JsonToken.START_OBJECT) {
      throw fail("expected a GeoJSON FeatureCollection object, found "
          + describe(first));
    }
    String type = null;
    boolean sawFeatures = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "type" -> {
          type = value == JsonToken.VALUE_STRING ? p.getText() : p.readValueAsTree().toString();
          if (!type.equals("FeatureCollection")) {
            throw fail("the GeoJSON is a " + InvalidInputException.quote(type, 80, false)
                + ", not a FeatureCollection");
          }
        }
        case "features" -> {
          if (value != JsonToken.START_ARRAY) {
            throw fail("\"features\" is not an array");
          }
          sawFeatures = true;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            readFeature(p);
          }
          feature = 0;
        }
        default -> p.skipChildren();
      }
    }
    if (type == null) {
      throw fail("the GeoJSON has no \"type\": expected \"FeatureCollection\"");
    }
    if (!sawFeatures) {
      throw fail("the FeatureCollection has no \"features\" array");
    }
    if (p.nextToken() != null) {
      throw fail("line " + p.currentTokenLocation().getLineNr()
          + ": unexpected content after the FeatureCollection");
    }
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.toString();
    };
  }

  private void readFeature(JsonParser p) throws IOException {
    feature++;
    featureLine = p.currentTokenLocation().getLineNr();
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw failFeature("is not a JSON object");
    }
    String type = null;
    String id = null;
    JsonNode geometry = null;
    Map<String, Object> properties = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "type" -> type = value == JsonToken.VALUE_STRING ? p.getText() : "";
        case "id" -> id = readId(p, value, "the feature id");
        case "geometry" -> geometry = value == JsonToken.VALUE_NULL ? null : p.readValueAsTree();
        case "properties" -> properties = readProperties(p, value);
        default -> p.skipChildren();
      }
    }
    if (!"Feature".equals(type)) {
      throw failFeature(type == null
          ? "has no \"type\": expected \"Feature\""
          : "type is " + InvalidInputException.quote(type) + ", expected \"Feature\"");
    }
    boolean ownId = idProperty.equals("id");
    if (!ownId) {
      id = null;
    }
    if (id == null && properties != null && properties.get(idProperty) != null) {
      Object value = properties.get(idProperty);
      if (!(value instanceof String || value instanceof Number)) {
        throw failFeature("the " + InvalidInputException.quote(idProperty)
            + " property must be a string or a number");
      }
      id = value.toString();
    }
    if (id == null) {
      throw failFeature(ownId
          ? "has no id (neither a feature \"id\" nor an \"id\" property)"
          : "has no " + InvalidInputException.quote(idProperty) + " property");
    }
    if (id.isBlank()) {
      throw failFeature("id is empty");
    }
    try {
      addGeometry(geometry, id, properties);
    } catch (InvalidInputException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // The sink's own limits (such as an index's 65 535 categories), reported at the feature.
      throw new InvalidInputException(where() + ": " + e.getMessage(), e);
    }
  }

  private String readId(JsonParser p, JsonToken value, String what) throws IOException {
    return switch (value) {
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getText();
      case VALUE_NULL -> null;
      default -> throw failFeature(what + " must be a string or a number");
    };
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> readProperties(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.START_OBJECT) {
      throw failFeature("\"properties\" must be an object or null");
    }
    return p.readValueAs(Map.class);
  }

  /** Checks the whole geometry, then hands the location and its points to the sink. */
  private void addGeometry(JsonNode geometry, String id, Map<String, Object> properties) {
    if (geometry == null) {
      throw failFeature("has no geometry");
    }
    if (!geometry.isObject()) {
      throw failFeature("the geometry is not a JSON object");
    }
    JsonNode typeNode = geometry.get("type");
    String type = typeNode == null ? null : typeNode.asText();
    JsonNode coordinates = geometry.get("coordinates");
    if (!"Point".equals(type) && !"MultiPoint".equals(type)) {
      throw failFeature(type == null
          ? "the geometry has no \"type\""
          : "geometry type " + InvalidInputException.quote(type) + " is not Point or MultiPoint");
    }
    if (coordinates == null || !coordinates.isArray()) {
      throw failFeature("the " + type + " has no \"coordinates\" array");
    }
    if (type.equals("Point")) {
      double[] point = position(coordinates, "the Point");
      sink.point(sink.location(id, properties), point[0], point[1]);
      return;
    }
    if (coordinates.isEmpty()) {
      throw failFeature("the MultiPoint has no points");
    }
    double[] lats = new double[coordinates.size()];
    double[] lons = new double[coordinates.size()];
    for (int k = 0; k < coordinates.size(); k++) {
      double[] point = position(coordinates.get(k), "point " + (k + 1) + " of the MultiPoint");
      lats[k] = point[0];
      lons[k] = point[1];
    }
    int location = sink.location(id, properties);
    for (int k = 0; k < lats.length; k++) {
      sink.point(location, lats[k], lons[k]);
    }
  }

  /** Returns the checked {@code [lat, lon]} of a GeoJSON position {@code [lon, lat, ...]}. */
  private double[] position(JsonNode position, String what) {
    if (!position.isArray() || position.size() < 2
        || !position.get(0).isNumber() || !position.get(1).isNumber()) {
      throw failFeature(what + " must have at least two numbers [lon, lat], found "
          + GeoJsonRoutes.abbreviate(position));
    }
    double lon = position.get(0).doubleValue();
    double lat = position.get(1).doubleValue();
    if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
      Sphere.checkLatLon(where() + (what.startsWith("point") ? ": " + what : ""), lat, lon);
    }
    return new double[] {lat, lon};
  }

  private String where() {
    return source + ": feature " + feature + " (line " + featureLine + ")";
  }

  private InvalidInputException failFeature(String what) {
    return new InvalidInputException(where() + ": " + what);
  }

  private InvalidInputException fail(String what) {
    return new InvalidInputException(source + ": " + what);
  }
}
