package io.corridor.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.geo.SphereOracle;
import io.corridor.core.geo.SphereOracle.Nearest;
import io.corridor.core.location.LocationSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every strategy against an independent oracle (S2 for distances and nearest points, GeographicLib
 * on the sphere for placing points), on about 130 000 seeded random locations in eight kinds of
 * route. Most locations are placed 5 cm to 100 m either side of the corridor's edge, where an
 * approximate test goes wrong; the contract's tolerances are applied to the oracle's answer:
 *
 * <ul>
 *   <li>membership equals the oracle's (distance ≤ r) wherever the true distance is more than
 *       5 cm from r;
 *   <li>{@code distanceMeters} within 1 cm of the true distance;
 *   <li>{@code offsetMeters} within 1 m of the offset of a nearest route point, and no larger than
 *       the smallest offset among exactly equally near route points (the contract's tie rule);
 *   <li>the strategies agree with each other, and each lists its matches by offset, then id.
 * </ul>
 */
class CorridorOracleTest {
  private static final double MEMBERSHIP_SLACK_METERS = 0.05;
  private static final double DISTANCE_TOLERANCE_METERS = 0.01;
  private static final double OFFSET_TOLERANCE_METERS = 1.0;
  /** Where the strategies must agree on membership: all but a millimetre around r. */
  private static final double AGREEMENT_SLACK_METERS = 1e-3;
  private static final int MAX_REPORTED = 25;

  @Test
  void cityRoutes() {
    run("city", 0xC17EL, 70, rnd -> {
      double[][] v = OracleScenario.walk(rnd, -70 + 140 * rnd.nextDouble(), lon(rnd),
          lon(rnd), 5_000 + 15_000 * rnd.nextDouble(), 50, 500, 40);
      double radius = OracleScenario.logUniform(rnd, 10, 2_000);
      return new OracleScenario("city", v[0], v[1], radius, rnd).addLocations(500);
    });
  }

  @Test
  void thousandKilometreRoutes() {
    run("1000 km", 0x1000L, 40, rnd -> {
      double[][] v = OracleScenario.walk(rnd, -75 + 150 * rnd.nextDouble(), lon(rnd), lon(rnd),
          1_000_000, 10_000, 100_000, 30);
      double radius = OracleScenario.logUniform(rnd, 100, 50_000);
      return new OracleScenario("1000 km", v[0], v[1], radius, rnd).addLocations(500);
    });
  }

  /**
   * Single arcs of 3 000 to 15 000 km, half of them heading roughly east or west at 30° to 60°
   * latitude, where the great circle bulges hundreds of kilometres poleward of the straight line
   * in latitude/longitude. Points at r ± δ from the middle of the arc are exactly the ones a planar
   * test misses; the straight line's own midpoints are added too, and must be far outside.
   */
  @Test
  void transoceanicArcs() {
    int[] bulging = new int[2];
    run("transoceanic", 0x7A05L, 60, rnd -> {
      double lat;
      double azimuth;
      if (rnd.nextBoolean()) {
        lat = (30 + 30 * rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1);
        azimuth = 45 + 90 * rnd.nextDouble() + (rnd.nextBoolean() ? 0 : 180);
      } else {
        lat = -60 + 120 * rnd.nextDouble();
        azimuth = lon(rnd);
      }
      double lon = lon(rnd);
      double[] b = OracleScenario.move(lat, lon, azimuth, 3_000_000 + 12_000_000 * rnd.nextDouble());
      double radius = OracleScenario.logUniform(rnd, 500, 300_000);
      OracleScenario s =
          new OracleScenario("transoceanic", new double[] {lat, b[0]}, new double[] {lon, b[1]}, radius, rnd)
              .addLocations(300);
      // Midpoints of the straight line in latitude/longitude (the shorter way round in longitude).
      double dLon = b[1] - lon;
      dLon = dLon > 180 ? dLon - 360 : dLon < -180 ? dLon + 360 : dLon;
      for (int k = 1; k < 20; k++) {
        double t = k / 20.0;
        s.addPoint(lat + t * (b[0] - lat), SphereOracle.wrapLon(lon + t * dLon));
      }
      double planarMiss = s.oracleRoute().distanceMeters(0.5 * (lat + b[0]), SphereOracle.wrapLon(lon + 0.5 * dLon));
      bulging[0]++;
      if (planarMiss > radius + 100_000) {
        bulging[1]++;
      }
      return s;
    });
    // The category tests what it claims: most arcs bulge far beyond r from the planar line.
    assertThat(bulging[1]).as("arcs whose lat/lon midpoint is > r + 100 km off").isGreaterThan(bulging[0] / 2);
  }

  /**
   * Arcs of 19 000 km up to 2 m short of antipodal (where bearings and the haversine formula lose
   * accuracy, and the arc's plane is ill-conditioned: an error of 1e-16 in a vertex turns it by
   * 1e-16/gap, still under a millimetre at the far side for a 2 m gap), and corridors up to
   * 3 000 km wide around routes of every length.
   */
  @Test
  void nearlyAntipodalArcsAndWideCorridors() {
    run("near antipodal", 0xA7A7L, 40, rnd -> {
      double lat = Math.toDegrees(Math.asin(2 * rnd.nextDouble() - 1));
      double lon = lon(rnd);
      double halfCircle = Math.PI * SphereOracle.R;
      double length = switch (rnd.nextInt(3)) {
        case 0 -> halfCircle - OracleScenario.logUniform(rnd, 2, 15_000);
        case 1 -> 19_000_000 + 1_000_000 * rnd.nextDouble();
        default -> 100 * Math.pow(10, 5 * rnd.nextDouble());
      };
      double[] b = OracleScenario.move(lat, lon, lon(rnd), length);
      double radius = OracleScenario.logUniform(rnd, 1_000, 3_000_000);
      return new OracleScenario("near antipodal", new double[] {lat, b[0]}, new double[] {lon, b[1]}, radius, rnd)
          .addLocations(300);
    });
  }

  @Test
  void antimeridianRoutes() {
    run("antimeridian", 0xA471L, 40, rnd -> {
      double[] lat;
      double[] lon;
      if (rnd.nextInt(4) == 0) {
        // Vertices on and around ±180 itself.
        lon = new double[] {179.7, 180, -179.8, -180, 179.9, -179.5};
        lat = new double[lon.length];
        lat[0] = -70 + 140 * rnd.nextDouble();
        for (int i = 1; i < lat.length; i++) {
          lat[i] = Math.max(-89, Math.min(89, lat[i - 1] + 0.4 * (2 * rnd.nextDouble() - 1)));
        }
      } else {
        boolean east = rnd.nextBoolean();
        double startLon = east ? 175 + 5 * rnd.nextDouble() : -180 + 5 * rnd.nextDouble();
        double azimuth = rnd.nextInt(10) < 7
            ? (east ? 45 + 90 * rnd.nextDouble() : -135 + 90 * rnd.nextDouble())
            : (rnd.nextBoolean() ? 0 : 180) + 10 * (2 * rnd.nextDouble() - 1);
        double[][] v = OracleScenario.walk(rnd, -70 + 140 * rnd.nextDouble(), startLon, azimuth,
            50_000 + 1_950_000 * rnd.nextDouble(), 5_000, 200_000, 15);
        lat = v[0];
        lon = v[1];
      }
      double radius = OracleScenario.logUniform(rnd, 100, 100_000);
      return new OracleScenario("antimeridian", lat, lon, radius, rnd).addLocations(300);
    });
  }

  /**
   * Routes over or near a pole, with radii up to 500 km that often reach across it; besides the
   * usual edge points, points scattered over the polar cap and on the pole itself.
   */
  @Test
  void polarRoutes() {
    run("polar", 0x90L, 40, rnd -> {
      double sign = rnd.nextBoolean() ? 1 : -1;
      double[] lat;
      double[] lon;
      int kind = rnd.nextInt(3);
      if (kind == 0) {
        // Across the pole: opposite longitudes (exactly over it when the skew is 0).
        double lon0 = lon(rnd);
        double skew = rnd.nextInt(4) == 0 ? 0 : 20 * (2 * rnd.nextDouble() - 1);
        lat = new double[] {sign * (80 + 9.5 * rnd.nextDouble()), sign * (80 + 9.5 * rnd.nextDouble())};
        lon = new double[] {lon0, SphereOracle.wrapLon(lon0 + 180 + skew)};
      } else if (kind == 1) {
        double azimuth = (sign > 0 ? 0 : 180) + 30 * (2 * rnd.nextDouble() - 1);
        double[][] v = OracleScenario.walk(rnd, sign * (85 + 4 * rnd.nextDouble()), lon(rnd), azimuth,
            100_000 + 1_400_000 * rnd.nextDouble(), 20_000, 200_000, 20);
        lat = v[0];
        lon = v[1];
      } else {
        // A vertex on the pole itself.
        lat = new double[] {sign * (84 + 5 * rnd.nextDouble()), sign * 90, sign * (84 + 5 * rnd.nextDouble())};
        lon = new double[] {lon(rnd), lon(rnd), lon(rnd)};
      }
      double radius = OracleScenario.logUniform(rnd, 1_000, 500_000);
      OracleScenario s = new OracleScenario("polar", lat, lon, radius, rnd).addLocations(300);
      double reach = s.oracleRoute().distanceMeters(sign * 90, 0) + 2 * radius;
      for (int k = 0; k < 45; k++) {
        double[] p = SphereOracle.direct(sign * 90, 0, lon(rnd), reach * rnd.nextDouble());
        s.addPoint(p[0], p[1]);
      }
      for (int k = 0; k < 5; k++) {
        s.addPoint(sign * 90, lon(rnd));
      }
      return s;
    });
  }

  /** Consecutive repeats of vertices, and routes that come back along their own path. */
  @Test
  void repeatedVertexRoutes() {
    run("repeated", 0x2E9L, 30, rnd -> {
      double[][] v = rnd.nextBoolean()
          ? OracleScenario.walk(rnd, -70 + 140 * rnd.nextDouble(), lon(rnd), lon(rnd), 10_000, 200, 2_000, 40)
          : OracleScenario.walk(rnd, -70 + 140 * rnd.nextDouble(), lon(rnd), lon(rnd), 500_000, 20_000, 100_000, 40);
      List<double[]> vertices = new ArrayList<>();
      for (int i = 0; i < v[0].length; i++) {
        int copies = rnd.nextInt(10) < 3 ? 2 + rnd.nextInt(3) : 1;
        for (int c = 0; c < copies; c++) {
          vertices.add(new double[] {v[0][i], v[1][i]});
        }
      }
      if (rnd.nextBoolean()) {
        // Out and back: every point near the route is equally near two parts of it.
        for (int i = v[0].length - 2; i >= 0; i--) {
          vertices.add(new double[] {v[0][i], v[1][i]});
        }
      }
      double[] lat = vertices.stream().mapToDouble(p -> p[0]).toArray();
      double[] lon = vertices.stream().mapToDouble(p -> p[1]).toArray();
      double radius = OracleScenario.logUniform(rnd, 20, 20_000);
      return new OracleScenario("repeated", lat, lon, radius, rnd).addLocations(300);
    });
  }

  @Test
  void singleVertexRoutes() {
    run("single vertex", 0x51L, 40, rnd -> {
      double[] p = switch (rnd.nextInt(4)) {
        case 0 -> new double[] {rnd.nextBoolean() ? 90 : -90, lon(rnd)};
        case 1 -> new double[] {-80 + 160 * rnd.nextDouble(), rnd.nextBoolean() ? 180 : -180};
        default -> new double[] {Math.toDegrees(Math.asin(2 * rnd.nextDouble() - 1)), lon(rnd)};
      };
      int copies = rnd.nextInt(10) < 3 ? 2 : 1;
      double[] lat = new double[copies];
      double[] lon = new double[copies];
      Arrays.fill(lat, p[0]);
      Arrays.fill(lon, p[1]);
      double radius = OracleScenario.logUniform(rnd, 1, 500_000);
      return new OracleScenario("single vertex", lat, lon, radius, rnd).addLocations(200);
    });
  }

  private static double lon(SplittableRandom rnd) {
    return 360 * rnd.nextDouble() - 180;
  }

  /** Builds {@code routes} scenarios from the seed and checks every strategy on each. */
  private static void run(String category, long seed, int routes, Function<SplittableRandom, OracleScenario> make) {
    long start = System.nanoTime();
    List<String> failures = new ArrayList<>();
    int locations = 0;
    int points = 0;
    int nearEdge = 0;
    for (int i = 0; i < routes; i++) {
      long scenarioSeed = seed * 1_000_003L + i;
      OracleScenario s = make.apply(new SplittableRandom(scenarioSeed));
      locations += s.locationLat.size();
      points += s.pointCount();
      nearEdge += check(s, category + " #" + i + " (seed " + scenarioSeed + ")", failures);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("oracle %-14s %3d routes, %6d locations, %6d points (%6d within 100 m of r), %.1f s%n",
        category, routes, locations, points, nearEdge, seconds);
    assertThat(failures).as("%s: disagreements with the oracle", category).isEmpty();
  }

  /** Checks every strategy on one scenario; returns how many locations lie within 100 m of r. */
  private static int check(OracleScenario s, String name, List<String> failures) {
    Route route = Route.of(s.routeLat, s.routeLon);
    Corridor corridor = Corridor.of(route, s.radiusMeters);
    LocationSet set = s.locations();
    double r = s.radiusMeters;
    SphereOracle.OracleRoute oracle = s.oracleRoute();
    Nearest[] truth = new Nearest[set.size()];
    int nearEdge = 0;
    for (int loc = 0; loc < set.size(); loc++) {
      truth[loc] = oracle.nearest(s.locationLat.get(loc), s.locationLon.get(loc));
      if (Math.abs(truth[loc].distanceMeters() - r) <= 100) {
        nearEdge++;
      }
    }
    String where = name + " " + describe(s);
    Map<FilterUnderTest, Match[]> byStrategy = new EnumMap<>(FilterUnderTest.class);
    for (FilterUnderTest strategy : FilterUnderTest.values()) {
      List<Match> matches = strategy.filter().filter(corridor, set);
      Match[] byLocation = new Match[set.size()];
      for (int k = 0; k < matches.size(); k++) {
        Match m = matches.get(k);
        if (byLocation[m.location()] != null) {
          report(failures, where + " " + strategy + ": location " + set.id(m.location()) + " listed twice");
        }
        byLocation[m.location()] = m;
        if (k > 0 && !inOrder(matches.get(k - 1), m, set)) {
          report(failures, where + " " + strategy + ": not sorted by offset then id at " + matches.get(k - 1) + ", " + m);
        }
      }
      byStrategy.put(strategy, byLocation);
      for (int loc = 0; loc < set.size(); loc++) {
        checkLocation(failures, where + " " + strategy, s, loc, truth[loc], byLocation[loc]);
      }
    }
    Match[] reference = byStrategy.get(FilterUnderTest.BASELINE);
    for (FilterUnderTest strategy : FilterUnderTest.values()) {
      Match[] other = byStrategy.get(strategy);
      for (int loc = 0; loc < set.size(); loc++) {
        Match a = reference[loc];
        Match b = other[loc];
        if (Math.abs(truth[loc].distanceMeters() - r) <= AGREEMENT_SLACK_METERS) {
          continue;
        }
        if ((a == null) != (b == null)) {
          report(failures, where + ": BASELINE and " + strategy + " disagree on " + point(s, loc)
              + ": " + a + " vs " + b);
        } else if (a != null) {
          if (Math.abs(a.distanceMeters() - b.distanceMeters()) > DISTANCE_TOLERANCE_METERS
              || (!truth[loc].ambiguous(OFFSET_TOLERANCE_METERS)
                  && Math.abs(a.offsetMeters() - b.offsetMeters()) > OFFSET_TOLERANCE_METERS)) {
            report(failures, where + ": BASELINE and " + strategy + " disagree on " + point(s, loc)
                + ": " + a + " vs " + b);
          }
        }
      }
    }
    return nearEdge;
  }

  private static void checkLocation(List<String> failures, String where, OracleScenario s, int loc,
      Nearest truth, Match match) {
    double r = s.radiusMeters;
    double d = truth.distanceMeters();
    String what = point(s, loc) + " oracle distance " + d + " offset " + truth.offsetMeters()
        + " (r " + r + "), got " + match;
    if (d <= r - MEMBERSHIP_SLACK_METERS && match == null) {
      report(failures, where + ": missed " + what);
      return;
    }
    if (d > r + MEMBERSHIP_SLACK_METERS && match != null) {
      report(failures, where + ": wrongly kept " + what);
      return;
    }
    if (match == null) {
      return;
    }
    if (Math.abs(match.distanceMeters() - d) > DISTANCE_TOLERANCE_METERS) {
      report(failures, where + ": distance off by " + (match.distanceMeters() - d) + " m: " + what);
    }
    if (!truth.acceptsOffset(match.offsetMeters(), OFFSET_TOLERANCE_METERS)) {
      report(failures, where + ": offset not that of a nearest route point: " + what
          + ", acceptable " + truth.candidates());
    } else if (match.offsetMeters() > truth.tiedOffsetMeters() + OFFSET_TOLERANCE_METERS) {
      report(failures, where + ": offset not the smallest among equally near route points: " + what
          + ", candidates " + truth.candidates());
    }
  }

  private static boolean inOrder(Match a, Match b, LocationSet set) {
    int c = Double.compare(a.offsetMeters(), b.offsetMeters());
    return c < 0 || c == 0 && set.id(a.location()).compareTo(set.id(b.location())) < 0;
  }

  private static String point(OracleScenario s, int loc) {
    return OracleScenario.id(loc) + " lat " + Arrays.toString(s.locationLat.get(loc))
        + " lon " + Arrays.toString(s.locationLon.get(loc));
  }

  private static String describe(OracleScenario s) {
    if (s.routeLat.length > 8) {
      return "[route of " + s.routeLat.length + " vertices from (" + s.routeLat[0] + ", " + s.routeLon[0]
          + "), r " + s.radiusMeters + "]";
    }
    StringBuilder b = new StringBuilder("[route");
    for (int i = 0; i < s.routeLat.length; i++) {
      b.append(" (").append(s.routeLat[i]).append(", ").append(s.routeLon[i]).append(')');
    }
    return b.append(", r ").append(s.radiusMeters).append(']').toString();
  }

  private static void report(List<String> failures, String message) {
    if (failures.size() < MAX_REPORTED) {
      failures.add(message);
    } else if (failures.size() == MAX_REPORTED) {
      failures.add("... (further failures not listed)");
    }
  }
}
