package io.corridor.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Route;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads a route from a GeoJSON, GPX or encoded-polyline file, telling the format from the content,
 * so that the command line and the server accept a route however a user saved it.
 *
 * <p>Every refusal is an {@link InvalidInputException} whose message starts with the file (or
 * source) name, then the place at fault (line, vertex, character) and what is wrong.
 */
public final class RouteReader {
  /** The largest route file read, in bytes: some two million vertices of GeoJSON. */
  public static final int MAX_BYTES = 64 << 20;

  private RouteReader() {}

  /**
   * Returns the route in {@code file} ({@code -} for standard input, read once), decoding a
   * polyline at {@code polylinePrecision} digits.
   *
   * @throws InvalidInputException if the file is missing, unreadable or not a valid route
   */
  public static Route read(Path file, int polylinePrecision) {
    byte[] content = SourceFiles.readAll(file, MAX_BYTES);
    return parse(content, SourceFiles.name(file), polylinePrecision);
  }

  /**
   * Returns the route held in {@code content} (as a file or request body would hold it), naming
   * {@code sourceName} in error messages.
   */
  public static Route parse(String content, String sourceName, int polylinePrecision) {
    return parse(content.getBytes(StandardCharsets.UTF_8), sourceName, polylinePrecision);
  }

  /**
   * Returns the route held in {@code content}, raw bytes in the file's own encoding, naming
   * {@code sourceName} in error messages.
   */
  public static Route parse(byte[] content, String sourceName, int polylinePrecision) {
    try {
      if (SourceFiles.contentStart(content, content.length) == content.length) {
        throw new InvalidInputException("is empty: expected a route (GeoJSON, GPX or an encoded"
            + " polyline)");
      }
      return switch (RouteFormat.detect(content, sourceName)) {
        case GEOJSON -> parseGeoJson(content);
        case GPX -> GpxRoutes.parse(content);
        case POLYLINE -> PolylineCodec.decode(polylineText(content), polylinePrecision);
      };
    } catch (InvalidInputException e) {
      throw e.at(sourceName);
    }
  }

  /**
   * Returns the route of an already-parsed GeoJSON value: a LineString or Point geometry, a
   * Feature holding one, or a FeatureCollection of exactly one such Feature.
   *
   * @throws InvalidInputException naming the vertex or member at fault, without a source name
   */
  public static Route fromGeoJson(JsonNode geoJson) {
    return GeoJsonRoutes.fromNode(geoJson);
  }

  private static String polylineText(byte[] content) {
    int start = SourceFiles.contentStart(content, content.length);
    int end = SourceFiles.contentEnd(content, start, content.length);
    return new String(content, start, end - start, StandardCharsets.UTF_8);
  }

  private static Route parseGeoJson(byte[] content) {
    JsonNode root;
    try {
      root = Json.DOCUMENT.readTree(content);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(Json.describe(e), e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot be read: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidInputException("holds no JSON value");
    }
    return GeoJsonRoutes.fromNode(root);
  }
}
