package io.corridor.bench;

import io.corridor.bench.scenario.SearchRoutes;
import io.corridor.bench.search.SearchData;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.location.LocationSet;
import io.corridor.core.filter.Match;
import io.corridor.index.LocationIndex;
import io.corridor.index.SearchOptions;
import java.io.IOException;
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
 * One page of 100 matches deep into a long answer, as a client paging with continuations asks for
 * it: page {@code page} of a search along a route, by offset or by distance, resumed after the last
 * match of the page before. One operation is one page, {@code Corridor.of} included.
 *
 * <p>The index is the one {@link SearchBenchmark} maps (the same file, built on first use). Before
 * measuring, each trial checks that the page is the right slice of the whole answer in the same
 * order, and fails otherwise; that the whole answer is the filter's is {@code SearchPagingTest}'s
 * and {@code SearchAgainstFilterTest}'s concern.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx10g", "-XX:+UseParallelGC"})
public class PagingBenchmark {
  private static final int PAGE_SIZE = SearchData.LIMIT;

  /** The route length in kilometres. */
  @Param({"1000"})
  public int routeKm;

  /** The corridor radius in metres. */
  @Param({"5000"})
  public double radius;

  /** The order of the answer: {@code offset} or {@code distance}. */
  @Param({"offset", "distance"})
  public String sort;

  /** The page asked for, from 1. */
  @Param({"1", "30", "1000", "3000"})
  public int page;

  /** The number of locations; {@code -p locations=1000000} makes quick runs. */
  @Param({"10000000"})
  public int locations;

  private Route route;
  private SearchOptions options;
  private LocationIndex index;

  /** Maps the index, finds where the page starts, and checks the page against the whole answer. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    route = SearchRoutes.route(routeKm);
    SearchOptions.Sort order = switch (sort) {
      case "offset" -> SearchOptions.Sort.OFFSET;
      case "distance" -> SearchOptions.Sort.DISTANCE;
      default -> throw new IllegalArgumentException("unknown sort " + sort + " (offset, distance)");
    };
    if (page < 1) {
      throw new IllegalArgumentException("page " + page + " must be 1 or more");
    }
    LocationSet set = SearchData.locations(locations);
    index = SearchData.benchIndex(set);
    set = null;
    System.gc();
    Corridor corridor = Corridor.of(route, radius);
    List<Match> whole = index.search(corridor, SearchOptions.builder().sort(order).build());
    int first = (page - 1) * PAGE_SIZE;
    if (whole.size() < first + PAGE_SIZE) {
      throw new IllegalStateException("the answer holds " + whole.size() + " matches: too few for "
          + "page " + page + " of " + PAGE_SIZE + "; ask for an earlier page or a wider corridor");
    }
    SearchOptions.Builder b = SearchOptions.builder().sort(order).limit(PAGE_SIZE);
    if (page > 1) {
      b.after(SearchOptions.After.of(order, whole.get(first - 1)));
    }
    options = b.build();
    List<String> expected = SearchData.ids(whole.subList(first, first + PAGE_SIZE));
    List<String> answer = SearchData.ids(index.search(corridor, options));
    if (!answer.equals(expected)) {
      throw new IllegalStateException("page " + page + " by " + sort + " is not matches "
          + (first + 1) + " to " + (first + PAGE_SIZE) + " of the whole answer");
    }
    System.out.printf("%d km route, r = %.0f m, by %s: page %d of %d matches, matches %d to %d%n",
        routeKm, radius, sort, page, whole.size(), first + 1, first + PAGE_SIZE);
  }

  /** One page: the corridor of the route and the page's matches. */
  @Benchmark
  public List<Match> page() {
    return index.search(Corridor.of(route, radius), options);
  }
}
