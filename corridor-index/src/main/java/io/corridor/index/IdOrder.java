package io.corridor.index;

import java.nio.ByteBuffer;
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
    int i0 = 0;
    // Skips equal prefixes eight bytes at a time; the byte loop below finds the first difference.
    while (i0 + Long.BYTES <= n && bytes.getLong(fa + i0) == bytes.getLong(fb + i0)) {
      i0 += Long.BYTES;
    }
    for (int i = i0; i < n; i++) {
      int x = bytes.get(fa + i) & 0xFF;
      int y = bytes.get(fb + i) & 0xFF;
      if (x != y) {
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
        return x < y ? -1 : 1;
      }
    }
    return Integer.compare(la, lb);
  }
}
