package io.corridor.index;

import io.corridor.core.filter.Match;
import java.util.Arrays;
import java.util.List;

/**
 * The first {@code limit} matches of a search by (key, id), as a max-heap of that size: a match
 * enters only if it comes before the worst one held, so a limited search keeps no more than its
 * answer, and the worst match held is the bound that lets the search skip what cannot enter.
 * Ids are compared on their bytes ({@link IdOrder}) and decoded only for the answer. Not
 * thread-safe: one per search.
 */
final class TopMatches {
  private final LocationIndex index;
  private final int limit;
  private int[] location;
  private double[] key;
  private double[] distance;
  private double[] offset;
  private int size;

  TopMatches(LocationIndex index, int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive");
    }
    this.index = index;
    this.limit = limit;
    int initial = Math.min(limit, 64);
    location = new int[initial];
    key = new double[initial];
    distance = new double[initial];
    offset = new double[initial];
  }

  /** Returns whether {@code limit} matches are held. */
  boolean full() {
    return size == limit;
  }

  /** Returns the number of matches held. */
  int size() {
    return size;
  }

  /** Returns the key of the worst match held (the heap's top); only when {@link #full()}. */
  double worstKey() {
    return key[0];
  }

  /** Returns the location of the worst match held; only when {@link #full()}. */
  int worstLocation() {
    return location[0];
  }

  /** Offers a match; it enters if fewer than {@code limit} are held or it beats the worst. */
  void offer(int loc, double k, double distanceMeters, double offsetMeters) {
    if (size < limit) {
      if (size == location.length) {
        int grown = Math.min(limit, 2 * size);
        location = Arrays.copyOf(location, grown);
        key = Arrays.copyOf(key, grown);
        distance = Arrays.copyOf(distance, grown);
        offset = Arrays.copyOf(offset, grown);
      }
      int i = size++;
      while (i > 0 && before(key[(i - 1) / 2], location[(i - 1) / 2], k, loc)) {
        move((i - 1) / 2, i);
        i = (i - 1) / 2;
      }
      set(i, loc, k, distanceMeters, offsetMeters);
    } else if (before(k, loc, 0)) {
      int i = 0;
      while (true) {
        int c = 2 * i + 1;
        if (c >= size) {
          break;
        }
        if (c + 1 < size && before(key[c], location[c], key[c + 1], location[c + 1])) {
          c++;
        }
        if (!before(k, loc, key[c], location[c])) {
          break;
        }
        move(c, i);
        i = c;
      }
      set(i, loc, k, distanceMeters, offsetMeters);
    }
  }

  /** Returns the matches held, in order of key then id. */
  List<Match> sorted() {
    Match[] out = new Match[size];
    for (int i = 0; i < size; i++) {
      out[i] = new Match(index, location[i], index.id(location[i]), distance[i], offset[i]);
    }
    double[] keys = Arrays.copyOf(key, size);
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> {
      int c = Double.compare(keys[x] + 0.0, keys[y] + 0.0);
      return c != 0 ? c : out[x].id().compareTo(out[y].id());
    });
    Match[] sorted = new Match[size];
    for (int i = 0; i < size; i++) {
      sorted[i] = out[order[i]];
    }
    return List.of(sorted);
  }

  /** Whether (k, loc) comes before the match at heap position i. */
  private boolean before(double k, int loc, int i) {
    return before(k, loc, key[i], location[i]);
  }

  /** Whether (k1, loc1) comes strictly before (k2, loc2) by key, then id. */
  private boolean before(double k1, int loc1, double k2, int loc2) {
    if (k1 != k2) {
      return k1 < k2;
    }
    return loc1 != loc2 && IdOrder.compare(index, loc1, loc2) < 0;
  }

  private void move(int from, int to) {
    location[to] = location[from];
    key[to] = key[from];
    distance[to] = distance[from];
    offset[to] = offset[from];
  }

  private void set(int i, int loc, double k, double d, double o) {
    location[i] = loc;
    key[i] = k;
    distance[i] = d;
    offset[i] = o;
  }
}
