package io.corridor.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.geo.SphereOracle;
import io.corridor.core.geo.SphereOracle.Nearest;
import io.corridor.core.location.LocationSet;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Symmetries of the corridor that hold on the sphere whatever the answer is, for every strategy:
 * turning the Earth about its axis, walking the route backwards, repeating a vertex, and widening
 * the corridor. Scenes are routes of five kinds (city, regional, transoceanic arc, polar,
 * antimeridian) with locations placed by the oracle, mostly near the corridor's edge; the oracle
 * decides which points are too near the edge (5 cm) or too near a tie between two parts of the
 * route (1 m apart along it) for the comparison to be meaningful.
 *
 * <p>The seeds are fixed so that the suite gives the same verdict on every run; remove them to
 * explore further.
 */
class CorridorPropertiesTest {
  private static final double EDGE_SLACK_METERS = 0.05;
  private static final double DISTANCE_TOLERANCE_METERS = 0.01;
  private static final double OFFSET_TOLERANCE_METERS = 1.0;

  /** The kinds of route a scene can have. */
  enum Kind { CITY, REGIONAL, TRANSOCEANIC, POLAR, ANTIMERIDIAN }

  @Property(tries = 200, seed = "20240601")
  void turningTheEarthAboutItsAxisChangesNothing(
      @ForAll("scenes") OracleScenario scene, @ForAll @DoubleRange(min = -360, max = 360) double shift) {
    double[] shiftedLon = Arrays.stream(scene.routeLon).map(l -> SphereOracle.wrapLon(l + shift)).toArray();
    Corridor original = Corridor.of(Route.of(scene.routeLat, scene.routeLon), scene.radiusMeters);
    Corridor shifted = Corridor.of(Route.of(scene.routeLat, shiftedLon), scene.radiusMeters);
    LocationSet before = locations(scene, 0);
    LocationSet after = locations(scene, shift);
    Nearest[] truth = truth(scene);
    for (FilterUnderTest strategy : FilterUnderTest.values()) {
      assertSameAnswers("shift " + shift + " " + strategy, scene, truth,
          byLocation(strategy, original, before), byLocation(strategy, shifted, after), o -> o);
    }
  }

  @Property(tries = 200, seed = "20240602")
  void walkingTheRouteBackwardsMapsOffsetToLengthLessOffset(@ForAll("scenes") OracleScenario scene) {
    int n = scene.routeLat.length;
    double[] lat = new double[n];
    double[] lon = new double[n];
    for (int i = 0; i < n; i++) {
      lat[i] = scene.routeLat[n - 1 - i];
      lon[i] = scene.routeLon[n - 1 - i];
    }
    double length = scene.oracleRoute().lengthMeters();
    Corridor forward = Corridor.of(Route.of(scene.routeLat, scene.routeLon), scene.radiusMeters);
    Corridor backward = Corridor.of(Route.of(lat, lon), scene.radiusMeters);
    LocationSet set = locations(scene, 0);
    Nearest[] truth = truth(scene);
    for (FilterUnderTest strategy : FilterUnderTest.values()) {
      assertSameAnswers("reversed " + strategy, scene, truth,
          byLocation(strategy, forward, set), byLocation(strategy, backward, set), o -> length - o);
    }
  }

  @Property(tries = 200, seed = "20240603")
  void repeatingAVertexChangesNothing(
      @ForAll("scenes") OracleScenario scene, @ForAll @IntRange(min = 0, max = 10_000) int which,
      @ForAll @IntRange(min = 1, max = 3) int copies) {
    int n = scene.routeLat.length;
    int k = which % n;
    double[] lat = new double[n + copies];
    double[] lon = new double[n + copies];
    for (int i = 0, j = 0; i < n; i++) {
      for (int c = 0; c < (i == k ? 1 + copies : 1); c++, j++) {
        lat[j] = scene.routeLat[i];
        lon[j] = scene.routeLon[i];
      }
    }
    Corridor plain = Corridor.of(Route.of(scene.routeLat, scene.routeLon), scene.radiusMeters);
    Corridor repeated = Corridor.of(Route.of(lat, lon), scene.radiusMeters);
    LocationSet set = locations(scene, 0);
    Nearest[] truth = truth(scene);
    for (FilterUnderTest strategy : FilterUnderTest.values()) {
      assertSameAnswers("vertex " + (k + 1) + " repeated " + copies + "x, " + strategy, scene, truth,
          byLocation(strategy, plain, set), byLocation(strategy, repeated, set), o -> o);
    }
  }

  @Property(tries = 200, seed = "20240604")
  void wideningTheCorridorNeverDropsAMatch(
      @ForAll("scenes") OracleScenario scene, @ForAll @DoubleRange(min = 0, max = 2) double growth) {
    Route route = Route.of(scene.routeLat, scene.routeLon);
    double wider = scene.radiusMeters * (1 + growth);
    Corridor narrow = Corridor.of(route, scene.radiusMeters);
    Corridor wide = Corridor.of(route, wider);
    LocationSet set = locations(scene, 0);
    Nearest[] truth = truth(scene);
    for (FilterUnderTest strategy : FilterUnderTest.values()) {
      Match[] a = byLocation(strategy, narrow, set);
      Match[] b = byLocation(strategy, wide, set);
      for (int loc = 0; loc < a.length; loc++) {
        if (a[loc] == null) {
          continue;
        }
        String what = strategy + " r " + scene.radiusMeters + " -> " + wider + " " + describe(scene, loc);
        assertThat(b[loc]).as("dropped when widened: %s", what).isNotNull();
        assertThat(Math.abs(a[loc].distanceMeters() - b[loc].distanceMeters()))
            .as("distance changed: %s %s %s", what, a[loc], b[loc]).isLessThanOrEqualTo(DISTANCE_TOLERANCE_METERS);
        if (!truth[loc].ambiguous(OFFSET_TOLERANCE_METERS)) {
          assertThat(Math.abs(a[loc].offsetMeters() - b[loc].offsetMeters()))
              .as("offset changed: %s %s %s", what, a[loc], b[loc]).isLessThanOrEqualTo(OFFSET_TOLERANCE_METERS);
        }
      }
    }
  }

