package io.corridor.index;

import io.corridor.core.filter.Match;
import io.corridor.core.filter.MatchOrder;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The matches of one search as they are found, less those at or before a continuation point, and
 * their order at the end. With a limit, only the first {@code limit} by (key, id) are kept
 * ({@link TopMatches}), and the worst of them bounds what the search still needs to test. Not
 * thread-safe: one per search.
 */
final class SearchMatches {
  private final LocationIndex index;
  private final boolean byDistance;
  private final SearchOptions.After after;
  private int[] location = new int[16];
  private double[] distance = new double[16];
  private double[] offset = new double[16];
  private int count;
  /** With a limit: the first {@code limit} matches, and no others are kept. */
  private final TopMatches top;

  SearchMatches(LocationIndex index, SearchOptions options) {
    this.index = index;
    this.byDistance = options.sort() == SearchOptions.Sort.DISTANCE;
    this.after = options.after();
    this.top = options.limit() > 0 ? new TopMatches(index, options.limit()) : null;
  }

  /** Returns the number of matches kept so far. */
  int count() {
    return top != null ? top.size() : count;
  }

  /**
   * Returns the key (distance or offset) that a match must not exceed to be kept: the worst kept
   * match's once {@code limit} are kept, else infinity. A match with that very key is kept only if
   * its id comes first ({@link #cannotEnter}).
   */
  double bound() {
    return top != null && top.full() ? top.worstKey() : Double.POSITIVE_INFINITY;
  }

  /**
   * Returns whether {@code loc} can be dropped untested: the bound is 0, so that any key it could
   * have (distance and offset are never negative) ties with it at best, and its id comes after
   * the worst kept match's. The points behind a route's start, all at offset 0, are such.
   */
  boolean cannotEnter(int loc) {
    return bound() == 0 && loc != top.worstLocation()
        && IdOrder.compare(index, loc, top.worstLocation()) > 0;
  }

  /** Keeps a match unless it comes at or before the continuation point in the sort order. */
  void add(int loc, double distanceMeters, double offsetMeters) {
    if (after != null) {
      double key = byDistance ? distanceMeters : offsetMeters;
      // Ids are decoded only on a tie of keys.
      if (key < after.keyMeters()
          || key == after.keyMeters() && index.id(loc).compareTo(after.id()) <= 0) {
        return;
      }
    }
    if (top != null) {
      top.offer(loc, byDistance ? distanceMeters : offsetMeters, distanceMeters, offsetMeters);
      return;
    }
    if (count == location.length) {
      location = Arrays.copyOf(location, count * 2);
      distance = Arrays.copyOf(distance, count * 2);
      offset = Arrays.copyOf(offset, count * 2);
    }
    location[count] = loc;
    distance[count] = distanceMeters;
    offset[count] = offsetMeters;
    count++;
  }

  /**
   * Returns the matches by offset (or distance) then id, the first {@code limit} if it is above 0:
   * a radix sort of the keys, ids compared only within runs of equal keys, and ids decoded only
   * for the matches returned (and for ties).
   */
  List<Match> sorted(int limit) {
    if (top != null) {
      return top.sorted();
    }
    double[] keys = byDistance ? distance : offset;
    int[] order = MatchOrder.ascending(keys, count);
    int n = limit > 0 ? Math.min(limit, count) : count;
    Match[] out = new Match[n];
    for (int i = 0; i < n; ) {
      int j = i + 1;
      while (j < count && keys[order[j]] == keys[order[i]]) {
        j++;
      }
      Match[] run = new Match[j - i];
      for (int k = i; k < j; k++) {
        int m = order[k];
        run[k - i] = new Match(index, location[m], index.id(location[m]), distance[m], offset[m]);
      }
      if (run.length > 1) {
        Arrays.sort(run, Comparator.comparing(Match::id));
      }
      System.arraycopy(run, 0, out, i, Math.min(run.length, n - i));
      i = j;
    }
    return List.of(out);
  }
}
