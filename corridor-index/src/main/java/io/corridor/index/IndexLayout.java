package io.corridor.index;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a builder's columns, in arrival order, into an index's sections: points grouped by
 * location, locations sorted by the cell of their first point and within a cell by
 * {@link SubCellOrder} (stably, so equal codes keep arrival order), the cell directory, and the
 * spill directory of the cells of other points.
 *
 * <p>Laid out one column at a time, each of the builder's columns dropped once its part of the index
 * is written, so that the peak is about one copy of the index plus the largest column, not two.
 */
final class IndexLayout {
  private IndexLayout() {}

  /** The string columns in the order of {@link Columns#strings}, each its offsets and its bytes. */
  private static final Section[][] STRING_SECTIONS = {
      {Section.ID_OFFSETS, Section.ID_BYTES},
      {Section.NAME_OFFSETS, Section.NAME_BYTES},
      {Section.PROPERTY_OFFSETS, Section.PROPERTY_BYTES}};

  /** A builder's columns, handed over for the layout to drop one by one. */
  static final class Columns {
    final int count;
    final int pointCount;
    final boolean grouped;
    final List<String> categoryNames;
    final List<String> propertyKeys;
    double[] lat;
    double[] lon;
    int[] owner;
    /** The bytes of the ids, names and properties (in that order), entry i ending at {@code stringEnds[k][i]}. */
    final GrowableBytes[] strings;
    final int[][] stringEnds;
    char[] categories;

    Columns(int count, int pointCount, double[] lat, double[] lon, int[] owner, boolean grouped,
        GrowableBytes[] strings, int[][] stringEnds, char[] categories, List<String> categoryNames,
        List<String> propertyKeys) {
      this.count = count;
      this.pointCount = pointCount;
      this.lat = lat;
      this.lon = lon;
      this.owner = owner;
      this.grouped = grouped;
      this.strings = strings;
      this.stringEnds = stringEnds;
      this.categories = categories;
      this.categoryNames = categoryNames;
      this.propertyKeys = propertyKeys;
    }
  }

  static LocationIndex build(LocationIndexBuilder b) {
    Columns c = b.takeColumns();
    checkUniqueIds(c.count, c.strings[0].array(), c.stringEnds[0]);
    int n = c.count;
    int[] pointStart = new int[n + 1];
    int[] pointOrder = groupPoints(c, pointStart);
    c.owner = null;
    long[] order = new long[n];
    for (int i = 0; i < n; i++) {
      int p = pointOrder == null ? pointStart[i] : pointOrder[pointStart[i]];
      order[i] = ((long) CellGrid.key(c.lat[p], c.lon[p]) << 32) | i;
    }
    Arrays.parallelSort(order);
    orderWithinCells(order, c, pointStart, pointOrder);

    Map<Section, ByteBuffer> s = new EnumMap<>(Section.class);
    layPoints(c, pointStart, pointOrder, order, s);
    // Dropped by hand: this method runs once, interpreted, where a local lives to the end.
    pointStart = null;
    pointOrder = null;
    c.lat = null;
    c.lon = null;
    for (int k = 0; k < STRING_SECTIONS.length; k++) {
      s.put(STRING_SECTIONS[k][0], offsets(order, c.stringEnds[k]));
      s.put(STRING_SECTIONS[k][1], bytes(order, c.strings[k], c.stringEnds[k]));
      c.strings[k] = null;
      c.stringEnds[k] = null;
    }
    ByteBuffer categories = allocate(2L * n);
    for (int j = 0; j < n; j++) {
      categories.putChar(c.categories[(int) order[j]]);
    }
    s.put(Section.CATEGORIES, categories.flip());
    putDictionary(c.categoryNames, Section.CATEGORY_OFFSETS, Section.CATEGORY_BYTES, s);
    putDictionary(c.propertyKeys, Section.PROPERTY_KEY_OFFSETS, Section.PROPERTY_KEY_BYTES, s);
    return LocationIndex.wrap(s);
  }

  /**
   * Reorders each cell's run of {@code order} by {@link SubCellOrder}: a stable counting sort of
   * the run by code, so that within a code the arrival order stays.
   */
  private static void orderWithinCells(long[] order, Columns c, int[] pointStart, int[] pointOrder) {
    int n = order.length;
    int[] codes = new int[0];
    long[] run = new long[0];
    int[] count = new int[SubCellOrder.MULTI_POINT + 2];
    for (int from = 0; from < n; ) {
      int key = (int) (order[from] >>> 32);
      int to = from + 1;
      while (to < n && (int) (order[to] >>> 32) == key) {
        to++;
      }
      int len = to - from;
      if (len > 1) {
        if (codes.length < len) {
          codes = new int[Math.max(len, 2 * codes.length)];
          run = new long[codes.length];
        }
        int row = key / CellGrid.COLUMNS;
        int column = key % CellGrid.COLUMNS;
        Arrays.fill(count, 0);
        for (int k = 0; k < len; k++) {
          int i = (int) order[from + k];
          int first = pointStart[i];
          int p = pointOrder == null ? first : pointOrder[first];
          codes[k] = pointStart[i + 1] - first > 1 ? SubCellOrder.MULTI_POINT
              : SubCellOrder.code(c.lat[p], c.lon[p], row, column);
          count[codes[k] + 1]++;
        }
        for (int b = 0; b <= SubCellOrder.MULTI_POINT; b++) {
          count[b + 1] += count[b];
        }
        for (int k = 0; k < len; k++) {
          run[count[codes[k]]++] = order[from + k];
        }
        System.arraycopy(run, 0, order, from, len);
      }
      from = to;
    }
  }

