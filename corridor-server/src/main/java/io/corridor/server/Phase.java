package io.corridor.server;

import java.util.Locale;

/**
 * The steps of a corridor request, timed apart in metrics, spans and the {@code Server-Timing}
 * header: the pipeline of one query as the library runs it.
 */
enum Phase {
  /** Reading the body and turning it into a route, a radius and options or locations. */
  PARSE,
  /** Preparing the corridor: the route's arcs, bounds and lookup structure for the radius. */
  COVERING,
  /** The library's search or filter: candidates near the route and the exact test of each. */
  EXACT,
  /** Writing the answer. */
  SERIALIZE;

  /** Returns the name used in metrics tags, span names and {@code Server-Timing}. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
