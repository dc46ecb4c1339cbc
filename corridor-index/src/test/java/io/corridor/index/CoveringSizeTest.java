package io.corridor.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import org.junit.jupiter.api.Test;

/**
 * The covering of the longest routes a search accepts stays small whatever the radius: it grows
 * with the route's length over the cell, never with the vertices or the square of the radius.
 */
class CoveringSizeTest {
  /** Back and forth between two points 10 007 km apart, 9 times: 90 000 km in 10 vertices. */
  private static final Route LONG_ARCS = Route.of(
      new double[] {0, 90, 0, 90, 0, 90, 0, 90, 0, 90}, new double[] {10, 10, 10, 10, 10, 10, 10, 10, 10, 10});

  @Test
  void theLongestAcceptedRouteHasABoundedCoveringAtEveryRadius() {
    RouteLimits.check(LONG_ARCS);
    for (double radius : new double[] {1, 1_000, 100_000, 3_000_000, 30_000_000}) {
      Covering covering = Covering.of(Corridor.of(LONG_ARCS, radius));
      // About two pairs per row crossed: 90 000 km over 870 m rows is 103 000 rows.
      assertThat(covering.pairCount()).as("pairs at r = %s", radius).isLessThan(1_000_000);
    }
  }

  @Test
  void oneHundredThousandVerticesCostNoMoreThanTheirLength() {
    int n = RouteLimits.MAX_VERTICES;
    double[] lat = new double[n];
    double[] lon = new double[n];
    for (int i = 0; i < n; i++) {
      lat[i] = 45 + (i % 2) * 0.001; // a zigzag of 111 m steps over 0.3 degrees
      lon[i] = 5 + i * 3e-6;
    }
    Route route = Route.of(lat, lon);
    RouteLimits.check(route);
    Covering covering = Covering.of(Corridor.of(route, 50));
    assertThat(covering.pairCount()).isLessThan(200_000);
  }
}
