package io.corridor.cli;

import io.corridor.core.InvalidInputException;
import io.corridor.core.filter.CorridorFilter;
import io.corridor.core.filter.FastFilter;
import io.corridor.core.filter.Match;
import io.corridor.core.filter.Strategy;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.io.LocationReader;
import io.corridor.core.io.MatchWriter;
import io.corridor.core.io.OutputFormat;
import io.corridor.core.io.RouteReader;
import io.corridor.core.location.LocationSet;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Option;

/**
 * {@code corridor filter}: reads a route and a set of locations, keeps those inside the corridor
 * and writes them sorted by offset along the route, then id. The output file, if any, appears only
 * once complete.
 */
@Command(
    name = "filter",
    mixinStandardHelpOptions = true,
    description = "Keep the locations within --radius metres of the route.",
    sortOptions = false)
final class FilterCommand implements Callable<Integer> {
  @Option(names = "--route", required = true, paramLabel = "FILE",
      description = "Route: GeoJSON (LineString/Point, Feature or single-feature FeatureCollection), GPX, or an encoded polyline.")
  Path route;

  @Option(names = "--radius", required = true, paramLabel = "METRES",
      description = "Corridor radius in metres, greater than 0.")
  double radiusMeters;

  @Option(names = "--locations", required = true, paramLabel = "FILE",
      description = "Locations: CSV with id,lat,lon columns, or a GeoJSON FeatureCollection of Point/MultiPoint features.")
  Path locations;

  @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|geojson|jsonl",
      converter = OutputFormatConverter.class,
      description = "Output format (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Write here (atomically) instead of standard output.")
  Path output;

  @Option(names = "--strategy", defaultValue = "fast", paramLabel = "baseline|pre_bbox|fast",
      converter = StrategyConverter.class,
      description = "Filter implementation (default: ${DEFAULT-VALUE}); all give the same answer.")
  Strategy strategy;

  @Option(names = "--polyline-precision", defaultValue = "5", paramLabel = "5|6",
      description = "Precision of an encoded-polyline route (default: ${DEFAULT-VALUE}).")
  int polylinePrecision;

  @Option(names = "--threads", paramLabel = "N",
      description = "Cores for the fast strategy (default: all).")
  Integer threads;

  @Override
  public Integer call() throws Exception {
    if (polylinePrecision != 5 && polylinePrecision != 6) {
      throw new InvalidInputException(
          "--polyline-precision: " + polylinePrecision + " is not 5 or 6");
    }
    Route r = RouteReader.read(route, polylinePrecision);
    Corridor corridor;
    try {
      corridor = Corridor.of(r, radiusMeters);
    } catch (InvalidInputException e) {
      throw e.at("--radius");
    }
    LocationSet set = LocationReader.read(locations);
    List<Match> matches = filter().filter(corridor, set);
    if (output == null) {
      OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
      MatchWriter.write(format, set, matches, out);
      out.flush();
    } else {
      MatchWriter.writeFile(format, set, matches, output);
    }
    return 0;
  }

  private CorridorFilter filter() {
    if (strategy != Strategy.FAST || threads == null) {
      return strategy.filter();
    }
    if (threads < 1) {
      throw new InvalidInputException("--threads: " + threads + " must be at least 1");
    }
    return threads == 1 ? FastFilter.singleThreaded()
        : FastFilter.parallel(new java.util.concurrent.ForkJoinPool(threads));
  }

  /** Used by picocli for --format: accepts csv, geojson and jsonl in any case. */
  static final class OutputFormatConverter implements picocli.CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      try {
        return OutputFormat.fromCliName(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Used by picocli for --strategy: accepts baseline, pre_bbox and fast in any case. */
  static final class StrategyConverter implements picocli.CommandLine.ITypeConverter<Strategy> {
    @Override
    public Strategy convert(String value) {
      try {
        return Strategy.fromName(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