  @Provide
  Arbitrary<OracleScenario> scenes() {
    return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.longs())
        .as(CorridorPropertiesTest::scene);
  }

  /** A route of the given kind with 150 locations, from a seed. */
  static OracleScenario scene(Kind kind, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double lat0 = -70 + 140 * rnd.nextDouble();
    double lon0 = 360 * rnd.nextDouble() - 180;
    double azimuth = 360 * rnd.nextDouble() - 180;
    double[][] v;
    double radius;
    switch (kind) {
      case CITY -> {
        v = OracleScenario.walk(rnd, lat0, lon0, azimuth, 5_000 + 5_000 * rnd.nextDouble(), 50, 500, 40);
        radius = OracleScenario.logUniform(rnd, 10, 2_000);
      }
      case REGIONAL -> {
        v = OracleScenario.walk(rnd, lat0, lon0, azimuth, 300_000, 10_000, 60_000, 40);
        radius = OracleScenario.logUniform(rnd, 100, 50_000);
      }
      case TRANSOCEANIC -> {
        double[] b = OracleScenario.move(lat0, lon0, azimuth, 3_000_000 + 12_000_000 * rnd.nextDouble());
        v = new double[][] {{lat0, b[0]}, {lon0, b[1]}};
        radius = OracleScenario.logUniform(rnd, 1_000, 300_000);
      }
      case POLAR -> {
        double sign = rnd.nextBoolean() ? 1 : -1;
        v = OracleScenario.walk(rnd, sign * (84 + 5 * rnd.nextDouble()), lon0,
            (sign > 0 ? 0 : 180) + 30 * (2 * rnd.nextDouble() - 1), 1_000_000, 50_000, 200_000, 20);
        radius = OracleScenario.logUniform(rnd, 1_000, 500_000);
      }
      default -> {
        v = OracleScenario.walk(rnd, lat0, 179 + rnd.nextDouble(), 60 + 60 * rnd.nextDouble(),
            500_000, 10_000, 100_000, 20);
        radius = OracleScenario.logUniform(rnd, 100, 50_000);
      }
    }
    return new OracleScenario(kind.name(), v[0], v[1], radius, rnd).addLocations(150);
  }

  private static void assertSameAnswers(String what, OracleScenario scene, Nearest[] truth,
      Match[] a, Match[] b, DoubleUnaryOperator offsetMap) {
    double r = scene.radiusMeters;
    for (int loc = 0; loc < a.length; loc++) {
      if (Math.abs(truth[loc].distanceMeters() - r) <= EDGE_SLACK_METERS) {
        continue;
      }
      String where = what + ": " + describe(scene, loc) + " oracle " + truth[loc].distanceMeters()
          + " / " + truth[loc].offsetMeters() + ", " + a[loc] + " vs " + b[loc];
      assertThat(b[loc] == null).as("membership differs, %s", where).isEqualTo(a[loc] == null);
      if (a[loc] == null) {
        continue;
      }
      assertThat(Math.abs(a[loc].distanceMeters() - b[loc].distanceMeters()))
          .as("distance differs, %s", where).isLessThanOrEqualTo(DISTANCE_TOLERANCE_METERS);
      if (!truth[loc].ambiguous(OFFSET_TOLERANCE_METERS)) {
        assertThat(Math.abs(offsetMap.applyAsDouble(a[loc].offsetMeters()) - b[loc].offsetMeters()))
            .as("offset differs, %s", where).isLessThanOrEqualTo(OFFSET_TOLERANCE_METERS);
      }
    }
  }

  private static Nearest[] truth(OracleScenario scene) {
    Nearest[] truth = new Nearest[scene.locationLat.size()];
    for (int loc = 0; loc < truth.length; loc++) {
      truth[loc] = scene.oracleRoute().nearest(scene.locationLat.get(loc), scene.locationLon.get(loc));
    }
    return truth;
  }

  /** The scene's locations with every longitude turned by {@code shift} degrees (wrapped). */
  private static LocationSet locations(OracleScenario scene, double shift) {
    LocationSet.Builder b = LocationSet.builder();
    for (int i = 0; i < scene.locationLat.size(); i++) {
      int loc = b.location(OracleScenario.id(i), null);
      double[] lat = scene.locationLat.get(i);
      double[] lon = scene.locationLon.get(i);
      for (int k = 0; k < lat.length; k++) {
        b.point(loc, lat[k], SphereOracle.wrapLon(lon[k] + shift));
      }
    }
    return b.build();
  }

  private static Match[] byLocation(FilterUnderTest strategy, Corridor corridor, LocationSet set) {
    Match[] out = new Match[set.size()];
    for (Match m : strategy.filter().filter(corridor, set)) {
      out[m.location()] = m;
    }
    return out;
  }

  private static String describe(OracleScenario scene, int loc) {
    return scene.category + " route lat " + Arrays.toString(scene.routeLat) + " lon "
        + Arrays.toString(scene.routeLon) + " r " + scene.radiusMeters + ", location lat "
        + Arrays.toString(scene.locationLat.get(loc)) + " lon " + Arrays.toString(scene.locationLon.get(loc));
  }
}
