package io.corridor.load;

import java.util.Arrays;

/** A growable list of ints, so that a million response times are not a million boxed objects. Not thread-safe. */
final class IntList {
  private int[] values = new int[16];
  private int size;

  void add(int v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }

  int[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
