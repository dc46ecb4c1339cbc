package io.corridor.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.common.geometry.S2Point;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link ArcBounds#boundingBox()}, the whole corridor's box, against the oracle: every point
 * GeographicLib places within the radius of a point S2 places on the route lies in the box (with
 * its wrap across the antimeridian), a box reaches all longitudes and the pole whenever the oracle
 * finds a pole inside the corridor, and the box of a short route is no wider or taller than the
 * extent the oracle's points reach, give or take the variation of 1/cos(latitude) along it.
 */
class CorridorBoundingBoxTest {
  /** Points nearer than this to the edge may fall either side (the contract's 5 cm). */
  private static final double SLACK_METERS = 0.05;

  /** The kinds of route the random scenes have. */
  enum Kind { CITY, REGIONAL, LONG, POLAR, ANTIMERIDIAN, POINT, TINY }

  @Property(tries = 700, seed = "20261130")
  void everyPointWithinTheRadiusOfTheRouteIsInTheBox(@ForAll long seed, @ForAll @IntRange(min = 0, max = 6) int kind) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] route = randomRoute(rnd, Kind.values()[kind]);
    double radius = kind == Kind.TINY.ordinal() ? logUniform(rnd, 0.2, 5) : logUniform(rnd, 1, 800_000);
    double[] box = ArcBounds.of(Corridor.of(Route.of(route[0], route[1]), radius)).boundingBox();
    String scene = Kind.values()[kind] + " route " + Arrays.toString(route[0]) + " " + Arrays.toString(route[1])
        + ", r " + radius + ", box " + Arrays.toString(box);
    assertWellFormed(box, scene);
    SphereOracle.OracleRoute oracle = new SphereOracle.OracleRoute(route[0], route[1]);
    for (double[] p : pointsWithin(oracle, radius, rnd, 300)) {
      assertThat(inBox(box, p[0], p[1])).as("%s: point %s at %s m", scene, Arrays.toString(p),
          oracle.distanceMeters(p[0], p[1])).isTrue();
    }
    // A pole within the radius is reached from every longitude.
    if (oracle.distanceMeters(90, 0) <= radius - SLACK_METERS) {
      assertThat(box).as(scene).containsExactly(new double[] {-180, box[1], 180, 90}, within(0.0));
    }
    if (oracle.distanceMeters(-90, 0) <= radius - SLACK_METERS) {
      assertThat(box).as(scene).containsExactly(new double[] {-180, -90, 180, box[3]}, within(0.0));
    }
  }

  @Property(tries = 300, seed = "20261201")
  void theBoxOfAShortRouteIsAsSmallAsTheCorridorAllows(@ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int vertices = 1 + rnd.nextInt(6);
    double[] lat = new double[vertices];
    double[] lon = new double[vertices];
    lat[0] = -60 + 120 * rnd.nextDouble();
    lon[0] = -180 + 360 * rnd.nextDouble();
    for (int i = 1; i < vertices; i++) {
      double[] next = SphereOracle.direct(lat[i - 1], lon[i - 1], 360 * rnd.nextDouble(), logUniform(rnd, 10, 20_000));
      lat[i] = next[0];
      lon[i] = next[1];
    }
    double radius = logUniform(rnd, 5, 20_000);
    double[] box = ArcBounds.of(Corridor.of(Route.of(lat, lon), radius)).boundingBox();
    double[] reach = reach(new SphereOracle.OracleRoute(lat, lon), radius);
    String scene = "route " + Arrays.toString(lat) + " " + Arrays.toString(lon) + ", r " + radius
        + ", box " + Arrays.toString(box) + ", reach " + Arrays.toString(reach);
    double height = box[3] - box[1];
    double width = box[2] - box[0] + (box[0] > box[2] ? 360 : 0);
    // The reach is a lower bound (sampled points at r); the box may exceed it by the oracle's
    // sampling and the box's own 1e-9° margin on latitude, and on longitude by the padding taken
    // at the highest latitude of each arc rather than at each end.
    assertThat(height).as(scene).isBetween(reach[0] - 1e-8, reach[0] * 1.000_01 + 1e-7);
    assertThat(width).as(scene).isBetween(reach[1] - 1e-8, reach[1] * 1.05 + 1e-7);
  }

  @Test
  void aPointIsTheCapAroundIt() {
    for (double[] c : new double[][] {{0, 0}, {46.5, 6.6}, {-33.9, 151.2}, {70, -179.99}, {-80, 179.999}}) {
      for (double radius : new double[] {1, 500, 50_000, 900_000}) {
        double[] box = ArcBounds.of(Corridor.of(Route.of(new double[] {c[0]}, new double[] {c[1]}), radius))
            .boundingBox();
        double[] north = SphereOracle.direct(c[0], c[1], 0, radius);
        double[] south = SphereOracle.direct(c[0], c[1], 180, radius);
        // The cap of angular radius ρ around latitude φ reaches furthest east at azimuth acos(tan ρ · tan φ).
        double azimuth = Math.toDegrees(Math.acos(Math.tan(radius / SphereOracle.R) * Math.tan(Math.toRadians(c[0]))));
        double[] east = SphereOracle.direct(c[0], c[1], azimuth, radius);
        double[] west = SphereOracle.direct(c[0], c[1], -azimuth, radius);
        String what = Arrays.toString(c) + " r " + radius + ": " + Arrays.toString(box);
        assertThat(box[1]).as(what).isCloseTo(south[0], within(1e-8));
        assertThat(box[3]).as(what).isCloseTo(north[0], within(1e-8));
        assertThat(box[0]).as(what).isCloseTo(west[1], within(1e-8));
        assertThat(box[2]).as(what).isCloseTo(east[1], within(1e-8));
      }
    }
  }

  @Test
  void acrossTheAntimeridianWestIsGreaterThanEast() {
    double[] box = box(new double[] {-10, 10}, new double[] {179.5, -179.5}, 1_000);
    assertThat(box[0]).isGreaterThan(box[2]);
    double[] westEdge = SphereOracle.direct(-10, 179.5, -90, 1_000);
    double[] eastEdge = SphereOracle.direct(10, -179.5, 90, 1_000);
    assertThat(box[0]).isBetween(westEdge[1] - 0.001, westEdge[1]);
    assertThat(box[2]).isBetween(eastEdge[1], eastEdge[1] + 0.001);
    assertThat(box[1]).isCloseTo(SphereOracle.direct(-10, 179.5, 180, 1_000)[0], within(1e-8));
    assertThat(box[3]).isCloseTo(SphereOracle.direct(10, -179.5, 0, 1_000)[0], within(1e-8));

    // A route that goes west across the antimeridian and back: still the short way round.
    double[] back = box(new double[] {0, 0, 0}, new double[] {-179, 179, -178}, 100);
    assertThat(back[0]).isCloseTo(179, within(0.01));
    assertThat(back[2]).isCloseTo(-178, within(0.01));

    // Ending on it: a route at 170..180 gives a box that crosses it by the padding.
    double[] ends = box(new double[] {0, 0}, new double[] {170, 180}, 10_000);
    assertThat(ends[0]).isCloseTo(170 - Math.toDegrees(10_000 / SphereOracle.R), within(1e-6));
    assertThat(ends[2]).isCloseTo(-180 + Math.toDegrees(10_000 / SphereOracle.R), within(1e-6));
  }

  @Test
  void aCorridorThatReachesAPoleSpansAllLongitudes() {
    // Through the pole, near it, and a corridor wide enough to reach it from 89.9°.
    double[] through = box(new double[] {89, 90, 89}, new double[] {0, 0, 180}, 10);
    assertThat(through).containsExactly(new double[] {-180, SphereOracle.direct(89, 0, 180, 10)[0], 180, 90}, within(1e-8));
    double[] near = box(new double[] {89.9, 89.9}, new double[] {0, 90}, 20_000);
    assertThat(new double[] {near[0], near[2], near[3]}).containsExactly(-180, 180, 90);
    double[] south = box(new double[] {-89.9}, new double[] {45}, 12_000);
    assertThat(new double[] {south[0], south[1], south[2]}).containsExactly(-180, -90, 180);
    // Not quite: 89.9° is 11.1 km from the pole.
    double[] short1 = box(new double[] {-89.9}, new double[] {45}, 11_000);
    assertThat(short1[1]).isGreaterThan(-90);
    assertThat(short1[2] - short1[0] + (short1[0] > short1[2] ? 360 : 0)).isLessThan(360);
  }

  @Test
  void tinyRoutesAndRepeatedVertices() {
    double[] mm = SphereOracle.direct(48.85, 2.35, 30, 0.001);
    double[] tiny = box(new double[] {48.85, mm[0], mm[0]}, new double[] {2.35, mm[1], mm[1]}, 0.5);
    double metresPerDegree = Math.toRadians(SphereOracle.R);
    assertThat((tiny[3] - tiny[1]) * metresPerDegree).isBetween(1.0, 1.002);
    assertThat((tiny[2] - tiny[0]) * metresPerDegree * Math.cos(Math.toRadians(48.85))).isBetween(1.0, 1.002);
    assertThat(box(new double[] {10, 10, 10}, new double[] {20, 20, 20}, 300))
        .containsExactly(box(new double[] {10}, new double[] {20}, 300), within(0.0));
  }

  // Oracle points.

  /**
   * Points within r − 5 cm of the route: from random route points (S2's interpolation along each
   * arc), GeographicLib's geodesic in a random direction, and towards the cap's northernmost,
   * southernmost, easternmost and westernmost points, where a box is most likely to be short.
   */
  private static List<double[]> pointsWithin(SphereOracle.OracleRoute oracle, double radius,
      SplittableRandom rnd, int count) {
    List<double[]> points = new ArrayList<>();
    int arcs = oracle.arcCount();
    for (int k = 0; k < count; k++) {
      int arc = rnd.nextInt(arcs);
      S2Point a = oracle.vertex(arc);
      S2Point b = oracle.vertex(Math.min(arc + 1, oracle.size() - 1));
      double t = rnd.nextInt(10) == 0 ? rnd.nextInt(2) : rnd.nextDouble();
      double[] c = SphereOracle.latLon(SphereOracle.along(a, b, t));
      double d = radius > 2 * SLACK_METERS
          ? radius - Math.min(logUniform(rnd, SLACK_METERS, radius), radius - SLACK_METERS)
          : radius * rnd.nextDouble();
      d = Math.min(d, radius - SLACK_METERS);
      if (d < 0) {
        d = 0.5 * radius;
      }
      for (double azimuth : extremeAzimuths(c[0], d, rnd)) {
        double[] p = SphereOracle.direct(c[0], c[1], azimuth, d);
        if (oracle.distanceMeters(p[0], p[1]) <= radius - SLACK_METERS) {
          points.add(p);
        }
      }
    }
    return points;
  }

  /** A random azimuth, due north and south, and the two of the cap's widest reach in longitude. */
  private static double[] extremeAzimuths(double lat, double meters, SplittableRandom rnd) {
    double c = Math.tan(meters / SphereOracle.R) * Math.tan(Math.toRadians(lat));
    if (Math.abs(c) >= 1) {
      return new double[] {360 * rnd.nextDouble(), 0, 180};
    }
    double widest = Math.toDegrees(Math.acos(c));
    return new double[] {360 * rnd.nextDouble(), 0, 180, widest, -widest};
  }

  /**
   * Returns {height, width} in degrees of what the oracle's points at distance r reach from 400
   * points along each arc: a lower bound of the corridor's extent, unwrapped from the first vertex.
   */
  private static double[] reach(SphereOracle.OracleRoute oracle, double radius) {
    double south = 90;
    double north = -90;
    double west = Double.POSITIVE_INFINITY;
    double east = Double.NEGATIVE_INFINITY;
    double lon0 = SphereOracle.latLon(oracle.vertex(0))[1];
    double d = radius;
    for (int arc = 0; arc < oracle.arcCount(); arc++) {
      S2Point a = oracle.vertex(arc);
      S2Point b = oracle.vertex(Math.min(arc + 1, oracle.size() - 1));
      for (int k = 0; k <= 400; k++) {
        double[] c = SphereOracle.latLon(SphereOracle.along(a, b, k / 400.0));
        double widest = Math.toDegrees(Math.acos(Math.tan(d / SphereOracle.R) * Math.tan(Math.toRadians(c[0]))));
        for (double azimuth : new double[] {0, 180, widest, -widest}) {
          double[] p = SphereOracle.direct(c[0], c[1], azimuth, d);
          south = Math.min(south, p[0]);
          north = Math.max(north, p[0]);
          double lon = lon0 + SphereOracle.wrapLon(p[1] - lon0);
          west = Math.min(west, lon);
          east = Math.max(east, lon);
        }
      }
    }
    return new double[] {north - south, east - west};
  }

  private static double[] box(double[] lat, double[] lon, double radius) {
    return ArcBounds.of(Corridor.of(Route.of(lat, lon), radius)).boundingBox();
  }

  private static void assertWellFormed(double[] box, String scene) {
    assertThat(box).as(scene).hasSize(4);
    assertThat(box[0]).as(scene).isBetween(-180.0, 180.0);
    assertThat(box[2]).as(scene).isBetween(-180.0, 180.0);
    assertThat(box[1]).as(scene).isBetween(-90.0, box[3]);
    assertThat(box[3]).as(scene).isLessThanOrEqualTo(90);
  }

  /** Whether a point lies in an RFC 7946 box, west > east across the antimeridian, ±180 one meridian. */
  private static boolean inBox(double[] box, double lat, double lon) {
    if (lat < box[1] || lat > box[3]) {
      return false;
    }
    return inLongitudes(box, lon) || (Math.abs(lon) == 180 && inLongitudes(box, -lon));
  }

  private static boolean inLongitudes(double[] box, double lon) {
    return box[0] <= box[2] ? box[0] <= lon && lon <= box[2] : lon >= box[0] || lon <= box[2];
  }

  // Random routes.

  private static double[][] randomRoute(SplittableRandom rnd, Kind kind) {
    double lat0 = switch (kind) {
      case POLAR -> (rnd.nextBoolean() ? 1 : -1) * (80 + 10 * rnd.nextDouble());
      case ANTIMERIDIAN -> -80 + 160 * rnd.nextDouble();
      default -> Math.toDegrees(Math.asin(2 * rnd.nextDouble() - 1));
    };
    double lon0 = kind == Kind.ANTIMERIDIAN ? (rnd.nextBoolean() ? 1 : -1) * (179 + rnd.nextDouble())
        : -180 + 360 * rnd.nextDouble();
    int vertices = kind == Kind.POINT ? 1 : 2 + rnd.nextInt(5);
    double[] lat = new double[vertices];
    double[] lon = new double[vertices];
    lat[0] = lat0;
    lon[0] = lon0;
    for (int i = 1; i < vertices; i++) {
      double azimuth = switch (kind) {
        case POLAR -> (lat0 > 0 ? 0 : 180) + 60 * (2 * rnd.nextDouble() - 1);
        case ANTIMERIDIAN -> (lon0 > 0 ? 90 : -90) + 60 * (2 * rnd.nextDouble() - 1);
        default -> 360 * rnd.nextDouble();
      };
      double length = switch (kind) {
        case CITY -> logUniform(rnd, 10, 5_000);
        case REGIONAL -> logUniform(rnd, 1_000, 100_000);
        case LONG -> logUniform(rnd, 100_000, 9_000_000);
        case POLAR, ANTIMERIDIAN -> logUniform(rnd, 100, 1_500_000);
        case TINY -> rnd.nextInt(3) == 0 ? 0 : logUniform(rnd, 1e-4, 0.5);
        case POINT -> 0;
      };
      double[] next = SphereOracle.direct(lat[i - 1], lon[i - 1], azimuth, length);
      lat[i] = next[0];
      lon[i] = next[1];
    }
    return new double[][] {lat, lon};
  }

  private static double logUniform(SplittableRandom rnd, double lo, double hi) {
    return lo * Math.pow(hi / lo, rnd.nextDouble());
  }
}
