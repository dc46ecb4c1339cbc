package io.corridor.index;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Finds, by id, the locations started through it in a {@link LocationIndexBuilder}, so that the
 * rows of one source that share an id, however far apart, become points of one location while the
 * same id in another source (another grouping) is still refused by the build.
 *
 * <p>An open-addressing table, linear probing, no object per id: each slot holds 32 bits of a
 * 64-bit hash of the id's UTF-8 bytes and the location's number, so that a probe compares the
 * id's bytes against the builder's id column only when the hashes agree (a probe that reads the
 * ids of other locations costs a cache miss each). 8 bytes a slot, 11 to 22 bytes per location;
 * drop the grouping when the source ends to free the table.
 *
 * <p>Not thread-safe: one source's reader fills it, with its builder, from one thread.
 */
public final class IdGroups {
  private static final int MAX_CAPACITY = 1 << 30;

  private final LocationIndexBuilder builder;
  /** Per slot: the id's hash in the high 32 bits, location number + 1 in the low; 0 if empty. */
  private long[] slots = new long[1024];
  private int count;
  // The id of the last find that missed, and the slot where it belongs.
  private String missedId;
  private byte[] missedBytes;
  private long missedHash;
  private int missedSlot;

  IdGroups(LocationIndexBuilder builder) {
    this.builder = builder;
  }

  /** Returns the number of the location with {@code id} started through this grouping, or −1. */
  public int find(String id) {
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    long hash = IndexLayout.idHash(bytes, 0, bytes.length) & 0xFFFF_FFFF_0000_0000L;
    int mask = slots.length - 1;
    for (int slot = (int) (hash >>> 32) & mask; ; slot = (slot + 1) & mask) {
      long entry = slots[slot];
      if (entry == 0) {
        missedId = id;
        missedBytes = bytes;
        missedHash = hash;
        missedSlot = slot;
        return -1;
      }
      int location = (int) entry - 1;
      if ((entry & 0xFFFF_FFFF_0000_0000L) == hash && builder.idEquals(location, bytes)) {
        return location;
      }
    }
  }

  /**
   * Starts a location with no points yet, as {@link LocationIndexBuilder#location} does, and files
   * it under its id for {@link #find}.
   *
   * @throws IllegalStateException if a location with this id was started through this grouping
   */
  public int add(String id, String name, String category, Map<String, ?> properties) {
    if (!id.equals(missedId) && find(id) >= 0) {
      throw new IllegalStateException("location \"" + id + "\" is already started: find it instead");
    }
    int location = builder.location(missedBytes, name, category, properties);
    slots[missedSlot] = missedHash | (location + 1L);
    missedId = null;
    missedBytes = null;
    if (++count > slots.length / 2 + slots.length / 4) {
      grow();
    }
    return location;
  }

  /** Doubles the table, placing every entry again by the hash it holds. */
  private void grow() {
    if (slots.length == MAX_CAPACITY) {
      throw new IllegalStateException("more than " + (MAX_CAPACITY / 4 * 3) + " ids in one source");
    }
    long[] old = slots;
    slots = new long[old.length * 2];
    int mask = slots.length - 1;
    for (long entry : old) {
      if (entry != 0) {
        int slot = (int) (entry >>> 32) & mask;
        while (slots[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        slots[slot] = entry;
      }
    }
  }
}
