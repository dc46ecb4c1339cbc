package io.corridor.cli;

import io.corridor.core.InvalidInputException;
import io.corridor.core.filter.Match;
import io.corridor.core.geo.Corridor;
import io.corridor.index.IndexLocations;
import io.corridor.index.IndexMatch;
import io.corridor.index.InvalidSnapshotException;
import io.corridor.index.LocationIndex;
import io.corridor.index.SearchOptions;
import io.corridor.index.Snapshot;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
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
  @Option(names = "--index", required = true, paramLabel = "INDEX_FILE", order = 0,
      description = "Snapshot written by corridor import.")
  Path index;

  @Mixin CorridorOptions corridorOptions;

  @Mixin OutputOptions outputOptions;

  @ParentCommand CorridorCommand parent;

  @Option(names = "--limit", order = 20, defaultValue = "0", paramLabel = "N",
      description = "At most N matches, the first in --sort order (default: 0, no limit).")
  int limit;

  @Option(names = "--categories", order = 21, paramLabel = "a,b",
      description = "Keep only locations of these categories (comma-separated).")
  String categories;

  @Option(names = "--sort", order = 22, defaultValue = "offset", paramLabel = "offset|distance",
      converter = SortConverter.class,
      description = "Order: by offset along the route, or by distance from it; ties by id (default: ${DEFAULT-VALUE}).")
  SearchOptions.Sort sort;

  @Override
  public Integer call() throws Exception {
    if (limit < 0) {
      throw new InvalidInputException("--limit: " + limit + " must be 0 (no limit) or more");
    }
    outputOptions.check(corridorOptions.route, index);
    Corridor corridor = corridorOptions.corridor();
    LocationIndex locations = open(index);
    List<IndexMatch> found = locations.search(corridor,
        SearchOptions.builder().categories(categorySet()).limit(limit).sort(sort).build());
    List<Match> matches = new ArrayList<>(found.size());
    for (IndexMatch m : found) {
      matches.add(new Match(m.location(), m.distanceMeters(), m.offsetMeters()));
    }
    IndexLocations source = IndexLocations.of(locations);
    outputOptions.write(parent.out(), source, matches);
    return 0;
  }

  private static LocationIndex open(Path file) {
    if (file.toString().isEmpty()) {
      throw new InvalidInputException("--index: the file name is empty");
    }
    if (Files.isDirectory(file)) {
      throw new InvalidInputException("--index: " + file + ": is a directory, not an index file");
    }
    try {
      return Snapshot.open(file);
    } catch (InvalidSnapshotException e) {
      throw new InvalidInputException(e.getMessage(), e);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("--index: " + file + ": no such index file", e);
    } catch (AccessDeniedException e) {
      throw new InvalidInputException("--index: " + file + ": cannot be read (permission denied)", e);
    } catch (IOException | UnsupportedOperationException e) {
      throw new InvalidInputException("--index: " + file + ": cannot be read as an index ("
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
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
