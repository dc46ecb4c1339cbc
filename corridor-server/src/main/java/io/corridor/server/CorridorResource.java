package io.corridor.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.CorridorOutline;
import io.corridor.core.geo.Route;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * {@code POST /v1/corridor}: the outline of a corridor for a map, from {@code {"route": ...,
 * "radius_m": ...}} as {@code /v1/search} takes them. The answer is a GeoJSON FeatureCollection
 * with one feature: a MultiPolygon whose polygons together cover exactly the points within the
 * radius of the route on the sphere (see {@link CorridorOutline}), cut at the antimeridian and
 * closed along a pole's edge where the corridor holds a pole; with {@code bbox} (west greater than
 * east when it crosses the antimeridian), and the radius and route length in its properties.
 */
final class CorridorResource implements Resource {
  private static final String FIELDS = "\"route\" and \"radius_m\"";
  /** Points over all polygons, roughly: long routes get fewer points on each end's half-circle. */
  private static final int POINT_BUDGET = 200_000;
  private static final int MAX_POINTS_PER_HALF_CIRCLE = 24;
  private static final int MIN_POINTS_PER_HALF_CIRCLE = 2;

  @Override
  public void handle(Exchange ex) throws IOException {
    Route route = null;
    Double radius = null;
    try (var t = ex.phase(Phase.PARSE); JsonInput in = JsonInput.object(ex.jsonBody())) {
      for (String field = in.nextField(); field != null; field = in.nextField()) {
        switch (field) {
          case "route" -> route = RouteInput.read(in, ex.settings());
          case "radius_m" -> radius = RouteInput.radius(in.number(), in.pointer(), ex.settings());
          default -> throw in.unknownField(field, FIELDS);
        }
      }
      in.end();
    }
    if (route == null) {
      throw Problem.badRequest("/route", "missing field \"route\"");
    }
    if (radius == null) {
      throw Problem.badRequest("/radius_m", "missing field \"radius_m\"");
    }
    CorridorOutline outline;
    Corridor corridor;
    try (var t = ex.phase(Phase.COVERING)) {
      corridor = FilterResource.corridor(route, radius);
      int perHalf = Math.max(MIN_POINTS_PER_HALF_CIRCLE,
          Math.min(MAX_POINTS_PER_HALF_CIRCLE, POINT_BUDGET / (4 * corridor.arcCount())));
      outline = CorridorOutline.of(corridor, perHalf);
    } catch (InvalidInputException e) {
      throw Problem.unprocessable("/radius_m", e.getMessage());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(128 + 24 * outline.pointCount());
    try (var t = ex.phase(Phase.SERIALIZE); JsonGenerator g = JsonOutput.generator(out)) {
      write(g, outline, corridor);
    }
    ex.sendJson(200, out.toByteArray());
  }

  private static void write(JsonGenerator g, CorridorOutline outline, Corridor corridor) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "FeatureCollection");
    g.writeArrayFieldStart("bbox");
    for (double v : outline.boundingBox()) {
      degrees(g, v);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("features");
    g.writeStartObject();
    g.writeStringField("type", "Feature");
    g.writeStringField("id", "corridor");
    g.writeObjectFieldStart("geometry");
    g.writeStringField("type", "MultiPolygon");
    g.writeArrayFieldStart("coordinates");
    for (int i = 0; i < outline.polygonCount(); i++) {
      double[] ring = outline.ring(i);
      g.writeStartArray();
      g.writeStartArray();
      for (int k = 0; k < ring.length; k += 2) {
        g.writeStartArray();
        degrees(g, ring[k]);
        degrees(g, ring[k + 1]);
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeEndArray();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeObjectFieldStart("properties");
    JsonOutput.metres(g, "radius_m", corridor.radiusMeters());
    JsonOutput.metres(g, "route_length_m", corridor.route().lengthMeters());
    g.writeNumberField("route_vertices", corridor.route().size());
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
  }

  /** Writes degrees to 7 decimals (about a centimetre), enough to draw and compact to send. */
  private static void degrees(JsonGenerator g, double v) throws IOException {
    g.writeNumber(fixed7(Math.round(v * 1e7)));
  }

  /**
   * Returns {@code tenMillionths / 10^7} as plain decimal text without trailing zeros ("-179.5",
   * "10"): a formatter for the hundreds of thousands of coordinates of a long route's outline,
   * where BigDecimal's was most of the time of the answer.
   */
  static String fixed7(long tenMillionths) {
    StringBuilder s = new StringBuilder(16);
    long f = tenMillionths;
    if (f < 0) {
      s.append('-');
      f = -f;
    }
    s.append(f / 10_000_000);
    long fraction = f % 10_000_000;
    if (fraction != 0) {
      int digits = 7;
      while (fraction % 10 == 0) {
        fraction /= 10;
        digits--;
      }
      String text = Long.toString(fraction);
      s.append('.');
      for (int i = text.length(); i < digits; i++) {
        s.append('0');
      }
      s.append(text);
    }
    return s.toString();
  }
}
