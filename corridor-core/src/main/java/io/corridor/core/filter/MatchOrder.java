package io.corridor.core.filter;

import io.corridor.core.location.LocationSet;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Sorts matches into the contract's order, by offset along the route then id, in linear time for
 * large lists: an LSD radix sort on the offsets' IEEE bits (non-negative doubles order as their
 * bit patterns), then a comparison sort only within runs of equal offsets, which are short (points
 * nearest to the same route vertex). A comparator sort of 300 000 matches spent most of its time
 * comparing; the radix passes spend it streaming.
 */
final class MatchOrder {
  private static final int RADIX_THRESHOLD = 64;
  /** Wide digits (4 passes) for large lists; narrow ones (8 passes, a 256-entry table) for small. */
  private static final int LARGE_LIST = 1 << 16;

  private MatchOrder() {}

  static void sort(List<Match> matches, LocationSet locations) {
    Comparator<Match> byId = Comparator.comparing(m -> locations.id(m.location()));
    int n = matches.size();
    if (n < RADIX_THRESHOLD) {
      matches.sort(Comparator.comparingDouble(Match::offsetMeters).thenComparing(byId));
      return;
    }
    Match[] in = matches.toArray(new Match[0]);
    long[] keys = new long[n];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      // +0.0 normalises -0.0; offsets are never negative or NaN.
      keys[i] = Double.doubleToRawLongBits(in[i].offsetMeters() + 0.0);
      order[i] = i;
    }
    long[] keyTmp = new long[n];
    int[] orderTmp = new int[n];
    int digitBits = n >= LARGE_LIST ? 16 : 8;
    int digitMask = (1 << digitBits) - 1;
    int[] counts = new int[1 << digitBits];
    for (int shift = 0; shift < 64; shift += digitBits) {
      Arrays.fill(counts, 0);
      for (int i = 0; i < n; i++) {
        counts[(int) (keys[i] >>> shift) & digitMask]++;
      }
      if (counts[(int) (keys[0] >>> shift) & digitMask] == n) {
        continue; // every key has this digit: the pass would not move anything
      }
      int sum = 0;
      for (int d = 0; d < counts.length; d++) {
        int c = counts[d];
        counts[d] = sum;
        sum += c;
      }
      for (int i = 0; i < n; i++) {
        int slot = counts[(int) (keys[i] >>> shift) & digitMask]++;
        keyTmp[slot] = keys[i];
        orderTmp[slot] = order[i];
      }
      long[] k = keys;
      keys = keyTmp;
      keyTmp = k;
      int[] o = order;
      order = orderTmp;
      orderTmp = o;
    }
    Match[] out = new Match[n];
    for (int i = 0; i < n; i++) {
      out[i] = in[order[i]];
    }
    for (int i = 0; i < n; ) {
      int j = i + 1;
      while (j < n && keys[j] == keys[i]) {
        j++;
      }
      if (j - i > 1) {
        Arrays.sort(out, i, j, byId);
      }
      i = j;
    }
    for (int i = 0; i < n; i++) {
      matches.set(i, out[i]);
    }
  }
}
