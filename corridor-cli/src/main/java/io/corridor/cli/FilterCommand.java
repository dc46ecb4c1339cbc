package io.corridor.cli;

import io.corridor.core.InvalidInputException;
import io.corridor.core.filter.CorridorFilter;
import io.corridor.core.filter.FastFilter;
import io.corridor.core.filter.Match;
import io.corridor.core.filter.Strategy;
import io.corridor.core.geo.Corridor;
import io.corridor.core.location.LocationSet;
import io.corridor.formats.LocationReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

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
  @Mixin CorridorOptions corridorOptions;

  @Option(names = "--locations", order = 3, required = true, paramLabel = "FILE",
      description = "Locations: CSV with id,lat,lon columns, or a GeoJSON FeatureCollection of Point/MultiPoint features; - for standard input.")
  Path locations;

  @Mixin OutputOptions outputOptions;

  @Option(names = "--strategy", order = 20, defaultValue = "fast", paramLabel = "baseline|pre_bbox|fast",
      converter = StrategyConverter.class,
      description = "Filter implementation (default: ${DEFAULT-VALUE}); all give the same answer.")
  Strategy strategy;

  @Option(names = "--threads", order = 21, paramLabel = "N",
      description = "Cores for the fast strategy, 1 to " + MAX_THREADS + " (default: all).")
  Integer threads;

  @ParentCommand CorridorCommand parent;

  /** The most threads --threads takes: far more than any machine's cores, far below the JDK's limit. */
  static final int MAX_THREADS = 1024;

  @Override
  public Integer call() throws Exception {
    CorridorFilter filter = filter();
    corridorOptions.checkStdin(locations, "--locations");
    outputOptions.check(corridorOptions.route, locations);
    Corridor corridor = corridorOptions.corridor();
    LocationSet set = LocationReader.read(locations);
    List<Match> matches = filter.filter(corridor, set);
    outputOptions.write(parent.out(), set, matches);
    return 0;
  }

  private CorridorFilter filter() {
    if (strategy != Strategy.FAST || threads == null) {
      return strategy.filter();
    }
    if (threads < 1 || threads > MAX_THREADS) {
      throw new InvalidInputException("--threads: " + threads + " is outside [1, " + MAX_THREADS + "]");
    }
    return threads == 1 ? FastFilter.singleThreaded()
        : FastFilter.parallel(new java.util.concurrent.ForkJoinPool(threads));
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
