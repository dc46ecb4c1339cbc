package io.corridor.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.location.LocationSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fast filter's grid on shapes of input that size it at its limits, with answers worked by
 * hand on the equator: a point at latitude φ° beside the equator is R·π/180·φ metres from it, and
 * its offset along an equatorial route from 0° is R·π/180·λ.
 */
class FastFilterTest {
  private static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180;

  @Test
  @Timeout(10)
  void aRouteOfManyArcsAgainstFewPointsIsAnsweredQuickly() {
    int vertices = 20_001;
    double[] lat = new double[vertices];
    double[] lon = new double[vertices];
    for (int i = 0; i < vertices; i++) {
      lon[i] = i * 0.0005; // 20 000 arcs of 55.6 m along the equator, to 10°E
    }
    Route route = Route.of(lat, lon);
    LocationSet points = LocationSet.builder()
        .add("near", 0.0009, 2.0)
        .add("far", 0.01, 5.0)
        .add("south", -0.0001, 7.25)
        .build();

    List<Match> matches = FastFilter.singleThreaded().filter(Corridor.of(route, 150), points);

    assertThat(matches).extracting(m -> points.id(m.location())).containsExactly("near", "south");
    assertThat(matches.get(0).distanceMeters()).isCloseTo(0.0009 * METRES_PER_DEGREE, within(0.01));
    assertThat(matches.get(0).offsetMeters()).isCloseTo(2.0 * METRES_PER_DEGREE, within(1.0));
    assertThat(matches.get(1).distanceMeters()).isCloseTo(0.0001 * METRES_PER_DEGREE, within(0.01));
    assertThat(matches.get(1).offsetMeters()).isCloseTo(7.25 * METRES_PER_DEGREE, within(1.0));
  }

  @Test
  @Timeout(10)
  void aTinyRadiusOnALongRouteStillBuildsABoundedGrid() {
    Route route = Route.of(new double[] {0, 0}, new double[] {0, 30}); // 3 336 km
    LocationSet points = LocationSet.builder()
        .add("on", 0.000_000_5, 15.0) // 5.6 cm north of the route
        .add("off", 0.000_002, 15.0) // 22.2 cm north
        .build();

    // Two points would take the direct scan: force the grid, whose cells grow to stay few.
    List<Match> matches = FastFilter.singleThreaded(FastFilter.Scan.GRID).filter(Corridor.of(route, 0.1), points);

    assertThat(matches).extracting(m -> points.id(m.location())).containsExactly("on");
    assertThat(matches.get(0).distanceMeters()).isCloseTo(0.000_000_5 * METRES_PER_DEGREE, within(0.01));
  }
}
