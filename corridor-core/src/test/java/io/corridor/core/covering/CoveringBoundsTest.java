package io.corridor.core.covering;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.geo.SphereOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.sf.geographiclib.GeodesicData;
import org.junit.jupiter.api.Test;

/**
 * Each bound of the covering against the oracle (GeographicLib on the sphere), at the bound
 * itself: points and arcs placed exactly at the distance a cap, a circumradius or a pruning bound
 * must reach. Exactly there, the computed value and the oracle's differ by rounding either way, so
 * each of these fails if the slack of {@link ErrorBound} that the bound carries is dropped; and
 * the tie tolerance, a millimetre, is far above every slack, so dropping it fails at once.
 */
class CoveringBoundsTest {
  private static final double R = SphereOracle.R;

  @Test
  void theCircumradiusReachesEveryCornerOfCellsFromACentimetreToTenDegrees() {
    SplittableRandom rnd = new SplittableRandom(11);
    double[] centre = new double[3];
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 20_000 && failures.size() < 10; i++) {
      double height = Math.pow(10, -7 + 8 * rnd.nextDouble());
      double width = Math.min(170, height * Math.pow(10, 2 * rnd.nextDouble() - 1));
      double south = i % 10 == 0 ? 90 - height : -90 + (180 - height) * rnd.nextDouble();
      double north = south + height;
      double west = -180 + (360 - width) * rnd.nextDouble();
      double east = west + width;
      double delta = ArcPruning.centreAndCircumradius(south, north, west, east, centre);
      double lat = 0.5 * (south + north);
      double lon = 0.5 * (west + east);
      double farthest = 0;
      for (double[] corner : new double[][] {{south, west}, {south, east}, {north, west}, {north, east}}) {
        farthest = Math.max(farthest, SphereOracle.distanceMeters(lat, lon, corner[0], corner[1]) / R);
      }
      if (!(farthest <= delta)) {
        failures.add(String.format("cell [%s, %s] x [%s, %s]: corner at %s rad, circumradius %s",
            south, north, west, east, farthest, delta));
      }
      // Tight: no more than the slack above the true circumradius.
      assertThat(delta - farthest).isLessThan(ErrorBound.CIRCUMRADIUS_SLACK + 1e-14);
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void aCapHoldsEveryPointWithinTheRadiusPlusTheTieOfItsStretch() {
    SplittableRandom rnd = new SplittableRandom(12);
    List<String> failures = new ArrayList<>();
    for (int trial = 0; trial < 60 && failures.size() < 10; trial++) {
      double[][] route = switch (trial % 3) {
        case 0 -> longArcs(rnd);
        case 1 -> polar(rnd);
        default -> dense(rnd);
      };
      double radius = Math.pow(10, 5 * rnd.nextDouble());
      double stretch = Math.pow(10, 1 + 5 * rnd.nextDouble());
      Route r = Route.of(route[0], route[1]);
      Corridor corridor = Corridor.of(r, radius);
      RouteCaps caps = RouteCaps.of(corridor, stretch);
      double reach = radius + Corridor.TIE_METERS;
      for (int k = 0; k < caps.count(); k += 1 + caps.count() / 300) {
        double from = k == 0 ? 0 : caps.endMeters(k - 1);
        double to = caps.endMeters(k);
        for (double offset : new double[] {from, to, from + (to - from) * rnd.nextDouble()}) {
          double[] p = pointAt(r, offset);
          double[] q = beyond(caps.latDegrees(k), caps.lonDegrees(k), p, reach);
          if (q == null) {
            continue; // the point beyond is past the antipode of the centre: no test there
          }
          String where = String.format("trial %d cap %d of %d, r %.3f, h %.3f, offset %.3f",
              trial, k, caps.count(), radius, stretch, offset);
          double d = SphereOracle.distanceMeters(caps.latDegrees(k), caps.lonDegrees(k), q[0], q[1]) / R;
          if (!(d <= caps.radiusRadians())) {
            failures.add(where + ": a point " + d + " rad from the centre, cap " + caps.radiusRadians());
          } else if (!inRowsAndReach(caps, k, q)) {
            failures.add(where + ": point " + q[0] + ", " + q[1] + " outside the cap's rows or reach");
          }
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void pruningKeepsAnArcAsFarAsTheRadiusPlusTheCellAndTheTie() {
    SplittableRandom rnd = new SplittableRandom(13);
    double[] centre = new double[3];
    for (int i = 0; i < 500; i++) {
      EquatorCell cell = EquatorCell.random(rnd, centre);
      double lon0 = cell.lon0();
      double delta = cell.delta();
      double radius = Math.pow(10, 1 + 5 * rnd.nextDouble());
      // The only arc is the nearest: the bound is r + δ + tie.
      double bound = radius / R + delta + ErrorBound.TIE_RADIANS;
      assertThat(kept(meridianAt(lon0, bound), radius, centre, delta)).as("arc at the bound").isTrue();
      assertThat(kept(meridianAt(lon0, bound + 2 * ErrorBound.PRUNING_SLACK), radius, centre, delta))
          .as("arc two slacks past the bound").isFalse();
    }
  }

  @Test
  void pruningKeepsAnArcAsFarAsTheNearestPlusTwiceTheCellAndTheTie() {
    SplittableRandom rnd = new SplittableRandom(14);
    double[] centre = new double[3];
    for (int i = 0; i < 500; i++) {
      EquatorCell cell = EquatorCell.random(rnd, centre);
      double lon0 = cell.lon0();
      double delta = cell.delta();
      double nearest = delta * rnd.nextDouble();
      // The radius is far: the bound is d_min + 2δ + tie. East, the nearest arc; west, the other.
      double bound = nearest + 2 * delta + ErrorBound.TIE_RADIANS;
      double[][] atBound = twoMeridians(lon0, nearest, bound);
      double[][] pastBound = twoMeridians(lon0, nearest, bound + 2 * ErrorBound.PRUNING_SLACK);
      Corridor corridor = Corridor.of(Route.of(atBound[0], atBound[1]), 1e6);
      assertThat(keep(corridor, centre, delta)).as("both arcs, the far one at the bound").contains(0, 2);
      corridor = Corridor.of(Route.of(pastBound[0], pastBound[1]), 1e6);
      assertThat(keep(corridor, centre, delta)).as("the far one two slacks past").contains(2).doesNotContain(0);
    }
  }

  @Test
  void pruningByAnInnerDistanceDropsOnlyACellWhollyNearer() {
    SplittableRandom rnd = new SplittableRandom(15);
    double[] centre = new double[3];
    for (int i = 0; i < 500; i++) {
      EquatorCell cell = EquatorCell.random(rnd, centre);
      double lon0 = cell.lon0();
      double delta = cell.delta();
      double a = 10 * delta * rnd.nextDouble();
      double[][] meridian = meridianAt(lon0, a);
      Corridor corridor = Corridor.of(Route.of(meridian[0], meridian[1]), 1e6);
      // On the equator, the cell's point farthest from a meridian east of it is the middle of its
      // west edge, a + size / 2 away: a search resuming at that distance still needs the cell.
      double farthest = a + Math.toRadians(cell.size() / 2);
      assertThat(keepBeyond(corridor, farthest, centre, delta)).as("inner at the farthest point")
          .containsExactly(0);
      assertThat(keepBeyond(corridor, a + delta + 2 * ErrorBound.PRUNING_SLACK, centre, delta))
          .as("inner past the centre's distance plus the circumradius and the slack").isEmpty();
    }
  }

  private static List<Integer> keepBeyond(Corridor corridor, double innerRadians, double[] centre,
      double delta) {
    int n = corridor.arcCount();
    int[] arcs = new int[n];
    for (int a = 0; a < n; a++) {
      arcs[a] = a;
    }
    int[] out = new int[n];
    int m = ArcPruning.keep(corridor, innerRadians, corridor.radiusRadians(), centre, delta, arcs,
        0, n, new double[n], out, 0);
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      kept.add(out[i]);
    }
    return kept;
  }

  /** A square cell of 1e-4° to 0.1° on the equator: its side and centre longitude in degrees, its circumradius. */
  private record EquatorCell(double size, double lon0, double delta) {
    /** Draws one, and writes its centre's unit vector into {@code centre}. */
    static EquatorCell random(SplittableRandom rnd, double[] centre) {
      double size = Math.pow(10, -4 + 3 * rnd.nextDouble());
      double lon0 = -170 + 340 * rnd.nextDouble();
      double delta = ArcPruning.centreAndCircumradius(-size / 2, size / 2, lon0 - size / 2,
          lon0 + size / 2, centre);
      return new EquatorCell(size, lon0, delta);
    }
  }

  /** Returns whether the corridor of a one-arc route keeps its arc for the cell. */
  private static boolean kept(double[][] route, double radius, double[] centre, double delta) {
    return keep(Corridor.of(Route.of(route[0], route[1]), radius), centre, delta).contains(0);
  }

  private static List<Integer> keep(Corridor corridor, double[] centre, double delta) {
    return keepBeyond(corridor, 0, centre, delta);
  }

  /** A meridian arc across the equator {@code angle} radians east of lon0: that far from (0, lon0). */
  private static double[][] meridianAt(double lon0, double angle) {
    double lon = lon0 + Math.toDegrees(angle);
    return new double[][] {{-1, 1}, {lon, lon}};
  }

  /**
   * A route whose arc 0 is a meridian {@code far} radians west of (0, lon0), arc 1 a link far
   * away to the south, and arc 2 a meridian {@code near} radians east.
   */
  private static double[][] twoMeridians(double lon0, double near, double far) {
    double west = lon0 - Math.toDegrees(far);
    double east = lon0 + Math.toDegrees(near);
    return new double[][] {{1, -1, -1, 1}, {west, west, east, east}};
  }

  /** Returns whether q is in cap k's latitudes and longitude reach. */
  private static boolean inRowsAndReach(RouteCaps caps, int k, double[] q) {
    if (q[0] < caps.southDegrees(k) || q[0] > caps.northDegrees(k)) {
      return false;
    }
    double reach = caps.reachDegrees(k);
    if (reach < 0) {
      return true;
    }
    double dLon = Math.abs(q[1] - caps.lonDegrees(k));
    return Math.min(dLon, 360 - dLon) <= reach;
  }

  /** Returns the point of the route at {@code offset} metres, by the oracle's interpolation. */
  private static double[] pointAt(Route route, double offset) {
    int v = 0;
    while (v + 2 < route.size() && route.offsetMetersAt(v + 1) <= offset) {
      v++;
    }
    if (route.size() == 1) {
      return new double[] {route.latDegrees(0), route.lonDegrees(0)};
    }
    double length = route.offsetMetersAt(v + 1) - route.offsetMetersAt(v);
    double t = length == 0 ? 0 : Math.min(1, (offset - route.offsetMetersAt(v)) / length);
    return SphereOracle.latLon(SphereOracle.along(
        SphereOracle.point(route.latDegrees(v), route.lonDegrees(v)),
        SphereOracle.point(route.latDegrees(v + 1), route.lonDegrees(v + 1)), t));
  }

  /**
   * Returns the point {@code meters} beyond p on the great circle from the centre through p: the
   * farthest from the centre of the points that far from p. Null if it would pass the antipode.
   */
  private static double[] beyond(double lat, double lon, double[] p, double meters) {
    GeodesicData d = SphereOracle.SPHERE.Inverse(lat, lon, p[0], p[1]);
    if (d.s12 + meters >= Math.PI * R * 0.99 || d.s12 < 1e-3) {
      return d.s12 < 1e-3 ? SphereOracle.direct(p[0], p[1], 0, meters) : null;
    }
    GeodesicData e = SphereOracle.SPHERE.Direct(lat, lon, d.azi1, d.s12 + meters);
    return new double[] {SphereOracle.clampLat(e.lat2), SphereOracle.wrapLon(e.lon2)};
  }

  private static double[][] longArcs(SplittableRandom rnd) {
    double[] lat = new double[4];
    double[] lon = new double[4];
    lat[0] = -60 + 120 * rnd.nextDouble();
    lon[0] = -180 + 360 * rnd.nextDouble();
    for (int i = 1; i < 4; i++) {
      double[] b = SphereOracle.direct(lat[i - 1], lon[i - 1], 360 * rnd.nextDouble(),
          100_000 + 8_000_000 * rnd.nextDouble());
      lat[i] = b[0];
      lon[i] = b[1];
    }
    return new double[][] {lat, lon};
  }

  private static double[][] polar(SplittableRandom rnd) {
    double sign = rnd.nextBoolean() ? 1 : -1;
    double lon = -180 + 360 * rnd.nextDouble();
    return new double[][] {{sign * 80, sign * 89.9, sign * 85}, {lon, SphereOracle.wrapLon(lon + 150), lon}};
  }

  private static double[][] dense(SplittableRandom rnd) {
    int n = 200;
    double[] lat = new double[n];
    double[] lon = new double[n];
    lat[0] = -70 + 140 * rnd.nextDouble();
    lon[0] = 179.9;
    for (int i = 1; i < n; i++) {
      double[] b = SphereOracle.direct(lat[i - 1], lon[i - 1], 60 + 60 * rnd.nextDouble(),
          5 + 200 * rnd.nextDouble());
      lat[i] = b[0];
      lon[i] = b[1];
    }
    return new double[][] {lat, lon};
  }
}
