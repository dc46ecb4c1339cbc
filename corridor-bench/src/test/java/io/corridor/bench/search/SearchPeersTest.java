package io.corridor.bench.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.bench.scenario.SearchRoutes;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.location.LocationSet;
import io.corridor.index.LocationIndex;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchPeersTest {
  private static LocationSet locations;
  private static LocationIndex index;
  private static S2RouteSearch s2;

  @BeforeAll
  static void buildData() {
    locations = SearchData.locations(200_000);
    index = LocationIndex.of(locations);
    s2 = new S2RouteSearch(locations);
  }

  @Test
  void routesHaveTheirLengthsAndOneVertexPer100Metres() {
    for (int km : SearchRoutes.LENGTHS_KM) {
      Route route = SearchRoutes.route(km);
      assertThat(route.lengthMeters()).isCloseTo(km * 1000.0, org.assertj.core.data.Offset.offset(1.0));
      assertThat(route.size()).isEqualTo(km * 10 + 1);
      assertThat(SearchRoutes.route(km)).isEqualTo(route);
    }
  }

  @ParameterizedTest
  @CsvSource({"10, 100, all", "10, 5000, limit100", "100, 1000, all", "100, 1000, limit100"})
  void indexAndS2AnswerAsTheFilter(int km, double radius, String query) {
    Route route = SearchRoutes.route(km);
    int found = SearchData.requireSameAsFilter(index, locations, route, radius, query);
    assertThat(found).isPositive();
    int limit = SearchData.options(query).limit();
    List<String> ours = SearchData.ids(index.search(Corridor.of(route, radius), SearchData.options(query)));
    List<String> theirs = s2.search(route, radius, limit);
    if (limit == 0) {
      assertThat(new HashSet<>(theirs)).isEqualTo(new HashSet<>(ours));
      assertThat(theirs).hasSameSizeAs(ours);
    } else {
      assertThat(theirs).isEqualTo(ours);
    }
  }
}
