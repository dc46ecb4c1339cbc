package io.corridor.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Route;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a route from a GeoJSON, GPX or encoded-polyline file, telling the format from the content,
 * so that the command line and the server accept a route however a user saved it.
 *
 * <p>Every refusal is an {@link InvalidInputException} whose message starts with the file (or
 * source) name, then the place at fault (line, vertex, character) and what is wrong.
 */
public final class RouteReader {
  private RouteReader() {}

  /**
   * Returns the route in {@code file}, decoding a polyline at {@code polylinePrecision} digits.
   *
   * @throws InvalidInputException if the file is missing, unreadable or not a valid route
   */
  public static Route read(Path file, int polylinePrecision) {
    SourceFiles.checkReadable(file);
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw SourceFiles.unreadable(file, e);
    }
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
    String text = new String(content, StandardCharsets.UTF_8);
    return (text.startsWith("\uFEFF") ? text.substring(1) : text).strip();
  }

  private static Route parseGeoJson(byte[] content) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(content);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(Json.describe(e), e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot be read: " + e.getMessage(), e);
    }
    return GeoJsonRoutes.fromNode(root);
  }
}
