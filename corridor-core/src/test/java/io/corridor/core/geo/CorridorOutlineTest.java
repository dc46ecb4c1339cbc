package io.corridor.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.geometry.S2EdgeUtil;
import com.google.common.geometry.S2Point;
import io.corridor.core.InvalidInputException;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The outline graded by S2 and GeographicLib: every drawn point lies at the radius from an arc and
 * no further than the radius from the route, and points placed by GeographicLib well inside (or
 * well outside) the corridor fall inside (or outside) the drawn polygons, across the antimeridian
 * and around the poles.
 */
class CorridorOutlineTest {
  private static final int PER_HALF_CIRCLE = 32;
  /** How far a drawn point may be from the radius: rounding only, since samples are exact. */
  private static final double ON_RADIUS_METERS = 1e-3;

  static Stream<Arguments> routes() {
    return Stream.of(
        Arguments.of("lake shore", 500.0, new double[][] {
            {46.507, 6.627}, {46.49, 6.69}, {46.47, 6.78}, {46.46, 6.84}, {46.432, 6.912}}),
        Arguments.of("single point", 2_000.0, new double[][] {{-33.86, 151.21}}),
        Arguments.of("repeated vertex", 1_000.0, new double[][] {{10, 20}, {10, 20}, {10.1, 20.2}}),
        Arguments.of("across the antimeridian", 20_000.0, new double[][] {
            {10, 179.5}, {10.2, -179.6}, {9.8, -179.0}}),
        Arguments.of("reaching the antimeridian from the west", 30_000.0, new double[][] {
            {-17, 179.9}, {-17.5, 179.95}}),
        Arguments.of("over the north pole", 100_000.0, new double[][] {{80, 0}, {80, 180}}),
        Arguments.of("around the north pole", 300_000.0, new double[][] {{88, 0}, {88, 90}}),
        Arguments.of("near the south pole", 250_000.0, new double[][] {{-86, 30}, {-87, 150}}),
        Arguments.of("a long arc, cut into pieces", 200_000.0, new double[][] {{5, -40}, {50, 60}}),
        Arguments.of("a turn back", 5_000.0, new double[][] {{0, 0}, {0.5, 0.5}, {0, 0.02}}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void everyDrawnPointLiesAtTheRadius(String name, double radius, double[][] vertices) {
    CorridorOutline outline = CorridorOutline.of(Corridor.of(route(vertices), radius), PER_HALF_CIRCLE);
    assertThat(assertOnTheRadius(outline, radius, vertices)).isGreaterThan(2 * PER_HALF_CIRCLE);
  }

  /**
   * Checks that every drawn point is within the radius of the route, and either at the radius or
   * covered by another polygon; returns how many lie at the radius.
   */
  private static int assertOnTheRadius(CorridorOutline outline, double radius, double[][] vertices) {
    assertThat(outline.polygonCount()).isPositive();
    int onRadius = 0;
    for (int i = 0; i < outline.polygonCount(); i++) {
      double[] ring = outline.ring(i);
      assertThat(ring[0]).isEqualTo(ring[ring.length - 2]);
      assertThat(ring[1]).isEqualTo(ring[ring.length - 1]);
      assertThat(signedArea(ring)).as("ring %d is counter-clockwise", i).isPositive();
      for (int k = 0; k < ring.length; k += 2) {
        double lon = ring[k];
        double lat = ring[k + 1];
        assertThat(lon).isBetween(-180.0, 180.0);
        assertThat(lat).isBetween(-90.0, 90.0);
        if (Math.abs(lon) == 180 || Math.abs(lat) == 90) {
          continue;   // a cut at the antimeridian or a pole's edge: not part of the boundary
        }
        double d = distanceToRoute(new double[] {lat, lon}, vertices);
        assertThat(d).as("(%s, %s) is no further than the radius", lat, lon)
            .isLessThanOrEqualTo(radius + ON_RADIUS_METERS);
        if (d < radius - ON_RADIUS_METERS) {
          // Not on the corridor's boundary, so it must be covered by another polygon.
          assertThat(containsOther(outline, i, lon, lat))
              .as("(%s, %s), %.3f m inside, is covered by another polygon", lat, lon, radius - d)
              .isTrue();
        } else {
          onRadius++;
        }
      }
    }
    return onRadius;
  }

  /**
   * Points placed by GeographicLib at a random distance and bearing from a random route point are
   * inside a drawn polygon when S2 puts them well within the radius, and in none when well beyond
   * it. "Well" leaves room for drawing curves as straight lines between samples.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void pointsInsideTheCorridorAreInsideTheOutline(String name, double radius, double[][] vertices) {
    Route route = route(vertices);
    CorridorOutline outline = CorridorOutline.of(Corridor.of(route, radius), PER_HALF_CIRCLE);
    Random random = new Random(name.hashCode());
    int inside = 0;
    int outside = 0;
    for (int trial = 0; trial < 3000; trial++) {
      int a = random.nextInt(vertices.length);
      int b = Math.min(a + 1, vertices.length - 1);
      double[] start = SphereOracle.latLon(SphereOracle.along(
          SphereOracle.point(vertices[a][0], vertices[a][1]),
          SphereOracle.point(vertices[b][0], vertices[b][1]), random.nextDouble()));
      double[] q = SphereOracle.direct(start[0], start[1], 360 * random.nextDouble(),
          2 * radius * random.nextDouble());
      if (Math.abs(q[0]) > 89.999) {
        continue;
      }
      double d = distanceToRoute(q, vertices);
      boolean drawnInside = contains(outline, q[1], q[0]);
      if (d < 0.97 * radius) {
        assertThat(drawnInside).as("(%s, %s) at %.1f m is drawn inside", q[0], q[1], d).isTrue();
        inside++;
      } else if (d > 1.03 * radius) {
        assertThat(drawnInside).as("(%s, %s) at %.1f m is drawn outside", q[0], q[1], d).isFalse();
        outside++;
      }
    }
    assertThat(inside).isGreaterThan(300);
    assertThat(outside).isGreaterThan(300);
  }

  /** With few points per half-circle, the route's two ends still get round caps, at the radius. */
  @Test
  void theRoutesEndsStayRoundWhenTheBudgetIsSmall() {
    double[][] vertices = {{46.5, 6.6}, {46.51, 6.61}, {46.52, 6.6}};
    CorridorOutline coarse = CorridorOutline.of(Corridor.of(route(vertices), 1000), 2);
    // Two stadiums, each of one step along either side (one point each) and two half-circles:
    // the route's ends with 16 points, the inner vertex's with 2.
    int points = 1 + CorridorOutline.MIN_POINTS_AT_ENDS + 1 + 2;
    assertThat(coarse.polygonCount()).isEqualTo(2);
    assertThat(coarse.ring(0).length / 2 - 1).isEqualTo(points);
    assertThat(coarse.ring(1).length / 2 - 1).isEqualTo(points);
    assertOnTheRadius(coarse, 1000, vertices);
  }

  @Test
  void theBoundingBoxWrapsAcrossTheAntimeridian() {
    Route route = route(new double[][] {{10, 179.5}, {10.2, -179.6}});
    double[] box = CorridorOutline.of(Corridor.of(route, 20_000), PER_HALF_CIRCLE).boundingBox();
    // 20 km is 0.18° of latitude; the box runs east from about 179.3 across 180 to about -179.4.
    assertThat(box[0]).isBetween(179.2, 179.4);
    assertThat(box[2]).isBetween(-179.5, -179.3);
    assertThat(box[1]).isBetween(9.8, 9.85);
    assertThat(box[3]).isBetween(10.35, 10.4);
  }

  @Test
  void theBoundingBoxOfAPolarCapSpansEveryLongitude() {
    Route route = route(new double[][] {{88, 0}, {88, 90}});
    double[] box = CorridorOutline.of(Corridor.of(route, 300_000), PER_HALF_CIRCLE).boundingBox();
    assertThat(box).containsExactly(-180, box[1], 180, 90);
  }

  @Test
  void aRadiusTooLargeToDrawIsRefused() {
    Corridor corridor = Corridor.of(route(new double[][] {{0, 0}, {1, 1}}), 6_000_000);
    assertThatThrownBy(() -> CorridorOutline.of(corridor, PER_HALF_CIRCLE))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("too large to draw");
  }

  private static Route route(double[][] vertices) {
    double[] lat = new double[vertices.length];
    double[] lon = new double[vertices.length];
    for (int i = 0; i < vertices.length; i++) {
      lat[i] = vertices[i][0];
      lon[i] = vertices[i][1];
    }
    return Route.of(lat, lon);
  }

  private static double distanceToRoute(double[] q, double[][] vertices) {
    S2Point p = SphereOracle.point(q[0], q[1]);
    double best = Double.POSITIVE_INFINITY;
    for (int a = 0; a < Math.max(1, vertices.length - 1); a++) {
      int b = Math.min(a + 1, vertices.length - 1);
      best = Math.min(best, S2EdgeUtil.getDistance(p, SphereOracle.point(vertices[a][0], vertices[a][1]),
          SphereOracle.point(vertices[b][0], vertices[b][1])).radians() * SphereOracle.R);
    }
    return best;
  }

  /** Whether any polygon contains (x, y), by the crossing number in the plane. */
  private static boolean contains(CorridorOutline outline, double x, double y) {
    return containsOther(outline, -1, x, y);
  }

  /** Whether any polygon but {@code skip} contains (x, y). */
  private static boolean containsOther(CorridorOutline outline, int skip, double x, double y) {
    for (int i = 0; i < outline.polygonCount(); i++) {
      if (i == skip) {
        continue;
      }
      double[] r = outline.ring(i);
      boolean in = false;
      for (int k = 0, j = r.length - 4; k < r.length - 2; j = k, k += 2) {
        double xi = r[k], yi = r[k + 1], xj = r[j], yj = r[j + 1];
        if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
          in = !in;
        }
      }
      if (in) {
        return true;
      }
    }
    return false;
  }

  private static double signedArea(double[] r) {
    double a = 0;
    for (int k = 0; k < r.length - 2; k += 2) {
      a += r[k] * r[k + 3] - r[k + 2] * r[k + 1];
    }
    return a / 2;
  }
}
