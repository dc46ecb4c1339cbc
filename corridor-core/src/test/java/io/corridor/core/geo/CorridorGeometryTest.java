package io.corridor.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.corridor.core.InvalidInputException;
import io.corridor.core.filter.Match;
import io.corridor.core.filter.Strategy;
import io.corridor.core.location.LocationSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cases worked out by hand on the contract's sphere (R = 6 371 008.8 m), for every strategy.
 *
 * <p>One degree of great circle is R·π/180 = 111 195.080 2 m; so 0.001° is 111.195 080 m, 0.01° is
 * 1 111.950 8 m, 0.1° is 11 119.508 m, 0.5° is 55 597.540 m. A point at latitude φ on the meridian
 * of a point of the equator is φ degrees of great circle from it, and the equator (a meridian) is
 * the great circle through any two of its points, so these distances need no formula beyond that.
 */
class CorridorGeometryTest {
  private static final double DEGREE = 111_195.080_233_5;   // R·π/180, metres
  private static final double CM = 0.01;
  private static final double M = 1.0;

  // ----- A route along the equator from (0, 0) to (0, 1).

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void aPointBesideTheEquatorIsMeasuredAlongItsMeridian(Strategy strategy) {
    Corridor corridor = corridor(200, 0, 0, 0, 1);
    // (0.001, 0.5): its meridian meets the route at (0, 0.5), 0.001° away, half way along.
    Match m = only(strategy, corridor, 0.001, 0.5);
    assertThat(m.distanceMeters()).isCloseTo(0.001 * DEGREE, within(CM));   // 111.195 m
    assertThat(m.offsetMeters()).isCloseTo(0.5 * DEGREE, within(M));        // 55 597.54 m
    // South of the route, a quarter of the way along.
    Match south = only(strategy, corridor, -0.001, 0.25);
    assertThat(south.distanceMeters()).isCloseTo(0.001 * DEGREE, within(CM));
    assertThat(south.offsetMeters()).isCloseTo(0.25 * DEGREE, within(M));  // 27 798.77 m
    // Twice as far (222.39 m) is outside a radius of 200 m.
    assertThat(only(strategy, corridor, 0.002, 0.5)).isNull();
  }

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void aPointBeyondAnEndIsMeasuredToThatEnd(Strategy strategy) {
    Corridor corridor = corridor(100_000, 0, 0, 0, 1);
    // (0, 1.001) lies on the route's great circle but past its end: 0.001° from (0, 1).
    Match past = only(strategy, corridor, 0, 1.001);
    assertThat(past.distanceMeters()).isCloseTo(0.001 * DEGREE, within(CM));
    assertThat(past.offsetMeters()).isCloseTo(1 * DEGREE, within(M));        // the whole route
    // (0, -0.001) before the start: offset 0.
    Match before = only(strategy, corridor, 0, -0.001);
    assertThat(before.distanceMeters()).isCloseTo(0.001 * DEGREE, within(CM));
    assertThat(before.offsetMeters()).isCloseTo(0, within(M));
    // (0.5, 1.5) to the end (0, 1): cos d = cos 0.5° · cos 0.5° (right triangle at (0, 1)),
    // d = 0.707 10°, 78 626.296 m — not its 55 597.54 m to the great circle beyond the end.
    Match diagonal = only(strategy, corridor, 0.5, 1.5);
    assertThat(diagonal.distanceMeters()).isCloseTo(78_626.296, within(CM));
    assertThat(diagonal.offsetMeters()).isCloseTo(1 * DEGREE, within(M));
  }

