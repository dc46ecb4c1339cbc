package io.corridor.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.core.filter.Strategy;
import io.corridor.core.location.LocationSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SeedScenarioTest {

  @ParameterizedTest
  @EnumSource(SeedScenario.class)
  void everyStrategyFindsTheSeedsInsideCount(SeedScenario seed) {
    Scenario scenario = seed.build();
    for (Strategy strategy : Strategy.values()) {
      assertThat(strategy.filter().filter(scenario.corridor(), scenario.locations()))
          .as("%s with %s", seed.scenarioName(), strategy.cliName())
          .hasSize(seed.expectedInside());
    }
  }

  @ParameterizedTest
  @EnumSource(SeedScenario.class)
  void buildsTheSameDataEveryTime(SeedScenario seed) {
    Scenario first = seed.build();
    Scenario second = seed.build();
    assertThat(second.route()).isEqualTo(first.route());
    assertThat(second.locations().latitudesView()).isEqualTo(first.locations().latitudesView());
    assertThat(second.locations().longitudesView()).isEqualTo(first.locations().longitudesView());
    assertThat(second.locations().pointStartsView()).isEqualTo(first.locations().pointStartsView());
  }

  @ParameterizedTest
  @EnumSource(SeedScenario.class)
  void locationsHaveOneToFourPoints(SeedScenario seed) {
    LocationSet locations = seed.build().locations();
    for (int i = 0; i < locations.size(); i++) {
      assertThat(locations.pointEnd(i) - locations.pointStart(i)).isBetween(1, 4);
    }
  }

  @org.junit.jupiter.api.Test
  void seedSizesAreKept() {
    assertThat(SeedScenario.SMALL_CORRIDOR.build().route().size()).isEqualTo(4);
    assertThat(SeedScenario.MEDIUM_CORRIDOR.build().locations().size()).isEqualTo(221);
    assertThat(SeedScenario.LONG_NARROW_CORRIDOR_FEW_TOTAL.build().route().size()).isEqualTo(300);
    Scenario many = SeedScenario.LONG_CORRIDOR_MANY_FILTERED_OUT.build();
    assertThat(many.route().size()).isEqualTo(251);
    assertThat(many.locations().size()).isEqualTo(2_547);
  }
}
