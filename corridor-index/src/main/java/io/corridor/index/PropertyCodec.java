package io.corridor.index;

import io.corridor.core.location.JsonText;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * A location's properties as bytes, in their input order: a count, then for each entry its key's
 * code in the index's key dictionary (a dataset has few distinct keys, so each is stored once) and
 * the value, numbers as unsigned LEB128. Compact for the common few short properties, and decoded
 * only for the locations a search returns.
 *
 * <p>A value starts with a code: 0 for "the location's name", 1 for "its category" (so that the
 * name and category columns of a file, kept in their place among the properties, are not stored
 * twice), else 2 + 2 × the length of the UTF-8 bytes that follow + 0 for a string, 1 for the
 * {@link JsonText} of a GeoJSON number, boolean, null, array or object (so that it is written back
 * as such).
 */
final class PropertyCodec {
  private static final int NAME = 0;
  private static final int CATEGORY = 1;
  private static final int INLINE = 2;

  private PropertyCodec() {}

  /**
   * Appends {@code properties}, whose keys become codes by {@code keyCode} and whose string values
   * equal to {@code name} or {@code category} become references.
   */
  static void encode(Map<String, ?> properties, String name, String category,
      ToIntFunction<String> keyCode, GrowableBytes out) {
    if (properties == null || properties.isEmpty()) {
      out.addVarint(0);
      return;
    }
    out.addVarint(properties.size());
    for (Map.Entry<String, ?> e : properties.entrySet()) {
      out.addVarint(keyCode.applyAsInt(e.getKey()));
      Object value = e.getValue();
      // An empty name or category is read back as none, so only a non-empty one is referred to.
      if (value instanceof String s && !s.isEmpty() && s.equals(name)) {
        out.addVarint(NAME);
      } else if (value instanceof String s && !s.isEmpty() && s.equals(category)) {
        out.addVarint(CATEGORY);
      } else {
        boolean json = value instanceof JsonText;
        if (!json && !(value instanceof String)) {
          throw new IllegalArgumentException("property \"" + e.getKey()
              + "\" must be a String or a JsonText, not " + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        byte[] v = (json ? ((JsonText) value).json() : (String) value).getBytes(StandardCharsets.UTF_8);
        out.addVarint(INLINE + 2 * v.length + (json ? 1 : 0));
        out.add(v);
      }
    }
  }

  /**
   * Returns the properties in {@code [from, to)}, keys looked up in {@code keys} and references
   * resolved to {@code name} and {@code category}.
   */
  static Map<String, Object> decode(ByteBuffer bytes, int from, int to, String[] keys, String name,
      String category) {
    int[] pos = {from};
    int n = readVarint(bytes, pos);
    if (n == 0) {
      return Map.of();
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (int k = 0; k < n && pos[0] < to; k++) {
      int keyCode = readVarint(bytes, pos);
      if (keyCode >= keys.length) {
        throw new IllegalStateException("a property names key " + keyCode + " of " + keys.length);
      }
      String key = keys[keyCode];
      int code = readVarint(bytes, pos);
      Object value = switch (code) {
        case NAME -> Objects.requireNonNull(name, "a property refers to a missing name");
        case CATEGORY -> Objects.requireNonNull(category, "a property refers to a missing category");
        default -> {
          String text = readString(bytes, pos, (code - INLINE) >>> 1);
          yield ((code - INLINE) & 1) == 0 ? text : new JsonText(text);
        }
      };
      map.put(key, value);
    }
    return Collections.unmodifiableMap(map);
  }

  private static String readString(ByteBuffer bytes, int[] pos, int length) {
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
