package io.corridor.bench.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.bench.scenario.LargeScenario;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.location.LocationSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeersTest {
  private static Route route;
  private static LocationSet locations;

  @BeforeAll
  static void buildData() {
    route = LargeScenario.route();
    locations = LargeScenario.locations(route, 5_000);
  }

  @ParameterizedTest
  @CsvSource({
    "s2_cell_covering, 100", "s2_cell_covering, 10000",
    "s2_edge_query, 100", "s2_edge_query, 10000",
    "jts, 100", "jts, 10000",
    "pre_bbox, 1000", "fast_all_cores, 1000"
  })
  void agreesWithTheSingleCoreFastFilterWithinItsTolerance(String name, double radius) {
    int[] reference = Peers.byName("fast_1core").filter(route, radius, locations);
    int[] answer = Peers.byName(name).filter(route, radius, locations);
    Agreement agreement = Agreement.of(reference, answer, Corridor.of(route, radius), locations);
    assertThat(reference).isNotEmpty();
    assertThat(agreement.worstMeters())
        .as("%s at %s m: %s", name, radius, agreement)
        .isLessThanOrEqualTo(Peers.toleranceMeters(name, route, radius));
  }
}
