package io.corridor.index;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/**
 * The structure checks of an index's columns: the cheap invariants that keep every accessor and
 * the search in bounds (a snapshot's checksums guard the rest), so that a well-checksummed but
 * inconsistent file is refused when it is opened rather than failing a search later.
 */
final class IndexStructure {
  private static final int CHECK_CHUNK = 8192;

  private IndexStructure() {}

  /** Checks {@code index}'s columns against each other, throwing {@link IllegalArgumentException}. */
  static void check(LocationIndex index) {
    int size = index.size();
    int pointCount = index.pointCount();
    IntBuffer pointStarts = index.pointStarts();
    IntBuffer cellKeys = index.cellKeys();
    IntBuffer cellStarts = index.cellStarts();
    LongBuffer spill = index.spill();
    ShortBuffer categoryCodes = index.categoryCodes();
    IntBuffer idOffsets = index.idOffsets();
    IntBuffer nameOffsets = index.nameOffsets();
    IntBuffer propertyOffsets = index.propertyOffsets();
    check(pointStarts.capacity() >= 1, "the point starts are empty");
    check(index.longitudes().capacity() == pointCount, "latitudes and longitudes differ in count");
    check(pointStarts.get(0) == 0 && pointStarts.get(size) == pointCount,
        "the point starts do not span the " + pointCount + " points");
    check(cellStarts.capacity() == cellKeys.capacity() + 1, "the cell directory's columns differ in length");
    check(cellStarts.get(0) == 0 && cellStarts.get(cellKeys.capacity()) == size,
        "the cell directory does not span the " + size + " locations");
    check(categoryCodes.capacity() == size, "the category column has the wrong length");
    check(idOffsets.capacity() == size + 1, "the id offsets have the wrong length");
    check(nameOffsets.capacity() == size + 1, "the name offsets have the wrong length");
    check(propertyOffsets.capacity() == size + 1, "the property offsets have the wrong length");
    checkOffsets(idOffsets, index.idBytes(), "id");
    checkOffsets(nameOffsets, index.nameBytes(), "name");
    checkOffsets(propertyOffsets, index.propertyBytes(), "property");
    // One pass over each column, in chunks copied to arrays (a few milliseconds per million
    // locations), so that a well-checksummed but inconsistent file is refused now rather than
    // failing a search later.
    checkAscending(pointStarts, true, "the point starts (every location needs a point)");
    checkAscending(idOffsets, false, "the id offsets");
    checkAscending(nameOffsets, false, "the name offsets");
    checkAscending(propertyOffsets, true, "the property offsets");
    checkAscending(cellStarts, true, "the cell starts (every cell needs a location)");
    checkAscending(cellKeys, true, "the cell keys");
    long maxKey = (long) CellGrid.ROWS * CellGrid.COLUMNS;
    int cells = cellKeys.capacity();
    check(cells == 0 || (cellKeys.get(0) >= 0 && cellKeys.get(cells - 1) < maxKey), "a cell key is off the grid");
    short[] codes = new short[CHECK_CHUNK];
    for (int from = 0; from < size; from += CHECK_CHUNK) {
      int n = Math.min(CHECK_CHUNK, size - from);
      categoryCodes.get(from, codes, 0, n);
      for (int k = 0; k < n; k++) {
        if ((codes[k] & 0xFFFF) > index.categoryCount()) {
          check(false, "location " + (from + k) + " has an unknown category code");
        }
      }
    }
    long previous = -1;
    for (int k = 0; k < spill.capacity(); k++) {
      long e = spill.get(k);
      if (e <= previous || (e >>> 32) >= maxKey || (int) e < 0 || (int) e >= size) {
        check(false, "the spill list is not ascending or names no location at entry " + k);
      }
      previous = e;
    }
  }

  private static void checkAscending(IntBuffer column, boolean strictly, String what) {
    int[] chunk = new int[CHECK_CHUNK];
    long previous = Long.MIN_VALUE;
    for (int from = 0; from < column.capacity(); from += CHECK_CHUNK) {
      int n = Math.min(CHECK_CHUNK, column.capacity() - from);
      column.get(from, chunk, 0, n);
      boolean ok = true;
      for (int k = 0; k < n; k++) {
        long v = chunk[k];
        ok &= strictly ? v > previous : v >= previous;
        previous = v;
      }
      if (!ok) {
        check(false, what + " are out of order near entry " + from);
      }
    }
  }

  /** Checks that a column of offsets starts at 0 and ends at the length of its bytes. */
  static void checkOffsets(IntBuffer offsets, ByteBuffer bytes, String what) {
    int n = offsets.capacity() - 1;
    check(offsets.get(0) == 0 && offsets.get(n) == bytes.capacity(),
        "the " + what + " offsets do not span the " + what + " bytes");
  }

  /** Throws {@link IllegalArgumentException} with {@code message} unless {@code ok}. */
  static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