  // ----- Poles and the antimeridian.

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void aRouteBetweenOppositeMeridiansPassesOverThePole(Strategy strategy) {
    // (89, 0) to (89, 180): the shorter arc runs up meridian 0, over the pole, down meridian 180:
    // 2° long, the pole half way.
    Corridor corridor = corridor(60_000, 89, 0, 89, 180);
    Match pole = only(strategy, corridor, 90, 0);
    assertThat(pole.distanceMeters()).isCloseTo(0, within(CM));
    assertThat(pole.offsetMeters()).isCloseTo(1 * DEGREE, within(M));
    // (89.5, 90) is 0.5° from the pole along meridian 90, which crosses the route at right angles
    // at the pole: 55 597.54 m, inside 60 km; yet it is 1.118° (124 km) from either vertex.
    Match side = only(strategy, corridor, 89.5, 90);
    assertThat(side.distanceMeters()).isCloseTo(0.5 * DEGREE, within(CM));
    assertThat(side.offsetMeters()).isCloseTo(1 * DEGREE, within(M));
    // On the far leg: (89.5, 180) is 1.5° along.
    Match far = only(strategy, corridor, 89.5, 180);
    assertThat(far.distanceMeters()).isCloseTo(0, within(CM));
    assertThat(far.offsetMeters()).isCloseTo(1.5 * DEGREE, within(M));
    // (89.4, -90) is 0.6° from the pole: 66 717 m, outside 60 km.
    assertThat(only(strategy, corridor, 89.4, -90)).isNull();
  }

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void aRouteAcrossTheAntimeridianIsTheShortWay(Strategy strategy) {
    // (0, 179.9) to (0, -179.9) is 0.2° of equator across ±180: 22 239.02 m, not 40 000 km.
    Corridor corridor = corridor(2_000, 0, 179.9, 0, -179.9);
    Match end = only(strategy, corridor, 0, -179.9);
    assertThat(end.offsetMeters()).isCloseTo(0.2 * DEGREE, within(M));      // 22 239.02 m
    Match cross = only(strategy, corridor, 0.01, 180);
    assertThat(cross.distanceMeters()).isCloseTo(0.01 * DEGREE, within(CM)); // 1 111.95 m
    assertThat(cross.offsetMeters()).isCloseTo(0.1 * DEGREE, within(M));    // 11 119.51 m
    Match west = only(strategy, corridor, -0.01, -179.95);
    assertThat(west.distanceMeters()).isCloseTo(0.01 * DEGREE, within(CM));
    assertThat(west.offsetMeters()).isCloseTo(0.15 * DEGREE, within(M));    // 16 679.26 m
    // The long way round would pass through (0, 0) and (0, 90); the route does not.
    Corridor wide = corridor(1_000_000, 0, 179.9, 0, -179.9);
    assertThat(only(strategy, wide, 0, 0)).isNull();
    assertThat(only(strategy, wide, 0, 90)).isNull();
    assertThat(only(strategy, wide, 0, 171)).isNotNull();  // 8.9° = 989.6 km from (0, 179.9)
  }

  // ----- Ties: the smallest offset.

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void aPointEquallyNearTwoPartsOfARouteGetsTheSmallerOffset(Strategy strategy) {
    // Out and back along the equator: (0.001, 0.5) is 111.195 m from both legs, at offsets 0.5°
    // and 1.5°; the contract wants 0.5°.
    Corridor outAndBack = corridor(200, 0, 0, 0, 1, 0, 0);
    Match m = only(strategy, outAndBack, 0.001, 0.5);
    assertThat(m.distanceMeters()).isCloseTo(0.001 * DEGREE, within(CM));
    assertThat(m.offsetMeters()).isCloseTo(0.5 * DEGREE, within(M));

    // A U of two meridian legs 0.002° apart, (0, 0) → (1, 0) → (1, 0.002) → (0, 0.002): the point
    // (0.5, 0.001) lies on the mirror meridian between them. Its distance to either leg's great
    // circle is asin(cos 0.5° · sin 0.001°) = 111.190 846 m, its foot at latitude
    // atan(tan 0.5° / cos 0.001°) = 0.5° (to 1e-10°): offsets 0.5° and 1.5° + the 0.002° bottom.
    Corridor u = corridor(200, 0, 0, 1, 0, 1, 0.002, 0, 0.002);
    Match mirror = only(strategy, u, 0.5, 0.001);
    assertThat(mirror.distanceMeters()).isCloseTo(111.190_846, within(CM));
    assertThat(mirror.offsetMeters()).isCloseTo(0.5 * DEGREE, within(M));
    // Walked the other way, the first leg is the other one, and 0.5° again.
    Corridor reversed = corridor(200, 0, 0.002, 1, 0.002, 1, 0, 0, 0);
    assertThat(only(strategy, reversed, 0.5, 0.001).offsetMeters()).isCloseTo(0.5 * DEGREE, within(M));
  }

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void aLocationOfSeveralPointsTakesItsNearestPoint(Strategy strategy) {
    Corridor corridor = corridor(500, 0, 0, 0, 1);
    LocationSet set = LocationSet.builder()
        .add("a", 0.004, 0.2)    // 444.78 m
        .add("a", 0.001, 0.7)    // 111.20 m: the nearest, at 0.7°
        .add("a", 0.010, 0.9)    // 1 111.95 m: outside, ignored
        .add("b", 0.001, 0.3)    // 111.20 m
        .add("b", -0.001, 0.6)   // 111.20 m as well: the smaller offset, 0.3°, wins
        .build();
    List<Match> matches = strategy.filter().filter(corridor, set);
    assertThat(matches).hasSize(2);
    Match b = matches.get(0);
    Match a = matches.get(1);
    assertThat(set.id(a.location())).isEqualTo("a");
    assertThat(a.distanceMeters()).isCloseTo(0.001 * DEGREE, within(CM));
    assertThat(a.offsetMeters()).isCloseTo(0.7 * DEGREE, within(M));
    assertThat(set.id(b.location())).isEqualTo("b");
    assertThat(b.distanceMeters()).isCloseTo(0.001 * DEGREE, within(CM));
    assertThat(b.offsetMeters()).isCloseTo(0.3 * DEGREE, within(M));
  }

