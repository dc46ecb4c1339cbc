package io.corridor.bench;

import io.corridor.bench.peer.Agreement;
import io.corridor.bench.peer.LocationIdFilter;
import io.corridor.bench.peer.Peers;
import io.corridor.bench.scenario.LargeScenario;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.location.LocationSet;
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
 * One large stateless filter request, ours against the peers: the 1 000 km, 10 000-vertex route of
 * {@link LargeScenario} against a million one-point locations, at three radii. Every
 * implementation does all its work inside the timed call: our corridor; the S2 point index or cell
 * covering; the JTS projection, buffer and prepared polygon.
 *
 * <p>Before measuring, each trial checks the implementation's answer against
 * {@code FastFilter.singleThreaded()} and fails unless every difference lies within the
 * implementation's tolerance of the radius ({@link Peers#toleranceMeters}); the differences are
 * printed. {@code pre_bbox} takes seconds per call: the run script measures it separately with
 * fewer iterations ({@code -p impl=pre_bbox -wi 1 -i 2}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class LargeFilterBenchmark {

  /** The corridor radius in metres. */
  @Param({"100", "1000", "10000"})
  public double radius;

  /** The implementation, by {@link Peers#byName} name. */
  @Param({"pre_bbox", "fast_1core", "fast_all_cores", "jts", "s2"})
  public String impl;

  /** The number of locations; smaller values make quick runs. */
  @Param({"1000000"})
  public int locations;

  private Route route;
  private LocationSet locationSet;
  private LocationIdFilter filter;

  /** Builds the data and checks the implementation's answer against the single-core fast filter. */
  @Setup
  public void setUp() {
    route = LargeScenario.route();
    locationSet = LargeScenario.locations(route, locations);
    filter = Peers.byName(impl);
    int[] reference = Peers.byName("fast_1core").filter(route, radius, locationSet);
    int[] answer = impl.equals("fast_1core") ? reference : filter.filter(route, radius, locationSet);
    double tolerance = Peers.toleranceMeters(impl, route, radius);
    Agreement agreement = Agreement.of(reference, answer, Corridor.of(route, radius), locationSet)
        .requireWithin(impl + " at radius " + radius, tolerance);
    System.out.printf("%n%s at radius %.0f m: %d of %d locations inside; %s (tolerance %.3f m)%n",
        impl, radius, reference.length, locationSet.size(), agreement, tolerance);
  }

  /** One request: every location of the set against the corridor of the route. */
  @Benchmark
  public int[] filter() {
    return filter.filter(route, radius, locationSet);
  }
}
