package io.corridor.bench;

import io.corridor.bench.scenario.Scenario;
import io.corridor.bench.scenario.SeedScenario;
import io.corridor.core.filter.CorridorFilter;
import io.corridor.core.filter.Match;
import io.corridor.core.filter.Strategy;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.location.LocationSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The seed's benchmark, scenario by scenario and strategy by strategy: the time of one filter
 * request, building the corridor from the route and radius included (a corridor is per request).
 *
 * <p>Run: {@code java -jar corridor-bench/target/benchmarks.jar SeedScenarioBenchmark}; about
 * 12 parameter combinations × 8 s, under 10 minutes on 2 cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SeedScenarioBenchmark {

  /** The seed's scenario, by its name in the seed. */
  @Param({
    "small_corridor",
    "medium_corridor",
    "long_narrow_corridor_few_total",
    "long_corridor_many_filtered_out"
  })
  public String scenario;

  /** The filter strategy, by its command-line name. */
  @Param({"baseline", "pre_bbox", "fast"})
  public String strategy;

  private Route route;
  private double radiusMeters;
  private LocationSet locations;
  private CorridorFilter filter;

  /** Builds the scenario and checks that the strategy finds the seed's number of matches. */
  @Setup
  public void setUp() {
    SeedScenario seed = SeedScenario.fromName(scenario);
    Scenario built = seed.build();
    route = built.route();
    radiusMeters = built.radiusMeters();
    locations = built.locations();
    filter = Strategy.fromName(strategy).filter();
    int found = filter().size();
    if (found != seed.expectedInside()) {
      throw new IllegalStateException(scenario + " with " + strategy + ": " + found
          + " matches, expected " + seed.expectedInside());
    }
  }

  /** One request: build the corridor, filter the locations; the matches go to JMH's blackhole. */
  @Benchmark
  public List<Match> filter() {
    return filter.filter(Corridor.of(route, radiusMeters), locations);
  }
}
