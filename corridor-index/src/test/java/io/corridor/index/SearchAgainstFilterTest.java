package io.corridor.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.corridor.core.filter.FastFilter;
import io.corridor.core.filter.Match;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.geo.Sphere;
import io.corridor.core.location.LocationSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The index's search against the fast filter over the same locations, on random routes and
 * locations (clustered near the route, so that many are just inside or just outside), including
 * routes across the antimeridian and over the poles, with limits, categories and both sorts.
 */
class SearchAgainstFilterTest {
  private static final String[] CATEGORIES = {"fuel", "charging", "food"};

  @Test
  void searchEqualsFilterOnRandomRoutesEverywhere() {
    Random random = new Random(42);
    for (int trial = 0; trial < 75; trial++) {
      Route route = switch (trial % 5) {
        case 0 -> randomRoute(random, random.nextDouble() * 160 - 80, random.nextDouble() * 360 - 180);
        case 1 -> randomRoute(random, random.nextDouble() * 120 - 60, 179 + random.nextDouble() * 2 - 2);
        case 2 -> polarRoute(random, random.nextBoolean() ? 1 : -1);
        case 3 -> denseRoute(random, random.nextDouble() * 140 - 70, random.nextDouble() * 360 - 180);
        default -> randomRoute(random, (random.nextBoolean() ? 1 : -1) * (85 + random.nextDouble() * 5),
            random.nextDouble() * 360 - 180);
      };
      double radius = new double[] {30, 400, 3_000, 25_000}[random.nextInt(4)];
      Corridor corridor = Corridor.of(route, radius);
      LocationSet set = locationsNear(random, corridor, 1_500);
      LocationIndex index = LocationIndex.of(set);
      String context = "trial " + trial + " " + route + " r=" + radius;

      List<Match> expected = FastFilter.singleThreaded().filter(corridor, set);
      assertSame(index.search(corridor, SearchOptions.all()), expected, set, context);
      assertThat(expected).as(context).isNotEmpty();

      int limit = 1 + random.nextInt(Math.max(1, expected.size() / 2 + 1));
      assertSame(index.search(corridor, SearchOptions.builder().limit(limit).build()),
          expected.subList(0, Math.min(limit, expected.size())), set, context + " limit " + limit);

      String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
      List<Match> ofCategory = new ArrayList<>();
      for (Match m : expected) {
        if (category.equals(set.properties(m.location()).get("category"))) {
          ofCategory.add(m);
        }
      }
      int small = 1 + random.nextInt(5);
      assertSame(index.search(corridor, SearchOptions.builder().categories(Set.of(category)).limit(small).sort(SearchOptions.Sort.OFFSET).build()),
          ofCategory.subList(0, Math.min(small, ofCategory.size())), set, context + " " + category);

      List<Match> byDistance = new ArrayList<>(expected);
      byDistance.sort(Comparator.comparingDouble(Match::distanceMeters)
          .thenComparing(m -> set.id(m.location())));
      assertSame(index.search(corridor, SearchOptions.builder().limit(limit).sort(SearchOptions.Sort.DISTANCE).build()),
          byDistance.subList(0, Math.min(limit, byDistance.size())), set, context + " by distance");
    }
  }

  @Test
  void wideRadiiReachingOverPolesAndAroundTheGlobeGiveTheFiltersAnswers() {
    Random random = new Random(99);
    for (double radius : new double[] {800_000, 3_000_000, 12_000_000, 25_000_000}) {
      Route route = randomRoute(random, 70, 175);
      Corridor corridor = Corridor.of(route, radius);
      LocationSet set = locationsNear(random, Corridor.of(route, 2_000_000), 800);
      List<Match> expected = FastFilter.singleThreaded().filter(corridor, set);
      LocationIndex index = LocationIndex.of(set);
      assertSame(index.search(corridor, SearchOptions.all()), expected, set, "r=" + radius);
      assertSame(index.search(corridor, SearchOptions.builder().limit(7).build()),
          expected.subList(0, Math.min(7, expected.size())), set, "r=" + radius + " limit 7");
    }
  }

