package io.corridor.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.corridor.core.InvalidInputException;
import io.corridor.core.filter.FastFilter;
import io.corridor.core.filter.Match;
import io.corridor.core.location.LocationSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A prepared corridor tested one point at a time: hand-worked cases, the independent oracle (S2
 * and GeographicLib on the contract's sphere) on random routes that cross the antimeridian, pass
 * the poles and have arcs thousands of kilometres long, and the filter's own answers.
 */
class PreparedCorridorTest {
  private static final double DEGREE = 111_195.080_233_5;   // R·π/180, metres

  @Test
  void measuresAPointBesideTheEquatorAlongItsMeridian() {
    Corridor corridor = Corridor.of(Route.of(new double[] {0, 0}, new double[] {0, 1}), 200);
    // (0.001, 0.5): its meridian meets the route at (0, 0.5), 0.001° away, half way along.
    Proximity near = corridor.test(0.001, 0.5);
    assertThat(near.inside()).isTrue();
    assertThat(near.distanceMeters()).isCloseTo(0.001 * DEGREE, within(0.01));
    assertThat(near.offsetMeters()).isCloseTo(0.5 * DEGREE, within(1.0));
    assertThat(corridor.contains(0.001, 0.5)).isTrue();
    // Twice as far, 222.39 m: outside 200 m, but still measured.
    Proximity far = corridor.test(0.002, 0.5);
    assertThat(far.inside()).isFalse();
    assertThat(far.distanceMeters()).isCloseTo(0.002 * DEGREE, within(0.01));
    assertThat(far.offsetMeters()).isCloseTo(0.5 * DEGREE, within(1.0));
    assertThat(corridor.contains(0.002, 0.5)).isFalse();
    // Past the end, on the route's great circle: measured to the end, offset the whole route.
    Proximity past = corridor.test(0, 1.001);
    assertThat(past.distanceMeters()).isCloseTo(0.001 * DEGREE, within(0.01));
    assertThat(past.offsetMeters()).isCloseTo(DEGREE, within(1.0));
  }

  @Test
  void agreesWithTheOracleOnLongArcsTheAntimeridianAndThePoles() {
    SplittableRandom rnd = new SplittableRandom(8);
    int checked = 0;
    for (int r = 0; r < 60; r++) {
      int n = 1 + rnd.nextInt(5);
      double[] lat = new double[n];
      double[] lon = new double[n];
      double baseLat = rnd.nextInt(3) == 0 ? 89.0 * (rnd.nextBoolean() ? 1 : -1) : rnd.nextDouble(-70, 70);
      double baseLon = rnd.nextBoolean() ? 179.5 : rnd.nextDouble(-180, 180);
      double spread = rnd.nextInt(3) == 0 ? 40 : 2;   // arcs of thousands of kilometres, or a few
      for (int i = 0; i < n; i++) {
        lat[i] = clamp(baseLat + rnd.nextDouble(-spread, spread), -90, 90);
        lon[i] = SphereOracle.wrapLon(baseLon + rnd.nextDouble(-spread, spread));
      }
      Route route;
      try {
        route = Route.of(lat, lon);
      } catch (InvalidInputException antipodal) {
        continue;
      }
      double radius = rnd.nextInt(4) == 0 ? 2_000_000 : rnd.nextDouble(100, 200_000);
      Corridor corridor = Corridor.of(route, radius);
      SphereOracle.OracleRoute oracle = new SphereOracle.OracleRoute(lat, lon);
      for (int k = 0; k < 50; k++) {
        double pLat = clamp(lat[0] + rnd.nextDouble(-3 * spread, 3 * spread), -90, 90);
        double pLon = SphereOracle.wrapLon(lon[0] + rnd.nextDouble(-3 * spread, 3 * spread));
        Proximity p = corridor.test(pLat, pLon);
        SphereOracle.Nearest expected = oracle.nearest(pLat, pLon);
        String where = "route " + route + " r=" + radius + " point (" + pLat + ", " + pLon + ")";
        assertThat(p.distanceMeters()).as(where).isCloseTo(expected.distanceMeters(), within(0.01));
        if (!expected.ambiguous(1.0)) {
          assertThat(expected.acceptsOffset(p.offsetMeters(), 1.0)).as(where + " offset " + p.offsetMeters()).isTrue();
        }
        if (Math.abs(expected.distanceMeters() - radius) > 0.05) {
          assertThat(p.inside()).as(where).isEqualTo(expected.distanceMeters() <= radius);
        }
        assertThat(corridor.contains(pLat, pLon)).as(where).isEqualTo(p.inside());
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(2_000);
  }

  @Test
  void givesTheFiltersAnswerForEveryPoint() {
    SplittableRandom rnd = new SplittableRandom(3);
    double[] lat = {46.50, 46.46, 46.43};
    double[] lon = {6.60, 6.80, 6.91};
    Corridor corridor = Corridor.of(Route.of(lat, lon), 1_500);
    LocationSet.Builder b = LocationSet.builder();
    for (int i = 0; i < 20_000; i++) {
      b.add("p" + i, rnd.nextDouble(46.3, 46.6), rnd.nextDouble(6.5, 7.0));
    }
    LocationSet set = b.build();
    List<Match> filtered = FastFilter.singleThreaded().filter(corridor, set);
    List<Match> tested = new ArrayList<>();
    for (int i = 0; i < set.size(); i++) {
      Proximity p = corridor.test(set.latDegrees(i), set.lonDegrees(i));
      if (p.inside()) {
        tested.add(new Match(set, i, p.distanceMeters(), p.offsetMeters()));
      }
    }
    tested.sort(java.util.Comparator.comparingDouble(Match::offsetMeters).thenComparing(Match::id));
    assertThat(filtered).hasSizeGreaterThan(1_000);
    assertThat(tested).isEqualTo(filtered);
  }

  @Test
  void refusesAPointOffTheGlobe() {
    Corridor corridor = Corridor.of(Route.of(new double[] {0}, new double[] {0}), 10);
    assertThatThrownBy(() -> corridor.test(91, 0)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("91");
    assertThatThrownBy(() -> corridor.contains(0, Double.NaN))
        .isInstanceOf(InvalidInputException.class);
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
