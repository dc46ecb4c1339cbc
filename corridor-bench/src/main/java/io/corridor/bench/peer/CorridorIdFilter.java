package io.corridor.bench.peer;

import io.corridor.core.filter.CorridorFilter;
import io.corridor.core.filter.Match;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.location.LocationSet;
import java.util.Arrays;
import java.util.List;

/** One of our own filters behind the peers' interface: builds the corridor, filters, keeps the ids. */
public final class CorridorIdFilter implements LocationIdFilter {
  private final CorridorFilter filter;

  /** Wraps {@code filter}. */
  public CorridorIdFilter(CorridorFilter filter) {
    this.filter = filter;
  }

  @Override
  public int[] filter(Route route, double radiusMeters, LocationSet locations) {
    List<Match> matches = filter.filter(Corridor.of(route, radiusMeters), locations);
    int[] ids = new int[matches.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = matches.get(i).location();
    }
    Arrays.sort(ids);
    return ids;
  }
}
