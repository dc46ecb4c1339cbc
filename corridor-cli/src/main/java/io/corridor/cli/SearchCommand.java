package io.corridor.cli;

import io.corridor.core.InvalidInputException;
import io.corridor.core.filter.Match;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.io.MatchWriter;
import io.corridor.core.io.OutputFormat;
import io.corridor.core.io.RouteReader;
import io.corridor.index.IndexLocations;
import io.corridor.index.IndexMatch;
import io.corridor.index.InvalidSnapshotException;
import io.corridor.index.LocationIndex;
import io.corridor.index.SearchOptions;
import io.corridor.index.Snapshot;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code corridor search}: opens an index snapshot and writes the locations within the corridor of
 * a route, the same answers and bytes as {@code corridor filter} over the same locations, with
 * optional category, limit and order.
 */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = "Search an index snapshot for the locations within --radius metres of the route.",
    sortOptions = false)
final class SearchCommand implements Callable<Integer> {
  @Option(names = "--index", required = true, paramLabel = "INDEX_FILE",
      description = "Snapshot written by corridor import.")
  Path index;

  @Option(names = "--route", required = true, paramLabel = "FILE",
      description = "Route: GeoJSON (LineString/Point, Feature or single-feature FeatureCollection), GPX, or an encoded polyline.")
  Path route;

  @Option(names = "--radius", required = true, paramLabel = "METRES",
      description = "Corridor radius in metres, greater than 0.")
  double radiusMeters;

  @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|geojson|jsonl",
      converter = FilterCommand.OutputFormatConverter.class,
      description = "Output format (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
      description = "At most N matches, the first in --sort order (default: 0, no limit).")
  int limit;

  @Option(names = "--categories", paramLabel = "a,b",
      description = "Keep only locations of these categories (comma-separated).")
  String categories;

  @Option(names = "--sort", defaultValue = "offset", paramLabel = "offset|distance",
      converter = SortConverter.class,
      description = "Order: by offset along the route, or by distance from it; ties by id (default: ${DEFAULT-VALUE}).")
  SearchOptions.Sort sort;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Write here (atomically) instead of standard output.")
  Path output;

  @Option(names = "--polyline-precision", defaultValue = "5", paramLabel = "5|6",
      description = "Precision of an encoded-polyline route (default: ${DEFAULT-VALUE}).")
  int polylinePrecision;

  @Override
  public Integer call() throws Exception {
    if (polylinePrecision != 5 && polylinePrecision != 6) {
      throw new InvalidInputException(
          "--polyline-precision: " + polylinePrecision + " is not 5 or 6");
    }
    if (limit < 0) {
      throw new InvalidInputException("--limit: " + limit + " must be 0 (no limit) or more");
    }
    Route r = RouteReader.read(route, polylinePrecision);
    Corridor corridor;
    try {
      corridor = Corridor.of(r, radiusMeters);
    } catch (InvalidInputException e) {
      throw e.at("--radius");
    }
    LocationIndex locations = open(index);
    List<IndexMatch> found = locations.search(corridor,
        new SearchOptions(categorySet(), limit, sort));
    List<Match> matches = new ArrayList<>(found.size());
    for (IndexMatch m : found) {
      matches.add(new Match(m.location(), m.distanceMeters(), m.offsetMeters()));
    }
    IndexLocations source = IndexLocations.of(locations);
    if (output == null) {
      OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
      MatchWriter.write(format, source, matches, out);
      out.flush();
    } else {
      MatchWriter.writeFile(format, source, matches, output);
    }
    return 0;
  }

  private static LocationIndex open(Path file) throws IOException {
    try {
      return Snapshot.open(file);
    } catch (InvalidSnapshotException e) {
      throw new InvalidInputException(e.getMessage(), e);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such index file", e);
    }
  }

  private Set<String> categorySet() {
    if (categories == null) {
      return Set.of();
    }
    Set<String> set = new LinkedHashSet<>();
    for (String c : categories.split(",")) {
      if (!c.isBlank()) {
        set.add(c.strip());
      }
    }
    return set;
  }

  /** Used by picocli for --sort: accepts offset and distance in any case. */
  static final class SortConverter implements picocli.CommandLine.ITypeConverter<SearchOptions.Sort> {
    @Override
    public SearchOptions.Sort convert(String value) {
      try {
        return SearchOptions.Sort.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("unknown sort \"" + value + "\": expected one of "
            + Arrays.stream(SearchOptions.Sort.values())
                .map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
      }
    }
  }
}
