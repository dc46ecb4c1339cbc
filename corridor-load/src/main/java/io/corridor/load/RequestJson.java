package io.corridor.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.corridor.core.geo.Route;
import io.corridor.formats.PolylineCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Writes request bodies of the HTTP API. Numbers are written with a fixed number of decimals (7
 * for degrees, about a centimetre) through {@link BigDecimal}, never through {@code
 * Double.toString}, whose shortest form changed between JDK 17 and 19: a pool is the same bytes on
 * every JDK for the same seed.
 */
final class RequestJson {
  /** The polyline precision used by pools: 5 decimals, as routing engines send by default. */
  static final int POLYLINE_PRECISION = 5;

  private static final JsonFactory FACTORY = new JsonFactory();

  private RequestJson() {}

  /** Writes a body with {@code writer} and returns its bytes. */
  static byte[] body(BodyWriter writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      writer.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes the field {@code route}: a GeoJSON LineString, or an encoded polyline object. */
  static void route(JsonGenerator g, Route route, boolean asPolyline) throws IOException {
    g.writeFieldName("route");
    g.writeStartObject();
    if (asPolyline) {
      g.writeStringField("polyline", PolylineCodec.encode(route, POLYLINE_PRECISION));
      g.writeNumberField("precision", POLYLINE_PRECISION);
    } else {
      g.writeStringField("type", "LineString");
      g.writeFieldName("coordinates");
      g.writeStartArray();
      for (int i = 0; i < route.size(); i++) {
        position(g, route.lonDegrees(i), route.latDegrees(i));
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /** Writes {@code [lon, lat]} with 7 decimals. */
  static void position(JsonGenerator g, double lonDegrees, double latDegrees) throws IOException {
    g.writeStartArray();
    g.writeNumber(decimal(lonDegrees, 7));
    g.writeNumber(decimal(latDegrees, 7));
    g.writeEndArray();
  }

  /** Returns {@code value} rounded half-even to {@code decimals} places, as plain text. */
  static String decimal(double value, int decimals) {
    return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
  }

  /** Writes one body onto a generator. */
  @FunctionalInterface
  interface BodyWriter {
    void write(JsonGenerator g) throws IOException;
  }
}