  @Test
  void denseCellsCutIntoSubCellsGiveTheFiltersAnswers() {
    // Thousands of locations per index cell around winding routes: cells are cut into 2×2 up to
    // 8×8 sub-cells, whose arcs are pruned, at the equator, at 60°, across the antimeridian and
    // next to a pole, where sub-cells are thin wedges.
    Random random = new Random(11);
    double[][] places = {{0.2, 10}, {60, 25}, {-35, 179.995}, {89.97, 40}, {-89.95, -120}};
    for (double[] place : places) {
      for (double radius : new double[] {15, 150, 2_000}) {
        Route route = denseRoute(random, place[0], place[1]);
        Corridor corridor = Corridor.of(route, radius);
        LocationSet set = locationsNear(random, corridor, 20_000);
        LocationIndex index = LocationIndex.of(set);
        String context = "near " + place[0] + "," + place[1] + " r=" + radius;
        List<Match> expected = FastFilter.singleThreaded().filter(corridor, set);
        assertThat(expected).as(context).isNotEmpty();
        assertSame(index.search(corridor, SearchOptions.all()), expected, set, context);
        assertSame(index.search(corridor, SearchOptions.builder().limit(50).build()),
            expected.subList(0, Math.min(50, expected.size())), set, context + " limit 50");
        assertThat(CorridorSearch.run(index, corridor, SearchOptions.all()).finestSplit())
            .as(context).isPositive();
      }
      // A short street with 20 000 locations along it: a cell is cut into 8×8 sub-cells.
      Route street = Route.of(new double[] {place[0], clampLat(place[0] + 0.001)},
          new double[] {place[1], wrapLon(place[1] + 0.002)});
      Corridor corridor = Corridor.of(street, 15);
      LocationSet set = locationsNear(random, corridor, 20_000);
      String context = "street near " + place[0] + "," + place[1];
      List<Match> expected = FastFilter.singleThreaded().filter(corridor, set);
      assertSame(LocationIndex.of(set).search(corridor, SearchOptions.all()), expected, set, context);
      assertThat(CorridorSearch.run(LocationIndex.of(set), corridor, SearchOptions.all()).finestSplit())
          .as(context).isEqualTo(8);
    }
  }

  @Test
  void aSingleVertexRouteIsAPoint() {
    Route route = Route.of(new double[] {89.9}, new double[] {-179.99});
    Corridor corridor = Corridor.of(route, 20_000);
    LocationSet set = locationsNear(new Random(7), corridor, 500);
    List<Match> expected = FastFilter.singleThreaded().filter(corridor, set);
    assertThat(expected).isNotEmpty();
    assertSame(LocationIndex.of(set).search(corridor, SearchOptions.builder().limit(3).build()),
        expected.subList(0, Math.min(3, expected.size())), set, "point route");
  }

  @Test
  void candidatesComeFromTheCellsNearTheRouteOnly() {
    // A long diagonal route: its bounding box holds nearly every location, its corridor few.
    Route route = Route.of(new double[] {40, 50}, new double[] {-5, 15});
    LocationSet.Builder b = LocationSet.builder();
    Random random = new Random(3);
    for (int i = 0; i < 20_000; i++) {
      b.add("p" + i, 40 + random.nextDouble() * 10, -5 + random.nextDouble() * 20);
    }
    LocationSet set = b.build();
    Corridor corridor = Corridor.of(route, 1_000);
    long cells = Covering.of(corridor).cellCount();
    // The box spans 1 280 × 2 560 cells; the corridor's covering a few per km of its 2 000 km.
    assertThat(cells).isLessThan(1_280L * 2_560 / 100);
    assertSame(LocationIndex.of(set).search(corridor, SearchOptions.all()),
        FastFilter.singleThreaded().filter(corridor, set), set, "diagonal");
  }

