package io.corridor.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;

/** Writes answers as JSON in memory, distances in metres with three decimals as the command line prints them. */
final class JsonOutput {
  /** A mapper over the reading factory, so that generators can write property values of any JSON type. */
  private static final ObjectMapper MAPPER = new ObjectMapper(JsonInput.FACTORY);

  private JsonOutput() {}

  /** Returns a generator that writes into {@code out}. */
  static JsonGenerator generator(ByteArrayOutputStream out) {
    try {
      return MAPPER.createGenerator(out);
    } catch (IOException e) {
      throw new IllegalStateException("a generator on a byte array cannot fail", e);
    }
  }

  /** Writes a field of metres rounded to millimetres, as {@code 12.345}. */
  static void metres(JsonGenerator g, String field, double meters) throws IOException {
    g.writeFieldName(field);
    g.writeNumber(BigDecimal.valueOf(Math.round(meters * 1000), 3));
  }

  /** Writes {@code hits} as the answer of the filter: {@code {"matches": [{"id", "distance_m", "offset_m"}, ...]}}. */
  static void filterMatches(JsonGenerator g, java.util.List<Hit> hits) throws IOException {
    g.writeStartObject();
    g.writeArrayFieldStart("matches");
    for (Hit h : hits) {
      g.writeStartObject();
      g.writeStringField("id", h.id());
      metres(g, "distance_m", h.distanceMeters());
      metres(g, "offset_m", h.offsetMeters());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("count", hits.size());
    g.writeEndObject();
  }

  /**
   * Writes {@code hits} as GeoJSON features: the id, the point(s), and in the properties the
   * location's properties, name and category, then {@code distance_m} and {@code offset_m} (left
   * out for the hits of a bounding-box answer, which have none).
   */
  static void features(JsonGenerator g, java.util.List<Hit> hits) throws IOException {
    g.writeArrayFieldStart("features");
    for (Hit h : hits) {
      g.writeStartObject();
      g.writeStringField("type", "Feature");
      g.writeStringField("id", h.id());
      g.writeObjectFieldStart("geometry");
      boolean single = h.lats().length == 1;
      g.writeStringField("type", single ? "Point" : "MultiPoint");
      g.writeFieldName("coordinates");
      if (!single) {
        g.writeStartArray();
      }
      for (int k = 0; k < h.lats().length; k++) {
        g.writeStartArray();
        g.writeNumber(h.lons()[k]);
        g.writeNumber(h.lats()[k]);
        g.writeEndArray();
      }
      if (!single) {
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeObjectFieldStart("properties");
      for (var e : h.properties().entrySet()) {
        if (!e.getKey().equals("distance_m") && !e.getKey().equals("offset_m")) {
          g.writeFieldName(e.getKey());
          g.writeObject(e.getValue());
        }
      }
      if (h.name() != null && !h.properties().containsKey("name")) {
        g.writeStringField("name", h.name());
      }
      if (h.category() != null && !h.properties().containsKey("category")) {
        g.writeStringField("category", h.category());
      }
      if (!Double.isNaN(h.distanceMeters())) {
        metres(g, "distance_m", h.distanceMeters());
        metres(g, "offset_m", h.offsetMeters());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
