package io.corridor.core.geo;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.geometry.S2;
import com.google.common.geometry.S2EdgeUtil;
import com.google.common.geometry.S2Point;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The pre_bbox strategy's pre-filter is correct only if the box of every arc contains every point
 * within r of that arc. Checked against the oracle on random arcs — short and long (up to
 * 19 000 km), over and near the poles, across the antimeridian, on the equator and along meridians
 * — and on the points where a box is most likely to be too small: the corridor's edge straight
 * north (south) of the arc's highest (lowest) point, the widest longitude reach of the end caps,
 * and the edge all along the arc.
 */
class ArcBoundsTest {
  /** Points nearer than this to the edge may fall either side (the contract's 5 cm). */
  private static final double SLACK_METERS = 0.05;

  @Test
  void everyPointWithinTheRadiusOfAnArcIsInsideItsBox() {
    SplittableRandom rnd = new SplittableRandom(0xB0B5L);
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (int i = 0; i < 6_000; i++) {
      double[][] route = randomRoute(rnd);
      double radius = logUniform(rnd, 1, 1_000_000);
      checked += checkRoute(route[0], route[1], radius, rnd, failures, "arc set " + i);
    }
    System.out.printf("ArcBounds: %d points within r of their arc checked%n", checked);
    assertThat(failures).isEmpty();
  }

  @Test
  void handPickedArcsAtThePolesTheAntimeridianAndTheEquator() {
    double[][][] routes = {
      {{89, 89}, {0, 180}},          // over the north pole
      {{-89.9, -89.9}, {45, -135}},  // over the south pole
      {{80, 80}, {-170, 170}},       // high latitude, across ±180, bulging poleward
      {{0, 0}, {179.9, -179.9}},     // the equator across ±180
      {{0, 0}, {-60, 60}},           // a long equatorial arc: the circle is the equator
      {{-60, 60}, {30, 30}},         // a meridian
      {{90, 10}, {0, 0}},            // from the pole itself
      {{45, 45}, {-100, 80}},        // opposite longitudes: over the north pole
      {{50, 50}, {-120, 120}},       // 120° of longitude at 50°: bulges to ~67°
      {{-50, -50}, {-120, 120}},     // the same south of the equator, across ±180
    };
    SplittableRandom rnd = new SplittableRandom(7);
    List<String> failures = new ArrayList<>();
    for (double[][] route : routes) {
      for (double radius : new double[] {1, 100, 10_000, 500_000, 3_000_000}) {
        checkRoute(route[0], route[1], radius, rnd, failures, "hand-picked");
      }
    }
    assertThat(failures).isEmpty();
  }

  /** Checks the boxes of every arc of a route; returns how many points were checked. */
  private static int checkRoute(double[] lat, double[] lon, double radius, SplittableRandom rnd,
      List<String> failures, String name) {
    Corridor corridor = Corridor.of(Route.of(lat, lon), radius);
    ArcBounds bounds = ArcBounds.of(corridor);
    SphereOracle.OracleRoute oracle = new SphereOracle.OracleRoute(lat, lon);
    int checked = 0;
    for (int arc = 0; arc < corridor.arcCount(); arc++) {
      int b = Math.min(arc + 1, lat.length - 1);
      for (double[] p : edgePoints(lat[arc], lon[arc], lat[b], lon[b], radius, rnd)) {
        double d = oracle.arcDistanceMeters(arc, p[0], p[1]);
        if (d > radius - SLACK_METERS) {
          continue;
        }
        checked++;
        if (!bounds.contains(arc, p[0], p[1]) && failures.size() < 20) {
          failures.add(String.format(
              "%s: arc %d (%s, %s) -> (%s, %s), r %s: point (%s, %s) at %s m is outside box"
                  + " lat [%s, %s] lon start %s width %s",
              name, arc, lat[arc], lon[arc], lat[b], lon[b], radius, p[0], p[1], d,
              bounds.latMin(arc), bounds.latMax(arc), bounds.lonStart(arc), bounds.lonWidth(arc)));
        }
      }
    }
    return checked;
  }

