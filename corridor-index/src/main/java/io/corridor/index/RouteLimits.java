package io.corridor.index;

import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Route;
import java.util.Locale;

/**
 * The routes a search accepts: at most {@link #MAX_VERTICES} vertices and
 * {@link #MAX_LENGTH_METERS} of length. The covering of a route grows with its length (about one
 * (block, cap) pair per cell row the route crosses, whatever the radius) and the arcs a candidate
 * can be tested against with its vertices; these limits keep the worst accepted route's covering
 * and arc lists to tens of megabytes and under a second of work before any location is examined.
 * A longer route can be cut into pieces, each searched on its own.
 */
public final class RouteLimits {
  /** The most vertices a searched route may have. */
  public static final int MAX_VERTICES = 100_000;
  /** The longest route a search accepts, in metres: two and a half times around the Earth. */
  public static final double MAX_LENGTH_METERS = 100_000_000;

  private RouteLimits() {}

  /**
   * Checks that a search accepts {@code route}.
   *
   * @throws InvalidInputException naming the vertex count or length and the limit it passes
   */
  public static void check(Route route) {
    if (route.size() > MAX_VERTICES) {
      throw new InvalidInputException(String.format(Locale.ROOT,
          "route has %d vertices; search accepts at most %d", route.size(), MAX_VERTICES));
    }
    if (route.lengthMeters() > MAX_LENGTH_METERS) {
      throw new InvalidInputException(String.format(Locale.ROOT,
          "route is %.0f km long; search accepts at most %.0f km",
          Math.ceil(route.lengthMeters() / 1000), MAX_LENGTH_METERS / 1000));
    }
  }
}
