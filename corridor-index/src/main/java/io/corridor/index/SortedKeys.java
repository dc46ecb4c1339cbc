package io.corridor.index;

import java.nio.IntBuffer;
import java.nio.LongBuffer;

/** Lower bounds in the index's sorted key columns: the cell directory and the spill list. */
final class SortedKeys {
  private SortedKeys() {}

  /**
   * Returns the first position in {@code [from, n)} whose key is at least {@code key}, galloping
   * from {@code from}: scans in key order find the next block's cells a few steps on.
   */
  static int lowerBound(IntBuffer keys, int from, int n, int key) {
    int a = from;
    int step = 1;
    int b = from;
    while (b < n && keys.get(b) < key) {
      a = b + 1;
      b += step;
      step <<= 1;
    }
    b = Math.min(b, n);
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (keys.get(mid) < key) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    return a;
  }

  /** Returns the first position in {@code [0, n)} whose key is at least {@code key}. */
  static int lowerBound(LongBuffer keys, int n, long key) {
    int a = 0;
    int b = n;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (keys.get(mid) < key) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    return a;
  }
}
