package io.corridor.core.filter;

import io.corridor.core.geo.Corridor;
import io.corridor.core.location.LocationSet;
import java.util.List;

/**
 * Keeps the locations inside a corridor. Every implementation gives the same answer: the matching
 * locations with their distance and offset, sorted by offset, then id.
 *
 * <p>Every implementation in this project is immutable and safe to share between threads.
 */
public interface CorridorFilter {

  /** Returns the locations of {@code locations} inside {@code corridor}, sorted by offset then id. */
  List<Match> filter(Corridor corridor, LocationSet locations);

  /** Sorts matches into the contract's order: by offset along the route, then by id. */
  static void sort(List<Match> matches, LocationSet locations) {
    MatchOrder.sort(matches, locations);
  }
}
