package io.corridor.index;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A growable byte array for the builder's string blobs, limited to one section (under 2 GiB). */
final class GrowableBytes {
  private byte[] bytes = new byte[1024];
  private int size;

  int size() {
    return size;
  }

  void add(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, bytes, size, b.length);
    size += b.length;
  }

  void add(byte[] b, int from, int length) {
    ensure(length);
    System.arraycopy(b, from, bytes, size, length);
    size += length;
  }

  void addVarint(int v) {
    ensure(5);
    while ((v & ~0x7F) != 0) {
      bytes[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    bytes[size++] = (byte) v;
  }

  byte[] array() {
    return bytes;
  }

  ByteBuffer toBuffer() {
    return ByteBuffer.wrap(Arrays.copyOf(bytes, size)).order(ByteOrder.LITTLE_ENDIAN);
  }

  private void ensure(int more) {
    long need = (long) size + more;
    if (need > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("a string column exceeds 2 GiB, the limit of one section");
    }
    if (need > bytes.length) {
      // By half again, not double: less room left unused, and a smaller peak while copying.
      long grown = Math.max(need, bytes.length + (bytes.length >> 1));
      bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 16, grown));
    }
  }
}
