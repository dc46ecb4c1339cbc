package io.corridor.bench;

import io.corridor.bench.scenario.SearchRoutes;
import io.corridor.bench.search.S2RouteSearch;
import io.corridor.bench.search.SearchData;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.location.LocationSet;
import io.corridor.index.LocationIndex;
import io.corridor.index.SearchOptions;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Searches along a route in an index of millions of synthetic locations, ours against S2: routes of
 * 10, 100 and 1 000 km ({@link SearchRoutes}), three radii, every match or the first 100 by offset.
 * One operation is one search, {@code Corridor.of} included.
 *
 * <p>{@code corridor} searches the {@link LocationIndex} as served: a snapshot memory-mapped from
 * a file ({@code -Dcorridor.bench.dir}, default {@code java.io.tmpdir/corridor-search-bench}),
 * which the first trial builds and writes and later trials (each its own JVM) reopen; delete the
 * file to rebuild it. {@code s2} searches an S2 {@code S2PointIndex} of the same points built in the
 * trial's set-up ({@link S2RouteSearch}). Before measuring, every trial checks that the index
 * search answers exactly as {@code FastFilter} over the same locations, and {@code s2} that S2
 * answers the same ids, and fails otherwise.
 *
 * @see S2RouteSearch
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx10g", "-XX:+UseParallelGC"})
public class SearchBenchmark {

  /** The route length in kilometres. */
  @Param({"10", "100", "1000"})
  public int routeKm;

  /** The corridor radius in metres. */
  @Param({"100", "1000", "5000"})
  public double radius;

  /** The query class: {@code all} matches, or {@code limit100} (the first 100 by offset). */
  @Param({"all", "limit100"})
  public String query;

  /** The implementation: {@code corridor} (our mapped index) or {@code s2} (S2PointIndex). */
  @Param({"corridor", "s2"})
  public String impl;

  /** The number of locations; {@code -p locations=1000000} makes quick runs. */
  @Param({"10000000"})
  public int locations;

  private Route route;
  private SearchOptions options;
  private LocationIndex index;
  private S2RouteSearch s2;

  /** Generates the locations, maps the index, builds the S2 peer and checks their answers. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    route = SearchRoutes.route(routeKm);
    options = SearchData.options(query);
    LocationSet set = SearchData.locations(locations);
    index = SearchData.benchIndex(set);
    int found = SearchData.requireSameAsFilter(index, set, route, radius, query);
    System.out.printf("%d km route (%d vertices), r = %.0f m, %s: %d ids, the same as FastFilter%n",
        routeKm, route.size(), radius, query, found);
    if (impl.equals("s2")) {
      long start = System.nanoTime();
      s2 = new S2RouteSearch(set);
      System.out.printf("built the S2PointIndex of %d points in %.1f s%n", set.pointCount(),
          (System.nanoTime() - start) / 1e9);
      List<String> ours = SearchData.ids(index.search(Corridor.of(route, radius), options));
      List<String> theirs = s2.search(route, radius, options.limit());
      boolean same = options.limit() == 0
          ? ours.size() == theirs.size() && new HashSet<>(ours).equals(new HashSet<>(theirs))
          : ours.equals(theirs);
      if (!same) {
        throw new IllegalStateException("S2 disagrees with the index: " + theirs.size()
            + " ids against " + ours.size() + " on the " + routeKm + " km route at r = " + radius
            + " (" + query + ")");
      }
      System.out.printf("S2 finds the same %d ids%n", theirs.size());
    } else if (!impl.equals("corridor")) {
      throw new IllegalArgumentException("unknown impl " + impl + " (corridor, s2)");
    }
    set = null; // only S2 keeps the points
    System.gc();
  }

  /** One search: the corridor of the route and the matches it holds. */
  @Benchmark
  public List<?> search() {
    if (s2 != null) {
      return s2.search(route, radius, options.limit());
    }
    return index.search(Corridor.of(route, radius), options);
  }
}
