package io.corridor.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.location.LocationSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * Splitting the work over threads must not change the answer: the same matches, with the same
 * distances and offsets to the bit, in the same order, as on one thread.
 */
class FastFilterParallelTest {

  @Test
  void manyThreadsGiveExactlyTheAnswerOfOne() {
    SplittableRandom rnd = new SplittableRandom(0x9A7A11E1L);
    double[][] v = OracleScenario.walk(rnd, 48.1, 11.5, 70, 50_000, 200, 1_800, 40);
    assertSameOnEveryPool(Corridor.of(Route.of(v[0], v[1]), 800), scatter(rnd, v[0], v[1], 0.02), 20_000);
  }

  /** Every match at offset 0: the order then rests on the ids alone, across chunk boundaries. */
  @Test
  void manyThreadsGiveExactlyTheAnswerOfOneWhenAllOffsetsTie() {
    SplittableRandom rnd = new SplittableRandom(0x0FF5E7L);
    double[] lat = {-33.9};
    double[] lon = {151.2};
    assertSameOnEveryPool(Corridor.of(Route.of(lat, lon), 5_000), scatter(rnd, lat, lon, 0.08), 20_000);
  }

  /**
   * About 230 000 points scattered up to {@code spread} degrees around the vertices, in 200 000
   * locations of which about one in seven has two or three points.
   */
  private static LocationSet scatter(SplittableRandom rnd, double[] lat, double[] lon, double spread) {
    LocationSet.Builder b = LocationSet.builder();
    for (int i = 0; i < 200_000; i++) {
      int loc = b.location(OracleScenario.id(i), null);
      int points = rnd.nextInt(7) == 0 ? 2 + rnd.nextInt(2) : 1;
      for (int k = 0; k < points; k++) {
        int v = rnd.nextInt(lat.length);
        b.point(loc, lat[v] + spread * (2 * rnd.nextDouble() - 1), lon[v] + spread * (2 * rnd.nextDouble() - 1));
      }
    }
    return b.build();
  }

  private static void assertSameOnEveryPool(Corridor corridor, LocationSet set, int minMatches) {
    assertThat(set.pointCount()).isGreaterThanOrEqualTo(200_000);
    List<Match> single = FastFilter.singleThreaded().filter(corridor, set);
    assertThat(single).hasSizeGreaterThan(minMatches);
    for (int threads : new int[] {2, 5}) {
      ForkJoinPool pool = new ForkJoinPool(threads);
      try {
        List<Match> parallel = FastFilter.parallel(pool).filter(corridor, set);
        assertThat(parallel).as("%d threads", threads).isEqualTo(single);
      } finally {
        pool.shutdown();
      }
    }
  }
}
