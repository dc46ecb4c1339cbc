package io.corridor.bench.peer;

import io.corridor.bench.scenario.LargeScenario;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.location.LocationSet;

/**
 * Runs each named filter a few times on the large scenario and prints its best time and its
 * agreement with a reference filter: a quick look before a full JMH run, not a measurement.
 */
public final class ComparePeers {
  private ComparePeers() {}

  /**
   * Arguments: location count, comma-separated radii in metres, comma-separated filter names,
   * repetitions, and optionally the reference filter (default {@code fast_1core}); e.g.
   * {@code 200000 100,1000,10000 s2_edge_query,s2_cell_covering,jts 3}.
   */
  public static void main(String[] args) {
    int count = Integer.parseInt(args[0]);
    String[] radii = args[1].split(",");
    String[] names = args[2].split(",");
    int repetitions = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    String referenceName = args.length > 4 ? args[4] : "fast_1core";
    Route route = LargeScenario.route();
    LocationSet locations = LargeScenario.locations(route, count);
    System.out.println(route + ", " + locations.size() + " locations");
    for (String r : radii) {
      double radius = Double.parseDouble(r);
      int[] reference = Peers.byName(referenceName).filter(route, radius, locations);
      for (String name : names) {
        LocationIdFilter filter = Peers.byName(name);
        long best = Long.MAX_VALUE;
        int[] answer = null;
        for (int i = 0; i < repetitions; i++) {
          long start = System.nanoTime();
          answer = filter.filter(route, radius, locations);
          best = Math.min(best, System.nanoTime() - start);
        }
        Agreement agreement = Agreement.of(reference, answer, Corridor.of(route, radius), locations);
        System.out.printf("radius %6.0f m  %-16s %9.1f ms  inside %7d  %s  tolerance %.3f m%n",
            radius, name, best / 1e6, answer.length, agreement,
            Peers.toleranceMeters(name, route, radius));
      }
    }
  }
}