  /** Points at r − δ (δ from 5 cm to 1 m) where the corridor of arc a→b reaches furthest. */
  private static List<double[]> edgePoints(double latA, double lonA, double latB, double lonB,
      double radius, SplittableRandom rnd) {
    List<double[]> points = new ArrayList<>();
    S2Point a = SphereOracle.point(latA, lonA);
    S2Point b = SphereOracle.point(latB, lonB);
    boolean degenerate = a.equalsPoint(b);
    // All along the edge, both sides.
    for (int k = 0; k < 24; k++) {
      double d = radius - delta(rnd, radius);
      if (degenerate) {
        points.add(SphereOracle.direct(latA, lonA, 360 * rnd.nextDouble(), d));
      } else {
        points.add(SphereOracle.latLon(
            SphereOracle.perpendicular(a, b, rnd.nextDouble(), d, rnd.nextBoolean() ? 1 : -1)));
      }
    }
    // Around both end caps, and at their widest reach in longitude: from a centre at latitude φ,
    // the cap of angular radius ρ reaches furthest east at azimuth acos(tan ρ · tan φ).
    for (double[] end : new double[][] {{latA, lonA}, {latB, lonB}}) {
      for (int k = 0; k < 6; k++) {
        points.add(SphereOracle.direct(end[0], end[1], 360 * rnd.nextDouble(), radius - delta(rnd, radius)));
      }
      double d = radius - delta(rnd, radius);
      double c = Math.tan(d / SphereOracle.R) * Math.tan(Math.toRadians(end[0]));
      if (Math.abs(c) < 1) {
        double azimuth = Math.toDegrees(Math.acos(c));
        points.add(SphereOracle.direct(end[0], end[1], azimuth, d));
        points.add(SphereOracle.direct(end[0], end[1], -azimuth, d));
      }
      points.add(SphereOracle.direct(end[0], end[1], 0, d));
      points.add(SphereOracle.direct(end[0], end[1], 180, d));
    }
    if (!degenerate) {
      // Due north of the arc's northernmost point and due south of its southernmost (the bulge).
      S2Point n = S2.robustCrossProd(a, b).normalize();
      for (S2Point pole : new S2Point[] {new S2Point(0, 0, 1), new S2Point(0, 0, -1)}) {
        S2Point v = pole.sub(n.mul(n.dotProd(pole)));
        if (v.norm() < 1e-12) {
          continue;
        }
        v = v.normalize();
        if (S2EdgeUtil.getDistance(v, a, b).radians() > 1e-12) {
          continue;
        }
        double[] top = SphereOracle.latLon(v);
        double d = radius - delta(rnd, radius);
        points.add(SphereOracle.direct(top[0], top[1], pole.getZ() > 0 ? 0 : 180, d));
      }
    }
    return points;
  }

  private static double delta(SplittableRandom rnd, double radius) {
    return Math.min(logUniform(rnd, SLACK_METERS, 1), 0.5 * radius);
  }

  /** A route of one to four arcs, of a random kind. */
  private static double[][] randomRoute(SplittableRandom rnd) {
    int kind = rnd.nextInt(6);
    double lat0 = switch (kind) {
      case 0 -> (rnd.nextBoolean() ? 1 : -1) * (80 + 10 * rnd.nextDouble()); // polar
      case 1 -> -80 + 160 * rnd.nextDouble();                                // antimeridian
      case 2 -> 0;                                                           // equator
      default -> Math.toDegrees(Math.asin(2 * rnd.nextDouble() - 1));
    };
    double lon0 = kind == 1 ? (rnd.nextBoolean() ? 1 : -1) * (178 + 2 * rnd.nextDouble()) : 360 * rnd.nextDouble() - 180;
    int vertices = 2 + (rnd.nextInt(4) == 0 ? rnd.nextInt(3) : 0);
    double[] lat = new double[vertices];
    double[] lon = new double[vertices];
    lat[0] = lat0;
    lon[0] = lon0;
    for (int i = 1; i < vertices; i++) {
      double azimuth = switch (kind) {
        case 0 -> (lat0 > 0 ? 0 : 180) + 40 * (2 * rnd.nextDouble() - 1);
        case 1 -> (lon0 > 0 ? 90 : -90) + 60 * (2 * rnd.nextDouble() - 1);
        case 2 -> rnd.nextBoolean() ? 90 : -90;
        case 3 -> rnd.nextBoolean() ? 0 : 180;
        default -> 360 * rnd.nextDouble() - 180;
      };
      double length = kind == 4 ? 0 : logUniform(rnd, 10, 19_000_000);
      double[] next = SphereOracle.direct(lat[i - 1], lon[i - 1], azimuth, length);
      lat[i] = kind == 2 ? 0 : next[0];
      lon[i] = next[1];
    }
    return new double[][] {lat, lon};
  }

  private static double logUniform(SplittableRandom rnd, double lo, double hi) {
    return lo * Math.pow(hi / lo, rnd.nextDouble());
  }
}
