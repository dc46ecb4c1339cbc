package io.corridor.cli;

import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.formats.RouteReader;
import java.nio.file.Path;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The corridor of a request, as {@code filter} and {@code search} take it: a route file, a radius
 * and the precision of an encoded-polyline route; one place to read and check them.
 */
final class CorridorOptions {
  @Option(names = "--route", required = true, paramLabel = "FILE", order = 1,
      description = "Route: GeoJSON (LineString/Point, Feature or single-feature FeatureCollection), GPX, or an encoded polyline; - for standard input.")
  Path route;

  @Option(names = "--radius", required = true, paramLabel = "METRES", order = 2,
      converter = DecimalConverter.class,
      description = "Corridor radius in metres, greater than 0.")
  double radiusMeters;

  @Option(names = "--polyline-precision", defaultValue = "5", paramLabel = "5|6", order = 90,
      description = "Precision of an encoded-polyline route (default: ${DEFAULT-VALUE}).")
  int polylinePrecision;

  /**
   * Refuses {@code -} (standard input) for both the route and {@code other}, given as
   * {@code option}: standard input can be read only once.
   */
  void checkStdin(Path other, String option) {
    if (route.toString().equals("-") && other != null && other.toString().equals("-")) {
      throw new InvalidInputException("--route and " + option + " cannot both be - (standard"
          + " input, which can be read only once)");
    }
  }

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

  /**
   * Used by picocli for decimal options: plain decimal notation only, since Java's own syntax also
   * takes hexadecimal ({@code 0x1p5}), {@code NaN}, {@code Infinity} and suffixes ({@code 2d}).
   */
  static final class DecimalConverter implements ITypeConverter<Double> {
    private static final Pattern DECIMAL =
        Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    @Override
    public Double convert(String value) {
      if (!DECIMAL.matcher(value.strip()).matches()) {
        throw new TypeConversionException(InvalidInputException.quote(value)
            + " is not a decimal number");
      }
      return Double.parseDouble(value.strip());
    }
  }
}
