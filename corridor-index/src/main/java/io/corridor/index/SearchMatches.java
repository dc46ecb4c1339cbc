package io.corridor.index;

import io.corridor.core.filter.MatchOrder;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The matches of one search as they are found, less those at or before a continuation point, and
 * their order at the end. Not thread-safe: one per search.
 */
final class SearchMatches {
  private final LocationIndex index;
  private final boolean byDistance;
  private final SearchOptions.After after;
  private int[] location = new int[16];
  private double[] distance = new double[16];
  private double[] offset = new double[16];
  private int count;

  SearchMatches(LocationIndex index, SearchOptions options) {
    this.index = index;
    this.byDistance = options.sort() == SearchOptions.Sort.DISTANCE;
    this.after = options.after();
  }

  /** Returns the number of matches kept so far. */
  int count() {
    return count;
  }

  /** Returns the offset of the {@code i}-th match kept. */
  double offsetMeters(int i) {
    return offset[i];
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
  List<IndexMatch> sorted(int limit) {
    double[] keys = byDistance ? distance : offset;
    int[] order = MatchOrder.ascending(keys, count);
    int n = limit > 0 ? Math.min(limit, count) : count;
    IndexMatch[] out = new IndexMatch[n];
    for (int i = 0; i < n; ) {
      int j = i + 1;
      while (j < count && keys[order[j]] == keys[order[i]]) {
        j++;
      }
      IndexMatch[] run = new IndexMatch[j - i];
      for (int k = i; k < j; k++) {
        int m = order[k];
        run[k - i] = new IndexMatch(location[m], index.id(location[m]), distance[m], offset[m]);
      }
      if (run.length > 1) {
        Arrays.sort(run, Comparator.comparing(IndexMatch::id));
      }
      System.arraycopy(run, 0, out, i, Math.min(run.length, n - i));
      i = j;
    }
    return List.of(out);
  }
}
