package io.corridor.bench.search;

import io.corridor.bench.scenario.SearchRoutes;
import io.corridor.core.filter.FastFilter;
import io.corridor.core.filter.Match;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.location.LocationSet;
import io.corridor.index.InvalidSnapshotException;
import io.corridor.index.LocationIndex;
import io.corridor.index.SearchOptions;
import io.corridor.index.Snapshot;
import io.corridor.synthetic.Region;
import io.corridor.synthetic.SyntheticLocations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The data of the search benchmarks: the synthetic locations (seed 1, the European region), their
 * index as a memory-mapped snapshot, and the checks of the index search against {@link FastFilter}.
 */
public final class SearchData {
  /** The number of matches of the limited query class. */
  public static final int LIMIT = 100;

  private SearchData() {}

  /** Returns the first {@code count} synthetic locations of seed 1, as {@code corridor generate} writes them. */
  public static LocationSet locations(int count) {
    long start = System.nanoTime();
    LocationSet set = SyntheticLocations.create(SearchRoutes.SEED, Region.EUROPE).locationSet(count);
    System.out.printf("%ngenerated %d locations in %.1f s%n", count, seconds(start));
    return set;
  }

  /**
   * Returns the index of {@code locations} mapped from the benchmarks' directory
   * ({@code -Dcorridor.bench.dir}, default {@code java.io.tmpdir/corridor-search-bench}), as
   * {@link #mappedIndex(LocationSet, Path)} does.
   */
  public static LocationIndex benchIndex(LocationSet locations) throws IOException {
    Path dir = Path.of(System.getProperty("corridor.bench.dir",
        Path.of(System.getProperty("java.io.tmpdir"), "corridor-search-bench").toString()));
    return mappedIndex(locations, dir);
  }

  /**
   * Returns the index of {@code locations} opened by memory mapping a snapshot in {@code dir}: the
   * snapshot is built and written on first use (timed, with the heap it took) and reused after, so
   * that every JMH fork serves the same mapped file without rebuilding it. A snapshot that the
   * index refuses (of an older format version, or damaged) is rebuilt.
   */
  public static LocationIndex mappedIndex(LocationSet locations, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("synthetic-seed" + SearchRoutes.SEED + "-" + locations.size() + ".snapshot");
    if (Files.exists(file)) {
      try (LocationIndex valid = LocationIndex.open(file)) {
        valid.size();
      } catch (InvalidSnapshotException e) {
        System.out.printf("rebuilding: %s%n", e.getMessage());
        Files.delete(file);
      }
    }
    if (!Files.exists(file)) {
      Runtime rt = Runtime.getRuntime();
      System.gc();
      long heapBefore = rt.totalMemory() - rt.freeMemory();
      long start = System.nanoTime();
      LocationIndex built = LocationIndex.of(locations);
      double buildSeconds = seconds(start);
      System.gc();
      long heapIndex = rt.totalMemory() - rt.freeMemory() - heapBefore;
      Path tmp = Files.createTempFile(dir, "building-", ".snapshot");
      long writeStart = System.nanoTime();
      Snapshot.write(built, tmp);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      System.out.printf("built the index of %d locations in %.1f s (heap of the built index %.0f MB,"
              + " %.1f bytes/location; %d bytes of sections), wrote %s (%.0f MB) in %.1f s%n",
          locations.size(), buildSeconds, heapIndex / 1e6, (double) heapIndex / locations.size(),
          built.sizeBytes(), file, Files.size(file) / 1e6, seconds(writeStart));
    }
    long start = System.nanoTime();
    LocationIndex index = LocationIndex.open(file);
    System.out.printf("opened %s in %.2f s%n", file, seconds(start));
    if (index.size() != locations.size()) {
      throw new IllegalStateException(file + " holds " + index.size() + " locations, not "
          + locations.size() + ": delete it");
    }
    return index;
  }

  /** Returns the options of a query class: {@code all}, or {@code limit100} sorted by offset. */
  public static SearchOptions options(String query) {
    return switch (query) {
      case "all" -> SearchOptions.all();
      case "limit100" -> SearchOptions.builder().limit(LIMIT).build();
      default -> throw new IllegalArgumentException("unknown query " + query + " (all, limit100)");
    };
  }

  /** Returns the ids of an index search, in its order. */
  public static List<String> ids(List<Match> matches) {
    List<String> ids = new ArrayList<>(matches.size());
    for (Match m : matches) {
      ids.add(m.id());
    }
    return ids;
  }

  /**
   * Returns the ids that {@link FastFilter} finds within {@code radius} of {@code route}, by offset
   * then id, cut to {@code limit} if positive: what the index search must answer.
   */
  public static List<String> referenceIds(Route route, double radius, LocationSet locations, int limit) {
    List<Match> matches = new ArrayList<>(FastFilter.parallel().filter(Corridor.of(route, radius), locations));
    matches.sort(Comparator.comparingDouble(Match::offsetMeters)
        .thenComparing(m -> locations.id(m.location())));
    List<String> ids = new ArrayList<>();
    for (Match m : matches) {
      if (limit > 0 && ids.size() == limit) {
        break;
      }
      ids.add(locations.id(m.location()));
    }
    return ids;
  }

  /** Throws unless the index answers exactly as {@link FastFilter} for this route, radius and query. */
  public static int requireSameAsFilter(
      LocationIndex index, LocationSet locations, Route route, double radius, String query) {
    SearchOptions options = options(query);
    List<String> reference = referenceIds(route, radius, locations, options.limit());
    List<String> answer = ids(index.search(Corridor.of(route, radius), options));
    boolean same = query.equals("all")
        ? new java.util.HashSet<>(reference).equals(new java.util.HashSet<>(answer))
            && reference.size() == answer.size()
        : reference.equals(answer);
    if (!same) {
      throw new IllegalStateException(String.format("the index search disagrees with FastFilter on a"
              + " %.0f km route at r = %.0f m (%s): %d ids against %d",
          route.lengthMeters() / 1000, radius, query, answer.size(), reference.size()));
    }
    return answer.size();
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
