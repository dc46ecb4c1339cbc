package io.corridor.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The index's size per location and the work of a limited search, on a generated set shaped like
 * real data: locations clustered around towns, with names and categories.
 */
class IndexFootprintTest {
  private static final int LOCATIONS = 300_000;
  private static final LocationIndex INDEX = generate(LOCATIONS, new Random(11));

  @Test
  void theColumnsTakeAtMost40BytesPerLocationBesidesItsStrings() {
    Map<Section, java.nio.ByteBuffer> s = INDEX.sections();
    long strings = s.get(Section.ID_BYTES).capacity() + s.get(Section.NAME_BYTES).capacity()
        + s.get(Section.PROPERTY_BYTES).capacity() + s.get(Section.CATEGORY_BYTES).capacity();
    double fixed = (double) (INDEX.sizeBytes() - strings) / LOCATIONS;
    System.out.printf("index of %d locations: %d cells, %.1f bytes per location besides strings,"
        + " %.1f with them%n", LOCATIONS, INDEX.cellCount(), fixed, (double) INDEX.sizeBytes() / LOCATIONS);
    assertThat(fixed).isLessThanOrEqualTo(40);
  }

  @Test
  void aLimitedSearchStopsLongBeforeTheEndOfTheRoute() {
    // 1 600 km across the generated region, through its towns.
    Route route = Route.of(new double[] {44, 46, 48, 50}, new double[] {-1, 4, 9, 14});
    Corridor corridor = Corridor.of(route, 5_000);
    SearchOptions first20 = SearchOptions.builder().limit(20).build();
    CorridorSearch limited = CorridorSearch.run(INDEX, corridor, first20);
    CorridorSearch full = CorridorSearch.run(INDEX, corridor, SearchOptions.all());
    List<IndexMatch> all = INDEX.search(corridor, SearchOptions.all());
    assertThat(all.size()).isGreaterThan(1_000);
    assertThat(INDEX.search(corridor, first20)).isEqualTo(all.subList(0, 20));
    System.out.printf("limit 20 tested %d candidates, no limit %d (%d matches)%n",
        limited.tested(), full.tested(), all.size());
    assertThat(limited.tested()).isLessThan(full.tested() / 4);
  }

  /** Single-point locations around 300 towns in western Europe, a few categories, short names. */
  static LocationIndex generate(int count, Random random) {
    double[][] towns = new double[300][];
    for (int t = 0; t < towns.length; t++) {
      towns[t] = new double[] {43 + random.nextDouble() * 8, -2 + random.nextDouble() * 17};
    }
    String[] categories = {"fuel", "charging_station", "restaurant", "hotel", "parking"};
    LocationIndex.Builder b = LocationIndex.builder();
    for (int i = 0; i < count; i++) {
      double[] town = towns[random.nextInt(towns.length)];
      double lat = town[0] + random.nextGaussian() * 0.05;
      double lon = town[1] + random.nextGaussian() * 0.07;
      b.add("n" + i, new double[] {lat}, new double[] {lon}, "Place " + i,
          categories[random.nextInt(categories.length)], Map.of());
    }
    return b.build();
  }
}
