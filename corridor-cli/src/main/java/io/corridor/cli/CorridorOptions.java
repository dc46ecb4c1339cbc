package io.corridor.cli;

import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.formats.RouteReader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The corridor of a request, as {@code filter} and {@code search} take it: a route file, a radius
 * and the precision of an encoded-polyline route; one place to read and check them.
 */
final class CorridorOptions {
  @Option(names = "--route", required = true, paramLabel = "FILE", order = 1,
      description = "Route: GeoJSON (LineString/Point, Feature or single-feature FeatureCollection), GPX, or an encoded polyline.")
  Path route;

  @Option(names = "--radius", required = true, paramLabel = "METRES", order = 2,
      description = "Corridor radius in metres, greater than 0.")
  double radiusMeters;

  @Option(names = "--polyline-precision", defaultValue = "5", paramLabel = "5|6", order = 90,
      description = "Precision of an encoded-polyline route (default: ${DEFAULT-VALUE}).")
  int polylinePrecision;

  /**
   * Returns the corridor of the route file and radius.
   *
   * @throws InvalidInputException naming the option or the route file and place at fault
   */
  Corridor corridor() {
    if (polylinePrecision != 5 && polylinePrecision != 6) {
      throw new InvalidInputException(
          "--polyline-precision: " + polylinePrecision + " is not 5 or 6");
    }
    Route r = RouteReader.read(route, polylinePrecision);
    try {
      return Corridor.of(r, radiusMeters);
    } catch (InvalidInputException e) {
      throw e.at("--radius");
    }
  }
}
