package io.corridor.bench.scenario;

import io.corridor.core.geo.Route;
import io.corridor.core.location.LocationSet;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The large filter input: a 1 000 km motorway-like route of 10 000 vertices from Paris to Prague
 * (about 100 m between vertices), and up to millions of one-point locations spread over the region
 * around it, deterministic for a given count.
 *
 * <p>70 % of the locations are uniform in latitude and longitude over the route's bounding box
 * widened by 50 km; 30 % are clustered (Gaussian, σ = 2 km) around 25 "towns" placed up to 15 km
 * off random points of the route, as addresses crowd around towns along a road.
 */
public final class LargeScenario {
  /** The number of route vertices. */
  public static final int VERTICES = 10_000;
  /** The length of the route in metres. */
  public static final double LENGTH_METERS = 1_000_000;
  /** How far beyond the route's bounding box the uniform locations reach, in metres. */
  public static final double MARGIN_METERS = 50_000;

  private static final long SEED = 20_251_001L;
  private static final int TOWNS = 25;
  private static final double TOWN_OFFSET_METERS = 15_000;
  private static final double TOWN_SIGMA_METERS = 2_000;
  private static final double CLUSTERED_SHARE = 0.3;

  private LargeScenario() {}

  /** Returns the route: the same on every call. */
  public static Route route() {
    return RoadLikeRoute.between(SEED, 48.8566, 2.3522, 50.0755, 14.4378, VERTICES, LENGTH_METERS);
  }

  /** Returns {@code count} one-point locations around {@code route}, ids {@code p0000001}.... */
  public static LocationSet locations(Route route, int count) {
    SplittableRandom random = new SplittableRandom(SEED + count);
    double[] box = Steps.expandedBounds(route, MARGIN_METERS);
    double[][] towns = new double[TOWNS][2];
    double[] at = new double[2];
    for (double[] town : towns) {
      Steps.pointOnRoute(route, random, at);
      Steps.step(at[0], at[1], 2 * Math.PI * random.nextDouble(),
          TOWN_OFFSET_METERS * random.nextDouble(), town);
    }
    LocationSet.Builder builder = LocationSet.builder();
    double[] p = new double[2];
    for (int i = 0; i < count; i++) {
      if (random.nextDouble() < CLUSTERED_SHARE) {
        double[] town = towns[random.nextInt(TOWNS)];
        double distance = Math.min(4, Math.abs(RoadLikeRoute.gaussian(random))) * TOWN_SIGMA_METERS;
        Steps.step(town[0], town[1], 2 * Math.PI * random.nextDouble(), distance, p);
      } else {
        p[0] = box[0] + (box[1] - box[0]) * random.nextDouble();
        p[1] = box[2] + (box[3] - box[2]) * random.nextDouble();
      }
      builder.add(String.format(Locale.ROOT, "p%07d", i + 1), p[0], p[1]);
    }
    return builder.build();
  }

  /** Returns the large scenario with the given radius and number of locations. */
  public static Scenario build(double radiusMeters, int locationCount) {
    Route route = route();
    return new Scenario("large_" + locationCount, route, radiusMeters, locations(route, locationCount));
  }
}
