package io.corridor.index;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;

/**
 * Compares the ids of two locations of an index as {@link String#compareTo} compares them, on
 * their UTF-8 bytes without decoding them.
 *
 * <p>Unsigned UTF-8 byte order is code point order, which is {@code String}'s UTF-16 order except
 * between a character of U+E000–U+FFFF and one beyond U+FFFF (a surrogate pair sorts first in
 * UTF-16). Such a pair starts with a byte of 0xEE or more, so when the first difference lies in a
 * character whose first byte is that high, both ids are decoded and compared as strings.
 */
final class IdOrder {
  private static final int HIGH_LEAD = 0xEE;

  private IdOrder() {}

  /** Returns the sign of id(a).compareTo(id(b)). */
  static int compare(LocationIndex index, int a, int b) {
    IntBuffer offsets = index.idOffsets();
    ByteBuffer bytes = index.idBytes();
    int fa = offsets.get(a);
    int la = offsets.get(a + 1) - fa;
    int fb = offsets.get(b);
    int lb = offsets.get(b + 1) - fb;
    int n = Math.min(la, lb);
    if (n >= Long.BYTES) {
      // Eight bytes at a time, the last read ending at n (overlapping bytes already found equal):
      // the first pair that differs locates the first differing byte with one instruction.
      boolean littleEndian = bytes.order() == ByteOrder.LITTLE_ENDIAN;
      for (int i = 0; ; i += Long.BYTES) {
        int at = Math.min(i, n - Long.BYTES);
        long diff = bytes.getLong(fa + at) ^ bytes.getLong(fb + at);
        if (diff != 0) {
          int first = (littleEndian ? Long.numberOfTrailingZeros(diff) : Long.numberOfLeadingZeros(diff)) >>> 3;
          return differenceAt(index, a, b, fa, fb, at + first);
        }
        if (at == n - Long.BYTES) {
          break;
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        if (bytes.get(fa + i) != bytes.get(fb + i)) {
          return differenceAt(index, a, b, fa, fb, i);
        }
      }
    }
    return Integer.compare(la, lb);
  }

  /** Returns the sign of id(a).compareTo(id(b)), whose UTF-8 bytes first differ at {@code i}. */
  private static int differenceAt(LocationIndex index, int a, int b, int fa, int fb, int i) {
    ByteBuffer bytes = index.idBytes();
    // The character holding the difference starts at its last non-continuation byte.
    int start = i;
    while (start > 0 && (bytes.get(fa + start) & 0xC0) == 0x80) {
      start--;
    }
    int leadA = bytes.get(fa + start) & 0xFF;
    int leadB = bytes.get(fb + start) & 0xFF;
    if (leadA >= HIGH_LEAD || leadB >= HIGH_LEAD) {
      return Integer.signum(index.id(a).compareTo(index.id(b)));
    }
    return (bytes.get(fa + i) & 0xFF) < (bytes.get(fb + i) & 0xFF) ? -1 : 1;
  }
}
