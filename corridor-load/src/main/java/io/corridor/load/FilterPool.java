package io.corridor.load;

import com.fasterxml.jackson.core.JsonGenerator;
import io.corridor.bench.scenario.LargeScenario;
import io.corridor.bench.scenario.Scenario;
import io.corridor.bench.scenario.SeedScenario;
import io.corridor.core.location.LocationSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The seed's filter pool: {@code POST /v1/filter} bodies of the seed's four scenarios
 * ({@link SeedScenario}: the same routes, radii and locations as the JMH benchmarks), mixed with a
 * share of larger bodies of 10 000 to 100 000 locations.
 *
 * <p>The seed names its four scenarios but gives no traffic mix, so they come in equal shares by
 * default ({@code --mix}). A larger body is the seed's longest corridor (Hamburg to Munich, 251
 * vertices, radius 2 km) with {@link LargeScenario}'s locations spread over its bounding box and
 * crowded around towns near it, as a bounding-box query of a denser index would hand the filter;
 * their counts are log-uniform in [{@value #MIN_LARGE}, {@value #MAX_LARGE}]. The share of each
 * kind is exact (rounded to whole requests) and the order is a seeded shuffle.
 */
final class FilterPool {
  static final int MIN_LARGE = 10_000;
  static final int MAX_LARGE = 100_000;
  static final String LARGE_NAME = "filter_large";

  private FilterPool() {}

  /** Returns the request name of a seed scenario in the pool, such as {@code filter_small_corridor}. */
  static String name(SeedScenario scenario) {
    return "filter_" + scenario.scenarioName();
  }

  /**
   * Writes {@code count} filter requests into {@code directory}: a share {@code largeShare} of
   * larger bodies ({@code largeBodies} distinct ones), the rest the four seed scenarios weighted by
   * {@code mix} (in {@link SeedScenario} order).
   */
  static int write(Path directory, long seed, int count, double[] mix, double largeShare, int largeBodies)
      throws IOException {
    return write(directory, seed, count, mix, largeShare, largeBodies, MIN_LARGE, MAX_LARGE);
  }

  /**
   * Like {@link #write(Path, long, int, double[], double, int)} with the large bodies' location
   * counts log-uniform in [{@code minLarge}, {@code maxLarge}] (equal bounds for one size, such as
   * a single body of 1 000 000 locations).
   */
  static int write(Path directory, long seed, int count, double[] mix, double largeShare, int largeBodies,
      int minLarge, int maxLarge) throws IOException {
    if (minLarge < 1 || maxLarge < minLarge) {
      throw new IllegalArgumentException("large bodies need 1 <= min <= max locations: " + minLarge + ", " + maxLarge);
    }
    SeedScenario[] seeds = SeedScenario.values();
    if (mix.length != seeds.length) {
      throw new IllegalArgumentException("the mix needs " + seeds.length + " weights, one per seed scenario");
    }
    if (!(largeShare >= 0 && largeShare <= 1)) {
      throw new IllegalArgumentException("the share of large bodies must lie in [0, 1]: " + largeShare);
    }
    int[] counts = counts(count, mix, largeShare);
    if (counts[seeds.length] > 0 && largeBodies < 1) {
      throw new IllegalArgumentException("a share of large bodies needs at least one large body");
    }
    // The order of kinds (0-3 seed scenarios, 4 large) is an exact-count list, shuffled by the seed.
    List<Integer> order = new ArrayList<>(count);
    for (int kind = 0; kind < counts.length; kind++) {
      order.addAll(Collections.nCopies(counts[kind], kind));
    }
    Collections.shuffle(order, new Random(seed));

    byte[][] seedBodies = new byte[seeds.length][];
    for (int s = 0; s < seeds.length; s++) {
      if (counts[s] > 0) {
        seedBodies[s] = body(seeds[s].build());
      }
    }
    byte[][] large = new byte[counts[seeds.length] > 0 ? largeBodies : 0][];
    if (large.length > 0) {
      Scenario longest = SeedScenario.LONG_CORRIDOR_MANY_FILTERED_OUT.build();
      SplittableRandom random = new SplittableRandom(seed);
      for (int b = 0; b < large.length; b++) {
        int n = (int) Math.round(minLarge * Math.exp(random.nextDouble() * Math.log((double) maxLarge / minLarge)));
        large[b] = body(new Scenario("large_" + n, longest.route(), longest.radiusMeters(),
            LargeScenario.locations(longest.route(), n)));
      }
    }

    PoolWriter pool = PoolWriter.create(directory);
    int nextLarge = 0;
    for (int kind : order) {
      if (kind < seeds.length) {
        pool.request(name(seeds[kind]), "POST", "/v1/filter", seedBodies[kind]);
      } else {
        pool.request(LARGE_NAME, "POST", "/v1/filter", large[nextLarge++ % large.length]);
      }
    }
    return pool.finish();
  }

  /** Whole request counts per kind (the seed scenarios, then large) that add up to {@code count}. */
  static int[] counts(int count, double[] mix, double largeShare) {
    double total = 0;
    for (double w : mix) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("a mix weight must be a finite number >= 0: " + w);
      }
      total += w;
    }
    if (total <= 0) {
      throw new IllegalArgumentException("the mix needs a weight above 0");
    }
    int[] counts = new int[mix.length + 1];
    counts[mix.length] = (int) Math.round(count * largeShare);
    int rest = count - counts[mix.length];
    // Largest remainder, so that the counts add up exactly.
    double[] remainder = new double[mix.length];
    int given = 0;
    for (int s = 0; s < mix.length; s++) {
      double exact = rest * mix[s] / total;
      counts[s] = (int) Math.floor(exact);
      remainder[s] = exact - counts[s];
      given += counts[s];
    }
    for (; given < rest; given++) {
      int best = 0;
      for (int s = 1; s < mix.length; s++) {
        if (remainder[s] > remainder[best]) {
          best = s;
        }
      }
      counts[best]++;
      remainder[best] = -1;
    }
    return counts;
  }

  /** The {@code POST /v1/filter} body of a scenario: its route as GeoJSON, radius and locations. */
  static byte[] body(Scenario scenario) {
    return RequestJson.body(g -> {
      g.writeStartObject();
      RequestJson.route(g, scenario.route(), false);
      g.writeFieldName("radius_m");
      g.writeNumber(RequestJson.decimal(scenario.radiusMeters(), 1));
      g.writeArrayFieldStart("locations");
      LocationSet locations = scenario.locations();
      for (int i = 0; i < locations.size(); i++) {
        location(g, locations, i);
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  private static void location(JsonGenerator g, LocationSet locations, int i) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", locations.id(i));
    g.writeArrayFieldStart("points");
    for (int p = locations.pointStart(i); p < locations.pointEnd(i); p++) {
      RequestJson.position(g, locations.lonDegrees(p), locations.latDegrees(p));
    }
    g.writeEndArray();
    g.writeEndObject();
  }

}
