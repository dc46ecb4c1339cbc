package io.corridor.index;

/** A growable open-addressing set of non-negative ints: the search's record of what it has seen. */
final class IntSet {
  private int[] slots = new int[64];
  private int size;

  /** Adds {@code v}; returns false if it was already there. */
  boolean add(int v) {
    if (2 * (size + 1) > slots.length) {
      grow();
    }
    boolean added = insert(slots, v);
    if (added) {
      size++;
    }
    return added;
  }

  /** Returns whether {@code v} is in the set. */
  boolean contains(int v) {
    int mask = slots.length - 1;
    int slot = (v * 0x9E3779B9) >>> 1 & mask;
    while (true) {
      int s = slots[slot];
      if (s == 0) {
        return false;
      }
      if (s == v + 1) {
        return true;
      }
      slot = (slot + 1) & mask;
    }
  }

  private boolean insert(int[] table, int v) {
    int mask = table.length - 1;
    int slot = (v * 0x9E3779B9) >>> 1 & mask;
    while (true) {
      int s = table[slot];
      if (s == 0) {
        table[slot] = v + 1;
        return true;
      }
      if (s == v + 1) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
  }

  private void grow() {
    int[] old = slots;
    slots = new int[old.length * 2];
    for (int s : old) {
      if (s != 0) {
        insert(slots, s - 1);
      }
    }
  }
}