  static void assertSame(List<IndexMatch> actual, List<Match> expected, LocationSet set, String context) {
    assertThat(actual).extracting(IndexMatch::id).as(context)
        .containsExactlyElementsOf(expected.stream().map(m -> set.id(m.location())).toList());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i).distanceMeters()).as(context).isCloseTo(expected.get(i).distanceMeters(), within(1e-6));
      assertThat(actual.get(i).offsetMeters()).as(context).isCloseTo(expected.get(i).offsetMeters(), within(1e-6));
    }
  }

  /** A route of a few arcs of up to a few hundred km, from near the given point. */
  static Route randomRoute(Random random, double lat, double lon) {
    int n = 2 + random.nextInt(8);
    double[] lats = new double[n];
    double[] lons = new double[n];
    for (int i = 0; i < n; i++) {
      lats[i] = clampLat(lat + random.nextGaussian() * 1.5);
      lons[i] = wrapLon(lon + random.nextGaussian() * 2);
      lat = lats[i];
      lon = lons[i];
    }
    return Route.of(lats, lons);
  }

  /** A winding route of a few hundred short arcs, some vertices repeated, some arcs doubling back. */
  static Route denseRoute(Random random, double lat, double lon) {
    int n = 100 + random.nextInt(300);
    double[] lats = new double[n];
    double[] lons = new double[n];
    for (int i = 0; i < n; i++) {
      if (i > 0 && random.nextInt(10) == 0) {
        lats[i] = lats[i - 1];
        lons[i] = lons[i - 1];
        continue;
      }
      lats[i] = clampLat(lat + random.nextGaussian() * 0.02);
      lons[i] = wrapLon(lon + random.nextGaussian() * 0.03);
      lat = lats[i] + 0.005;
      lon = lons[i] + 0.01;
    }
    return Route.of(lats, lons);
  }

  /** A route over a pole: up one meridian, down the opposite one. */
  static Route polarRoute(Random random, int hemisphere) {
    double lon = random.nextDouble() * 360 - 180;
    return Route.of(new double[] {hemisphere * 86, hemisphere * 89.5, hemisphere * 87},
        new double[] {lon, wrapLon(lon + 60), wrapLon(lon + 180)});
  }

  /**
   * Locations mostly within a few radii of the route (one or several points, with categories), a
   * few anywhere.
   */
  static LocationSet locationsNear(Random random, Corridor corridor, int count) {
    LocationSet.Builder b = LocationSet.builder();
    double[] p = new double[3];
    double spreadDegrees = Math.toDegrees(2 * corridor.radiusMeters() / Sphere.EARTH_RADIUS_METERS);
    for (int i = 0; i < count; i++) {
      String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
      int loc = b.location("loc" + i, Map.of("category", category, "name", "Place " + i));
      int points = random.nextInt(10) == 0 ? 2 + random.nextInt(3) : 1;
      for (int k = 0; k < points; k++) {
        if (random.nextInt(20) == 0) {
          b.point(loc, Math.toDegrees(Math.asin(2 * random.nextDouble() - 1)), random.nextDouble() * 360 - 180);
          continue;
        }
        int arc = random.nextInt(corridor.arcCount());
        corridor.pointOnArc(arc, random.nextDouble() * corridor.arcLengthRadians(arc), p);
        double lat = Sphere.latDegrees(p[0], p[1], p[2]);
        double lon = Sphere.lonDegrees(p[0], p[1]);
        double dLat = (2 * random.nextDouble() - 1) * spreadDegrees;
        double dLon = (2 * random.nextDouble() - 1) * spreadDegrees / Math.max(0.02, Math.cos(Math.toRadians(lat)));
        b.point(loc, clampLat(lat + dLat), wrapLon(lon + dLon));
      }
    }
    return b.build();
  }

  static double clampLat(double lat) {
    return Math.max(-90, Math.min(90, lat));
  }

  static double wrapLon(double lon) {
    double l = ((lon + 180) % 360 + 360) % 360 - 180;
    return l;
  }
}
