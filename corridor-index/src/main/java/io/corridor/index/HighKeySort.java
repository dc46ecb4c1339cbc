package io.corridor.index;

import java.util.Arrays;

/**
 * Sorts longs whose low 32 bits are already ascending (a position, in the order they were made) by
 * their high 32 bits, a non-negative key: a stable LSD radix sort on the key less its minimum,
 * so the result is the array sorted as longs. A covering's pairs and blocks are sorted this way per
 * search; the keys span a window of the grid, a few digits of 11 bits, which costs a few passes
 * over the array where a comparison sort spent most of the covering's time.
 */
final class HighKeySort {
  private static final int BITS = 11;
  private static final int BUCKETS = 1 << BITS;
  /** Below this, the JDK's comparison sort is as fast and allocates nothing. */
  private static final int SMALL = 64;

  private HighKeySort() {}

  /** Sorts {@code a[0, n)}: each element's low 32 bits must ascend with its index. */
  static void sort(long[] a, int n) {
    if (n < SMALL) {
      Arrays.sort(a, 0, n);
      return;
    }
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      int k = (int) (a[i] >>> 32);
      min = Math.min(min, k);
      max = Math.max(max, k);
    }
    int span = max - min;
    if (span == 0) {
      return; // one key: already in position order
    }
    int bits = 32 - Integer.numberOfLeadingZeros(span);
    long[] src = a;
    long[] dst = new long[n];
    int[] count = new int[BUCKETS + 1];
    for (int shift = 0; shift < bits; shift += BITS) {
      Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) {
        count[digit(src[i], min, shift) + 1]++;
      }
      for (int b = 0; b < BUCKETS; b++) {
        count[b + 1] += count[b];
      }
      for (int i = 0; i < n; i++) {
        dst[count[digit(src[i], min, shift)]++] = src[i];
      }
      long[] t = src;
      src = dst;
      dst = t;
    }
    if (src != a) {
      System.arraycopy(src, 0, a, 0, n);
    }
  }

  private static int digit(long v, int min, int shift) {
    return (((int) (v >>> 32) - min) >>> shift) & (BUCKETS - 1);
  }
}
