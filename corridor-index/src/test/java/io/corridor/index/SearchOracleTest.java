package io.corridor.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.core.filter.OracleScenario;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.geo.SphereOracle;
import io.corridor.core.location.LocationSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The index's search against the independent oracle (S2 for distances and nearest points,
 * GeographicLib for placing points), never against the filter: routes with arcs of thousands of
 * kilometres, across the antimeridian, over the poles, and corridors up to 3 000 km wide, with
 * most locations placed a few centimetres to 100 m either side of the corridor's edge. The
 * contract's tolerances apply: membership wherever the true distance is more than 5 cm from r,
 * distance within 1 cm, offset within 1 m of a nearest route point's and no larger than the
 * smallest such offset.
 */
class SearchOracleTest {
  private static final double MEMBERSHIP_SLACK_METERS = 0.05;
  private static final double DISTANCE_TOLERANCE_METERS = 0.01;
  private static final double OFFSET_TOLERANCE_METERS = 1.0;

  @Test
  void longArcs() {
    run("long arcs", 0x5EA1L, 30, rnd -> {
      double lat = -60 + 120 * rnd.nextDouble();
      double lon = lon(rnd);
      double[] b = OracleScenario.move(lat, lon, lon(rnd), 3_000_000 + 12_000_000 * rnd.nextDouble());
      double[] c = OracleScenario.move(b[0], b[1], lon(rnd), 1_000_000 + 5_000_000 * rnd.nextDouble());
      return new OracleScenario("long arcs", new double[] {lat, b[0], c[0]},
          new double[] {lon, b[1], c[1]}, OracleScenario.logUniform(rnd, 200, 300_000), rnd);
    });
  }

  @Test
  void acrossTheAntimeridian() {
    run("antimeridian", 0x5EA2L, 30, rnd -> {
      double[][] v = OracleScenario.walk(rnd, -70 + 140 * rnd.nextDouble(),
          178 + 2 * rnd.nextDouble(), rnd.nextBoolean() ? 90 : -90, 50_000 + 500_000 * rnd.nextDouble(),
          1_000, 50_000, 30);
      return new OracleScenario("antimeridian", v[0], v[1], OracleScenario.logUniform(rnd, 20, 100_000), rnd);
    });
  }

  @Test
  void overThePoles() {
    run("poles", 0x5EA3L, 30, rnd -> {
      double sign = rnd.nextBoolean() ? 1 : -1;
      double[][] v = OracleScenario.walk(rnd, sign * (80 + 9 * rnd.nextDouble()), lon(rnd),
          sign > 0 ? 0 : 180, 200_000 + 2_000_000 * rnd.nextDouble(), 5_000, 200_000, 20);
      return new OracleScenario("poles", v[0], v[1], OracleScenario.logUniform(rnd, 50, 500_000), rnd);
    });
  }

  @Test
  void corridorsThousandsOfKilometresWide() {
    run("wide", 0x5EA4L, 30, rnd -> {
      double lat = Math.toDegrees(Math.asin(2 * rnd.nextDouble() - 1));
      double lon = lon(rnd);
      double[] b = OracleScenario.move(lat, lon, lon(rnd), OracleScenario.logUniform(rnd, 100, 10_000_000));
      return new OracleScenario("wide", new double[] {lat, b[0]}, new double[] {lon, b[1]},
          OracleScenario.logUniform(rnd, 100_000, 3_000_000), rnd);
    });
  }

  @Test
  void denseCityRoutes() {
    run("city", 0x5EA5L, 30, rnd -> {
      double[][] v = OracleScenario.walk(rnd, -70 + 140 * rnd.nextDouble(), lon(rnd), lon(rnd),
          5_000 + 15_000 * rnd.nextDouble(), 20, 300, 40);
      return new OracleScenario("city", v[0], v[1], OracleScenario.logUniform(rnd, 5, 2_000), rnd);
    });
  }

  private static double lon(SplittableRandom rnd) {
    return 360 * rnd.nextDouble() - 180;
  }

  /** Builds {@code routes} scenarios with 400 locations each and checks the search on each. */
  private static void run(String category, long seed, int routes,
      Function<SplittableRandom, OracleScenario> make) {
    List<String> failures = new ArrayList<>();
    int matched = 0;
    for (int i = 0; i < routes; i++) {
      long scenarioSeed = seed * 1_000_003L + i;
      OracleScenario s = make.apply(new SplittableRandom(scenarioSeed)).addLocations(400);
      matched += check(s, category + " #" + i + " (seed " + scenarioSeed + ")", failures);
    }
    System.out.printf("search oracle %-13s %3d routes, %6d matches%n", category, routes, matched);
    assertThat(failures).as("%s: disagreements with the oracle", category).isEmpty();
    assertThat(matched).as("%s: matches", category).isGreaterThan(routes * 50);
  }

  /** Checks the search on one scenario against the oracle; returns the number of matches. */
  private static int check(OracleScenario s, String name, List<String> failures) {
    Corridor corridor = Corridor.of(Route.of(s.routeLat, s.routeLon), s.radiusMeters);
    LocationSet set = s.locations();
    LocationIndex index = LocationIndex.of(set);
    List<IndexMatch> matches = index.search(corridor, SearchOptions.all());
    IndexMatch[] byLocation = new IndexMatch[set.size()];
    for (IndexMatch m : matches) {
      // The index keeps its own order of locations: find the scenario's by id ("L000042").
      int loc = Integer.parseInt(m.id().substring(1));
      if (byLocation[loc] != null && failures.size() < 20) {
        failures.add(name + ": " + m.id() + " listed twice");
      }
      byLocation[loc] = m;
    }
    SphereOracle.OracleRoute oracle = s.oracleRoute();
    double r = s.radiusMeters;
    for (int loc = 0; loc < set.size() && failures.size() < 20; loc++) {
      SphereOracle.Nearest truth = oracle.nearest(s.locationLat.get(loc), s.locationLon.get(loc));
      double d = truth.distanceMeters();
      IndexMatch m = byLocation[loc];
      String what = name + " r " + r + " location " + set.id(loc) + " oracle distance " + d
          + " offset " + truth.offsetMeters() + ", got " + m;
      if (d <= r - MEMBERSHIP_SLACK_METERS && m == null) {
        failures.add("missed: " + what);
      } else if (d > r + MEMBERSHIP_SLACK_METERS && m != null) {
        failures.add("wrongly kept: " + what);
      } else if (m != null && Math.abs(m.distanceMeters() - d) > DISTANCE_TOLERANCE_METERS) {
        failures.add("distance off: " + what);
      } else if (m != null && (!truth.acceptsOffset(m.offsetMeters(), OFFSET_TOLERANCE_METERS)
          || m.offsetMeters() > truth.tiedOffsetMeters() + OFFSET_TOLERANCE_METERS)) {
        failures.add("offset not the smallest of a nearest route point: " + what + " "
            + truth.candidates());
      }
    }
    return matches.size();
  }
}