  /**
   * A location whose points are 0.9 mm apart in distance, in a chain: P1 at 100.0000 m (0.5°
   * along), P2 at 100.0009 m (0.3°), P3 at 100.0018 m (0.1°). P1 is the nearest point; P2 is
   * within the 1 mm tie window of it, P3 is not (1.8 mm). So the answer is P1's or P2's offset
   * (0.5° or 0.3°), never P3's, and it must not depend on the order in which the points were
   * given.
   */
  @ParameterizedTest
  @EnumSource(Strategy.class)
  void theNearestPointOfALocationDoesNotDependOnTheOrderOfItsPoints(Strategy strategy) {
    Corridor corridor = corridor(200, 0, 0, 0, 1);
    double[][] points = {{100.0000 / DEGREE, 0.5}, {100.0009 / DEGREE, 0.3}, {100.0018 / DEGREE, 0.1}};
    for (int[] order : new int[][] {{0, 1, 2}, {2, 1, 0}, {1, 0, 2}, {0, 2, 1}}) {
      LocationSet.Builder b = LocationSet.builder();
      for (int k : order) {
        b.add("chain", points[k][0], points[k][1]);
      }
      List<Match> matches = strategy.filter().filter(corridor, b.build());
      assertThat(matches).hasSize(1);
      Match m = matches.get(0);
      String as = "points in order " + java.util.Arrays.toString(order) + ": " + m;
      assertThat(m.distanceMeters()).as(as).isCloseTo(100.0, within(CM));
      assertThat(m.offsetMeters()).as(as).isGreaterThan(0.3 * DEGREE - M);
    }
  }

  // ----- Degenerate routes.

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void aSingleVertexRouteIsAPoint(Strategy strategy) {
    // (10.01, 20) is 0.01° up the meridian from (10, 20): 1 111.95 m.
    Match north = only(strategy, corridor(1_200, 10, 20), 10.01, 20);
    assertThat(north.distanceMeters()).isCloseTo(0.01 * DEGREE, within(CM));
    assertThat(north.offsetMeters()).isEqualTo(0.0);
    Match on = only(strategy, corridor(1_200, 10, 20), 10, 20);
    assertThat(on.distanceMeters()).isCloseTo(0, within(CM));
    assertThat(only(strategy, corridor(1_100, 10, 20), 10.01, 20)).isNull();
    // East along 10°N, Δλ of longitude is about Δλ·cos 10° of great circle: 0.01015° is
    // 0.009996° = 1 111.5 m, 0.01016° is 0.010006° = 1 112.6 m.
    assertThat(only(strategy, corridor(1_112.0, 10, 20), 10, 20.010_15)).isNotNull();
    assertThat(only(strategy, corridor(1_111.9, 10, 20), 10, 20.010_16)).isNull();
  }

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void repeatedVerticesChangeNothing(Strategy strategy) {
    Corridor plain = corridor(500, 0, 0, 0, 1, 0, 2);
    Corridor repeated = corridor(500, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 2, 0, 2);
    double[][] points = {{0.001, 1.5}, {0.001, 1}, {0, -0.001}, {-0.004, 0.25}, {0.001, 2.002}};
    double[][] expected = {   // distance in degrees, offset in degrees, by hand
      {0.001, 1.5}, {0.001, 1}, {0.001, 0}, {0.004, 0.25}, {Math.hypot(0.001, 0.002), 2}};
    for (int i = 0; i < points.length; i++) {
      for (Corridor c : List.of(plain, repeated)) {
        Match m = only(strategy, c, points[i][0], points[i][1]);
        assertThat(m).as("point %d", i).isNotNull();
        assertThat(m.distanceMeters()).as("point %d", i).isCloseTo(expected[i][0] * DEGREE, within(CM));
        assertThat(m.offsetMeters()).as("point %d", i).isCloseTo(expected[i][1] * DEGREE, within(M));
      }
    }
  }

  // ----- Refused input.

