package io.corridor.bench.scenario;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.location.LocationSet;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The seed's four benchmark scenarios, rebuilt deterministically on real European geography with
 * the seed's sizes: vertex count, location count and how many of them lie inside.
 *
 * <p>Inside locations are placed near a random point of the route (points of interest along a
 * road); outside ones uniformly over the route's bounding box widened by a margin (what a
 * bounding-box query of an index hands the filter). Each location has 1 to 4 points within a few
 * tens of metres of each other. Every generated location is classified with the exact distance
 * and kept only if it is clearly (2 % of the radius) on the intended side, so the inside count is
 * exact and does not depend on the strategy.
 */
public enum SeedScenario {
  /** 4 vertices across central Amsterdam, 3 km, radius 250 m: 13 of 15 locations inside. */
  SMALL_CORRIDOR(1, 52.3791, 4.9003, 52.3580, 4.8811, 4, 3_000, 250, 15, 13, 1_000),
  /** 109 vertices from Berlin Alexanderplatz to Potsdam, 32 km, radius 1 km: 70 of 221 inside. */
  MEDIUM_CORRIDOR(2, 52.5219, 13.4132, 52.3906, 13.0645, 109, 32_000, 1_000, 221, 70, 5_000),
  /** 300 vertices from Paris to Lyon, 465 km, radius 300 m: 34 of 65 locations inside. */
  LONG_NARROW_CORRIDOR_FEW_TOTAL(3, 48.8566, 2.3522, 45.7640, 4.8357, 300, 465_000, 300, 65, 34, 10_000),
  /** 251 vertices from Hamburg to Munich, 780 km, radius 2 km: 251 of 2 547 locations inside. */
  LONG_CORRIDOR_MANY_FILTERED_OUT(4, 53.5511, 9.9937, 48.1351, 11.5820, 251, 780_000, 2_000, 2_547, 251, 20_000);

  private final long seed;
  private final double fromLat;
  private final double fromLon;
  private final double toLat;
  private final double toLon;
  private final int vertices;
  private final double lengthMeters;
  private final double radiusMeters;
  private final int locations;
  private final int inside;
  private final double marginMeters;

  SeedScenario(long seed, double fromLat, double fromLon, double toLat, double toLon, int vertices,
      double lengthMeters, double radiusMeters, int locations, int inside, double marginMeters) {
    this.seed = seed;
    this.fromLat = fromLat;
    this.fromLon = fromLon;
    this.toLat = toLat;
    this.toLon = toLon;
    this.vertices = vertices;
    this.lengthMeters = lengthMeters;
    this.radiusMeters = radiusMeters;
    this.locations = locations;
    this.inside = inside;
    this.marginMeters = marginMeters;
  }

  /** Returns the seed's name of the scenario, such as {@code small_corridor}. */
  public String scenarioName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns how many of the scenario's locations lie inside its corridor, as in the seed. */
  public int expectedInside() {
    return inside;
  }

  /** Returns the scenario named {@code name} (as in the seed), ignoring case. */
  public static SeedScenario fromName(String name) {
    for (SeedScenario s : values()) {
      if (s.scenarioName().equalsIgnoreCase(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scenario '" + name + "'");
  }

  /** Builds the scenario: the same route and locations on every call and every machine. */
  public Scenario build() {
    Route route = RoadLikeRoute.between(seed, fromLat, fromLon, toLat, toLon, vertices, lengthMeters);
    Corridor corridor = Corridor.of(route, radiusMeters);
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L);
    boolean[] wantInside = new boolean[locations];
    // Exactly `inside` of them, at random places in the list (Floyd's sampling).
    for (int j = locations - inside, picked = 0; picked < inside; j++, picked++) {
      int k = random.nextInt(j + 1);
      wantInside[wantInside[k] ? j : k] = true;
    }
    double[] box = Steps.expandedBounds(route, marginMeters);
    double spreadMeters = Math.min(50, 0.1 * radiusMeters);
    LocationSet.Builder builder = LocationSet.builder();
    double[][] points = new double[4][2];
    for (int i = 0; i < locations; i++) {
      int count = pointCount(random);
      do {
        if (wantInside[i]) {
          double[] at = new double[2];
          Steps.pointOnRoute(route, random, at);
          double distance = 0.95 * radiusMeters * Math.sqrt(random.nextDouble());
          Steps.step(at[0], at[1], 2 * Math.PI * random.nextDouble(), distance, points[0]);
        } else {
          points[0][0] = box[0] + (box[1] - box[0]) * random.nextDouble();
          points[0][1] = box[2] + (box[3] - box[2]) * random.nextDouble();
        }
        for (int p = 1; p < count; p++) {
          Steps.step(points[0][0], points[0][1], 2 * Math.PI * random.nextDouble(),
              spreadMeters * random.nextDouble(), points[p]);
        }
      } while (!clearlyOnSide(corridor, points, count, wantInside[i]));
      int location = builder.location(String.format(Locale.ROOT, "%s-%04d", scenarioName(), i + 1), null);
      for (int p = 0; p < count; p++) {
        builder.point(location, points[p][0], points[p][1]);
      }
    }
    return new Scenario(scenarioName(), route, radiusMeters, builder.build());
  }

  /** 1 point for half the locations, 2 for a quarter, 3 or 4 for the rest. */
  private static int pointCount(SplittableRandom random) {
    double u = random.nextDouble();
    return u < 0.5 ? 1 : u < 0.75 ? 2 : u < 0.9 ? 3 : 4;
  }

  private static boolean clearlyOnSide(Corridor corridor, double[][] points, int count, boolean inside) {
    double nearest = Double.POSITIVE_INFINITY;
    for (int p = 0; p < count; p++) {
      nearest = Math.min(nearest, corridor.distanceAndOffset(points[p][0], points[p][1])[0]);
    }
    double r = corridor.radiusMeters();
    return inside ? nearest <= 0.98 * r : nearest > 1.02 * r;
  }
}
