package io.corridor.index;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a builder's columns, in arrival order, into an index's sections: locations sorted by the
 * cell of their first point (stably, so equal cells keep arrival order), the cell directory, and
 * the spill directory of the cells of other points.
 */
final class IndexLayout {
  private IndexLayout() {}

  static LocationIndex build(LocationIndex.Builder b) {
    checkUniqueIds(b);
    int n = b.count();
    int points = b.pointCount();
    double[] lat = b.lat();
    double[] lon = b.lon();
    long[] order = new long[n];
    for (int i = 0; i < n; i++) {
      int p = b.pointStart(i);
      order[i] = ((long) CellGrid.key(lat[p], lon[p]) << 32) | i;
    }
    Arrays.parallelSort(order);

    ByteBuffer outLat = allocate(8L * points);
    ByteBuffer outLon = allocate(8L * points);
    ByteBuffer pointStarts = allocate(4L * (n + 1));
    ByteBuffer idOffsets = allocate(4L * (n + 1));
    ByteBuffer nameOffsets = allocate(4L * (n + 1));
    ByteBuffer propertyOffsets = allocate(4L * (n + 1));
    ByteBuffer categories = allocate(2L * n);
    GrowableBytes ids = new GrowableBytes();
    GrowableBytes names = new GrowableBytes();
    GrowableBytes properties = new GrowableBytes();
    int cells = 0;
    int[] cellKeys = new int[Math.max(16, n / 4)];
    int[] cellStarts = new int[cellKeys.length + 1];
    long[] spill = new long[16];
    int spillCount = 0;
    int point = 0;
    pointStarts.putInt(0);
    idOffsets.putInt(0);
    nameOffsets.putInt(0);
    propertyOffsets.putInt(0);
    for (int j = 0; j < n; j++) {
      int key = (int) (order[j] >>> 32);
      int i = (int) order[j];
      if (cells == 0 || cellKeys[cells - 1] != key) {
        if (cells == cellKeys.length) {
          cellKeys = Arrays.copyOf(cellKeys, cells * 2);
          cellStarts = Arrays.copyOf(cellStarts, cells * 2 + 1);
        }
        cellKeys[cells] = key;
        cellStarts[cells] = j;
        cells++;
      }
      for (int p = b.pointStart(i); p < b.pointEnd(i); p++) {
        outLat.putDouble(lat[p]);
        outLon.putDouble(lon[p]);
        int other = CellGrid.key(lat[p], lon[p]);
        if (other != key) {
          if (spillCount == spill.length) {
            spill = Arrays.copyOf(spill, spillCount * 2);
          }
          spill[spillCount++] = ((long) other << 32) | j;
        }
        point++;
      }
      pointStarts.putInt(point);
      ids.add(b.ids().array(), b.idStart(i), b.idEnd(i) - b.idStart(i));
      idOffsets.putInt(ids.size());
      names.add(b.names().array(), b.nameStart(i), b.nameEnd(i) - b.nameStart(i));
      nameOffsets.putInt(names.size());
      properties.add(b.properties().array(), b.propertyStart(i), b.propertyEnd(i) - b.propertyStart(i));
      propertyOffsets.putInt(properties.size());
      categories.putChar(b.category(i));
    }
    cellStarts[cells] = n;
    Arrays.sort(spill, 0, spillCount);
    int distinct = 0;
    for (int k = 0; k < spillCount; k++) {
      if (distinct == 0 || spill[distinct - 1] != spill[k]) {
        spill[distinct++] = spill[k];
      }
    }

    Map<Section, ByteBuffer> s = new EnumMap<>(Section.class);
    s.put(Section.LATITUDES, outLat.flip());
    s.put(Section.LONGITUDES, outLon.flip());
    s.put(Section.POINT_STARTS, pointStarts.flip());
    s.put(Section.CELL_KEYS, ints(cellKeys, cells));
    s.put(Section.CELL_STARTS, ints(cellStarts, cells + 1));
    ByteBuffer spillBuffer = allocate(8L * distinct);
    for (int k = 0; k < distinct; k++) {
      spillBuffer.putLong(spill[k]);
    }
    s.put(Section.SPILL, spillBuffer.flip());
    s.put(Section.ID_OFFSETS, idOffsets.flip());
    s.put(Section.ID_BYTES, ids.toBuffer());
    s.put(Section.NAME_OFFSETS, nameOffsets.flip());
    s.put(Section.NAME_BYTES, names.toBuffer());
    s.put(Section.CATEGORIES, categories.flip());
    s.put(Section.PROPERTY_OFFSETS, propertyOffsets.flip());
    s.put(Section.PROPERTY_BYTES, properties.toBuffer());
    putCategories(b.categories(), s);
    return LocationIndex.wrap(s);
  }

  /**
   * Refuses two locations with the same id, which would answer a search twice: ids are compared
   * by a 64-bit hash, sorted, and only the rare equal hashes by their bytes.
   */
  private static void checkUniqueIds(LocationIndex.Builder b) {
    int n = b.count();
    long[] hashes = new long[n];
    for (int i = 0; i < n; i++) {
      hashes[i] = idHash(b, i);
    }
    long[] sorted = hashes.clone();
    Arrays.parallelSort(sorted);
    java.util.Set<Long> repeated = new java.util.HashSet<>();
    for (int i = 1; i < n; i++) {
      if (sorted[i] == sorted[i - 1]) {
        repeated.add(sorted[i]);
      }
    }
    if (repeated.isEmpty()) {
      return;
    }
    Map<String, Integer> firstById = new java.util.HashMap<>();
    byte[] bytes = b.ids().array();
    for (int i = 0; i < n; i++) {
      if (repeated.contains(hashes[i])) {
        String id = new String(bytes, b.idStart(i), b.idEnd(i) - b.idStart(i), StandardCharsets.UTF_8);
        Integer first = firstById.putIfAbsent(id, i);
        if (first != null) {
          throw new DuplicateIdException(id, first, i);
        }
      }
    }
  }

  private static long idHash(LocationIndex.Builder b, int i) {
    byte[] bytes = b.ids().array();
    long h = 0xcbf29ce484222325L; // FNV-1a, then a final mix
    for (int k = b.idStart(i), end = b.idEnd(i); k < end; k++) {
      h = (h ^ (bytes[k] & 0xFF)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }

  private static void putCategories(List<String> categories, Map<Section, ByteBuffer> s) {
    GrowableBytes bytes = new GrowableBytes();
    ByteBuffer offsets = allocate(4L * (categories.size() + 1));
    offsets.putInt(0);
    for (String c : categories) {
      bytes.add(c.getBytes(StandardCharsets.UTF_8));
      offsets.putInt(bytes.size());
    }
    s.put(Section.CATEGORY_OFFSETS, offsets.flip());
    s.put(Section.CATEGORY_BYTES, bytes.toBuffer());
  }

  private static ByteBuffer ints(int[] values, int count) {
    ByteBuffer b = allocate(4L * count);
    b.asIntBuffer().put(values, 0, count);
    return b;
  }

  private static ByteBuffer allocate(long bytes) {
    if (bytes > Integer.MAX_VALUE) {
      throw new IllegalStateException("a column of " + bytes + " bytes exceeds 2 GiB, the limit of one section");
    }
    return ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
  }
}
