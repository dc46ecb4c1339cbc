package io.corridor.index;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A location's properties as bytes: a count, then for each entry the key's and the value's UTF-8
 * length and bytes, numbers as unsigned LEB128. Compact for the common few short properties, and
 * decoded only for the locations a search returns. A null value is stored as an empty string.
 */
final class PropertyCodec {
  private PropertyCodec() {}

  static void encode(Map<String, String> properties, GrowableBytes out) {
    if (properties == null || properties.isEmpty()) {
      out.addVarint(0);
      return;
    }
    out.addVarint(properties.size());
    for (Map.Entry<String, String> e : properties.entrySet()) {
      byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
      byte[] v = (e.getValue() == null ? "" : e.getValue()).getBytes(StandardCharsets.UTF_8);
      out.addVarint(k.length);
      out.add(k);
      out.addVarint(v.length);
      out.add(v);
    }
  }

  static Map<String, String> decode(ByteBuffer bytes, int from, int to) {
    int[] pos = {from};
    int n = readVarint(bytes, pos);
    if (n == 0) {
      return Map.of();
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int k = 0; k < n && pos[0] < to; k++) {
      String key = readString(bytes, pos);
      String value = readString(bytes, pos);
      map.put(key, value);
    }
    return Collections.unmodifiableMap(map);
  }

  private static String readString(ByteBuffer bytes, int[] pos) {
    int length = readVarint(bytes, pos);
    byte[] b = new byte[length];
    bytes.get(pos[0], b);
    pos[0] += length;
    return new String(b, StandardCharsets.UTF_8);
  }

  private static int readVarint(ByteBuffer bytes, int[] pos) {
    int v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      byte b = bytes.get(pos[0]++);
      v |= (b & 0x7F) << shift;
      if (b >= 0) {
        return v;
      }
    }
    throw new IllegalStateException("malformed property bytes");
  }
}
