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
 * comparing; the radix passes spend it streaming. The index's search orders its matches with
 * {@link #ascending} too.
 *
 * <p>Stateless: safe to call from many threads at once, each on its own list.
 */
public final class MatchOrder {
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
    double[] offsets = new double[n];
    for (int i = 0; i < n; i++) {
      offsets[i] = in[i].offsetMeters();
    }
    int[] order = ascending(offsets, n);
    Match[] out = new Match[n];
    for (int i = 0; i < n; i++) {
      out[i] = in[order[i]];
    }
    for (int i = 0; i < n; ) {
      int j = i + 1;
      while (j < n && offsets[order[j]] == offsets[order[i]]) {
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

  /**
   * Returns the positions {@code 0..n-1} of {@code keys} (non-negative, not NaN) in ascending order
   * of their keys, equal keys in their original order. Callers break ties (by id) within runs of
   * equal keys, which are short.
   */
  public static int[] ascending(double[] keys, int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    if (n < 2) {
      return order;
    }
    long[] bits = new long[n];
    for (int i = 0; i < n; i++) {
      // +0.0 normalises -0.0; the keys are never negative or NaN.
      bits[i] = Double.doubleToRawLongBits(keys[i] + 0.0);
    }
    if (n < RADIX_THRESHOLD) {
      insertionSort(bits, order, n);
      return order;
    }
    long[] keyTmp = new long[n];
    int[] orderTmp = new int[n];
    int digitBits = n >= LARGE_LIST ? 16 : 8;
    int digitMask = (1 << digitBits) - 1;
    int[] counts = new int[1 << digitBits];
    for (int shift = 0; shift < 64; shift += digitBits) {
      Arrays.fill(counts, 0);
      for (int i = 0; i < n; i++) {
        counts[(int) (bits[i] >>> shift) & digitMask]++;
      }
      if (counts[(int) (bits[0] >>> shift) & digitMask] == n) {
        continue; // every key has this digit: the pass would not move anything
      }
      int sum = 0;
      for (int d = 0; d < counts.length; d++) {
        int c = counts[d];
        counts[d] = sum;
        sum += c;
      }
      for (int i = 0; i < n; i++) {
        int slot = counts[(int) (bits[i] >>> shift) & digitMask]++;
        keyTmp[slot] = bits[i];
        orderTmp[slot] = order[i];
      }
      long[] k = bits;
      bits = keyTmp;
      keyTmp = k;
      int[] o = order;
      order = orderTmp;
      orderTmp = o;
    }
    return order;
  }

  /** Stable insertion sort of short lists, carrying the positions along. */
  private static void insertionSort(long[] bits, int[] order, int n) {
    for (int i = 1; i < n; i++) {
      long k = bits[i];
      int o = order[i];
      int j = i - 1;
      while (j >= 0 && bits[j] > k) {
        bits[j + 1] = bits[j];
        order[j + 1] = order[j];
        j--;
      }
      bits[j + 1] = k;
      order[j + 1] = o;
    }
  }
}