  @ParameterizedTest
  @ValueSource(strings = {"0,0,0,180", "10,10,0,0,0,180", "90,0,-90,0", "45,30,-45,-150"})
  void antipodalConsecutiveVerticesAreRefused(String vertices) {
    double[] v = java.util.Arrays.stream(vertices.split(",")).mapToDouble(Double::parseDouble).toArray();
    int n = v.length / 2;
    double[] lat = new double[n];
    double[] lon = new double[n];
    for (int i = 0; i < n; i++) {
      lat[i] = v[2 * i];
      lon[i] = v[2 * i + 1];
    }
    String pair = "vertices " + (n - 1) + " and " + n;
    assertThatThrownBy(() -> Route.of(lat, lon))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(pair)
        .hasMessageContaining("antipodal");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -0.0, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void aRadiusThatIsNotAPositiveFiniteNumberIsRefused(double radius) {
    Route route = Route.of(new double[] {0, 0}, new double[] {0, 1});
    assertThatThrownBy(() -> Corridor.of(route, radius))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("radius");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "3,latitude,91", "3,latitude,-91", "2,longitude,181", "2,longitude,-181",
      "1,latitude,NaN", "1,longitude,NaN", "3,latitude,Infinity", "2,longitude,-Infinity"})
  void anOutOfRangeCoordinateIsRefusedNamingItsVertex(String spec) {
    String[] parts = spec.split(",");
    int vertex = Integer.parseInt(parts[0]);
    double bad = Double.parseDouble(parts[2]);
    double[] lat = {0, 0.1, 0.2};
    double[] lon = {0, 0.1, 0.2};
    (parts[1].equals("latitude") ? lat : lon)[vertex - 1] = bad;
    assertThatThrownBy(() -> Route.of(lat, lon))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("vertex " + vertex)
        .hasMessageContaining(parts[1])
        .hasMessageContaining(parts[2]);
  }

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void theExtremesOfTheRangeAreValid(Strategy strategy) {
    // ±90 and ±180 are in range; (90, 0) → (-89, 180) is 179°, not antipodal.
    Route route = Route.of(new double[] {90, -89, -90, 0}, new double[] {0, 180, -180, -180});
    assertThat(route.size()).isEqualTo(4);
    Match m = only(strategy, Corridor.of(route, 10), 90, 123);   // any longitude at the pole
    assertThat(m.distanceMeters()).isCloseTo(0, within(CM));
    assertThat(m.offsetMeters()).isCloseTo(0, within(M));
  }

  @org.junit.jupiter.api.Test
  void anEmptyRouteIsRefused() {
    assertThatThrownBy(() -> Route.of(new double[0], new double[0]))
        .isInstanceOf(InvalidInputException.class);
  }

  // ----- Helpers.

  /** Returns the corridor of radius {@code radius} along vertices given as lat, lon, lat, lon... */
  private static Corridor corridor(double radius, double... latLon) {
    double[] lat = new double[latLon.length / 2];
    double[] lon = new double[latLon.length / 2];
    for (int i = 0; i < lat.length; i++) {
      lat[i] = latLon[2 * i];
      lon[i] = latLon[2 * i + 1];
    }
    return Corridor.of(Route.of(lat, lon), radius);
  }

  /** Returns the match of a single one-point location, or null if it is outside. */
  private static Match only(Strategy strategy, Corridor corridor, double lat, double lon) {
    List<Match> matches = strategy.filter()
        .filter(corridor, LocationSet.builder().add("x", lat, lon).build());
    assertThat(matches).hasSizeLessThanOrEqualTo(1);
    return matches.isEmpty() ? null : matches.get(0);
  }
  @Test
  void anArcsEndOffsetIsTheRouteLengthToItsEndAndBoundsEveryOffsetOnIt() {
    // Along the equator, arcs of 1° and 2°: their ends lie R·1° and R·3° along the route.
    Corridor corridor = Corridor.of(Route.of(new double[] {0, 0, 0}, new double[] {0, 1, 3}), 5_000);
    double degree = Math.toRadians(1) * Sphere.EARTH_RADIUS_METERS;
    assertThat(corridor.arcEndOffsetMeters(0)).isCloseTo(degree, within(1e-6));
    assertThat(corridor.arcEndOffsetMeters(1)).isCloseTo(3 * degree, within(1e-6));
    // Beyond the route's end, a point's offset is the last arc's end, to the bit.
    assertThat(corridor.test(0.01, 3.02).offsetMeters()).isEqualTo(corridor.arcEndOffsetMeters(1));
    // Short of the first arc's end, no offset exceeds it.
    for (int i = 0; i < 100; i++) {
      double lon = 0.9 + i * 0.001;
      assertThat(corridor.test(0.02, lon).offsetMeters())
          .as("offset at longitude %s", lon).isLessThanOrEqualTo(corridor.arcEndOffsetMeters(0));
    }
  }
}