  /**
   * Fills {@code pointStart} with each location's first point in grouped order and returns the
   * arrival index of each grouped point, or null if the points came grouped already: a counting
   * sort by location, stable so that a location's points keep their order.
   */
  private static int[] groupPoints(Columns c, int[] pointStart) {
    int n = c.count;
    for (int p = 0; p < c.pointCount; p++) {
      pointStart[c.owner[p] + 1]++;
    }
    for (int i = 0; i < n; i++) {
      if (pointStart[i + 1] == 0) {
        int[] idEnd = c.stringEnds[0];
        int from = i == 0 ? 0 : idEnd[i - 1];
        throw new IllegalStateException("location \"" + new String(c.strings[0].array(), from,
            idEnd[i] - from, StandardCharsets.UTF_8) + "\" has no point");
      }
      pointStart[i + 1] += pointStart[i];
    }
    if (c.grouped) {
      return null;
    }
    int[] pointOrder = new int[c.pointCount];
    for (int p = 0; p < c.pointCount; p++) {
      pointOrder[pointStart[c.owner[p]]++] = p;
    }
    // Each entry now holds the next location's start: shift them back.
    System.arraycopy(pointStart, 0, pointStart, 1, n);
    pointStart[0] = 0;
    return pointOrder;
  }

  /** Lays out the coordinates and point starts in index order, with the cell and spill directories. */
  private static void layPoints(Columns c, int[] pointStart, int[] pointOrder, long[] order,
      Map<Section, ByteBuffer> s) {
    int n = c.count;
    ByteBuffer outLat = allocate(8L * c.pointCount);
    ByteBuffer outLon = allocate(8L * c.pointCount);
    ByteBuffer pointStarts = allocate(4L * (n + 1));
    int cells = 0;
    int[] cellKeys = new int[Math.max(16, n / 4)];
    int[] cellStarts = new int[cellKeys.length + 1];
    long[] spill = new long[16];
    int spillCount = 0;
    int point = 0;
    pointStarts.putInt(0);
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
      for (int q = pointStart[i]; q < pointStart[i + 1]; q++) {
        int p = pointOrder == null ? q : pointOrder[q];
        outLat.putDouble(c.lat[p]);
        outLon.putDouble(c.lon[p]);
        int other = CellGrid.key(c.lat[p], c.lon[p]);
        if (other != key) {
          if (spillCount == spill.length) {
            spill = Arrays.copyOf(spill, spillCount * 2);
          }
          spill[spillCount++] = ((long) other << 32) | j;
        }
        point++;
      }
      pointStarts.putInt(point);
    }
    cellStarts[cells] = n;
    Arrays.sort(spill, 0, spillCount);
    int distinct = 0;
    for (int k = 0; k < spillCount; k++) {
      if (distinct == 0 || spill[distinct - 1] != spill[k]) {
        spill[distinct++] = spill[k];
      }
    }
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
  }

  /** Returns the offsets, in index order, of a string column whose entry i ends at {@code end[i]}. */
  private static ByteBuffer offsets(long[] order, int[] end) {
    ByteBuffer offsets = allocate(4L * (order.length + 1));
    int at = 0;
    offsets.putInt(at);
    for (long o : order) {
      int i = (int) o;
      at += end[i] - (i == 0 ? 0 : end[i - 1]);
      offsets.putInt(at);
    }
    return offsets.flip();
  }

  /** Returns the bytes of a string column in index order, sized exactly. */
  private static ByteBuffer bytes(long[] order, GrowableBytes column, int[] end) {
    ByteBuffer bytes = allocate(column.size());
    byte[] from = column.array();
    for (long o : order) {
      int i = (int) o;
      int start = i == 0 ? 0 : end[i - 1];
      bytes.put(from, start, end[i] - start);
    }
    return bytes.flip();
  }

  /**
   * Refuses two locations with the same id, which would answer a search twice: ids are compared
   * by a 64-bit hash, sorted, and only the rare equal hashes by their bytes.
   */
  private static void checkUniqueIds(int n, byte[] ids, int[] idEnd) {
    long[] sorted = new long[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = idHash(ids, i == 0 ? 0 : idEnd[i - 1], idEnd[i]);
    }
    Arrays.parallelSort(sorted);
    java.util.Set<Long> repeated = new java.util.HashSet<>();
    for (int i = 1; i < n; i++) {
      if (sorted[i] == sorted[i - 1]) {
        repeated.add(sorted[i]);
      }
    }
    sorted = null;
    if (repeated.isEmpty()) {
      return;
    }
    Map<String, Integer> firstById = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      int from = i == 0 ? 0 : idEnd[i - 1];
      if (repeated.contains(idHash(ids, from, idEnd[i]))) {
        String id = new String(ids, from, idEnd[i] - from, StandardCharsets.UTF_8);
        Integer first = firstById.putIfAbsent(id, i);
        if (first != null) {
          throw new DuplicateIdException(id, first, i);
        }
      }
    }
  }

  /** Returns a 64-bit hash of the id bytes {@code [from, to)}: FNV-1a, then a final mix. */
  static long idHash(byte[] bytes, int from, int to) {
    long h = 0xcbf29ce484222325L;
    for (int k = from; k < to; k++) {
      h = (h ^ (bytes[k] & 0xFF)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }

  private static void putDictionary(List<String> entries, Section offsetSection, Section bytesSection,
      Map<Section, ByteBuffer> s) {
    GrowableBytes bytes = new GrowableBytes();
    ByteBuffer offsets = allocate(4L * (entries.size() + 1));
    offsets.putInt(0);
    for (String e : entries) {
      bytes.add(e.getBytes(StandardCharsets.UTF_8));
      offsets.putInt(bytes.size());
    }
    s.put(offsetSection, offsets.flip());
    s.put(bytesSection, bytes.toBuffer());
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
