package io.corridor.formats;

import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Route;
import java.nio.file.Path;

/**
 * Reads a route from a file, a string or bytes, telling GeoJSON, GPX and encoded polylines apart
 * by their content: the one way in for a route however a user or a routing engine saved it.
 *
 * <ul>
 *   <li>GeoJSON: a {@code LineString} or {@code Point} geometry, a {@code Feature} holding one, or
 *       a {@code FeatureCollection} whose single feature holds one;
 *   <li>GPX: the points of its first {@code trk} (all segments in order), else its first
 *       {@code rte};
 *   <li>an encoded polyline (the Google polyline algorithm), the whole content, at the precision
 *       {@link RouteOptions#polylinePrecision()} says.
 * </ul>
 *
 * <p>A caller that parses its own JSON (a server streaming a request body, say) builds the route
 * from its coordinates with {@link Route#of(double[], double[])}, or decodes a polyline with
 * {@link PolylineCodec#decode(String, int)}.
 *
 * <p>Stateless: safe to call from many threads at once.
 */
public final class Routes {
  /** The largest route file {@link #read(Path)} reads, in bytes: some two million vertices of GeoJSON. */
  public static final int MAX_BYTES = RouteReader.MAX_BYTES;

  private Routes() {}

  /**
   * Returns the route in {@code file}, with the default options (polylines at precision 5).
   *
   * @throws InvalidInputException naming the file and the place at fault if the file is missing,
   *     unreadable or not a valid route
   */
  public static Route read(Path file) {
    return read(file, RouteOptions.defaults());
  }

  /**
   * Returns the route in {@code file}; error messages name the file.
   *
   * @throws InvalidInputException naming the file and the place at fault if the file is missing,
   *     unreadable or not a valid route
   */
  public static Route read(Path file, RouteOptions options) {
    return RouteReader.read(file, options.polylinePrecision());
  }

  /**
   * Returns the route held in {@code content}, with the default options.
   *
   * @throws InvalidInputException naming the place at fault if the content is not a valid route
   */
  public static Route parse(String content) {
    return parse(content, RouteOptions.defaults());
  }

  /**
   * Returns the route held in {@code content} (as a file or a request body would hold it).
   *
   * @throws InvalidInputException starting with {@link RouteOptions#sourceName()}, then the place
   *     at fault, if the content is not a valid route
   */
  public static Route parse(String content, RouteOptions options) {
    return RouteReader.parse(content, options.sourceName(), options.polylinePrecision());
  }

  /**
   * Returns the route held in {@code content}, raw bytes in their own encoding (UTF-8, or the
   * encoding a GPX document declares), with the default options.
   *
   * @throws InvalidInputException naming the place at fault if the content is not a valid route
   */
  public static Route parse(byte[] content) {
    return parse(content, RouteOptions.defaults());
  }

  /**
   * Returns the route held in {@code content}, raw bytes in their own encoding.
   *
   * @throws InvalidInputException starting with {@link RouteOptions#sourceName()}, then the place
   *     at fault, if the content is not a valid route
   */
  public static Route parse(byte[] content, RouteOptions options) {
    return RouteReader.parse(content, options.sourceName(), options.polylinePrecision());
  }
}
