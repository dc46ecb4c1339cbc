package io.corridor.bench.peer;

import io.corridor.core.filter.FastFilter;
import io.corridor.core.filter.Strategy;
import io.corridor.core.geo.Route;

/** The filters the large benchmark compares, by the names its {@code impl} parameter uses. */
public final class Peers {
  private Peers() {}

  /**
   * Returns the filter named {@code name}: {@code pre_bbox}, {@code fast_1core},
   * {@code fast_all_cores}, {@code jts}, {@code s2} (the faster S2 variant), or one S2 variant by
   * name, {@code s2_cell_covering} or {@code s2_edge_query}.
   */
  public static LocationIdFilter byName(String name) {
    return switch (name) {
      case "pre_bbox" -> new CorridorIdFilter(Strategy.PRE_BBOX.filter());
      case "fast_1core" -> new CorridorIdFilter(FastFilter.singleThreaded());
      case "fast_all_cores" -> new CorridorIdFilter(FastFilter.parallel());
      case "jts" -> new JtsBufferFilter();
      case "s2", "s2_cell_covering" -> new S2CellCoveringFilter();
      case "s2_edge_query" -> new S2EdgeQueryFilter();
      default -> throw new IllegalArgumentException("unknown implementation '" + name + "'");
    };
  }

  /**
   * Returns how close to the radius, in metres, a location must lie for the named filter to be
   * allowed to answer differently from {@code fast_1core}: the contract's 5 cm for our own
   * filters, 1 cm for S2, and the projection and buffer approximations for JTS.
   */
  public static double toleranceMeters(String name, Route route, double radiusMeters) {
    return switch (name) {
      case "jts" -> JtsBufferFilter.toleranceMeters(route, radiusMeters);
      case "s2", "s2_cell_covering", "s2_edge_query" -> 0.01;
      default -> 0.05;
    };
  }
}
