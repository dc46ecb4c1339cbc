package io.corridor.index;

/**
 * The columns of a {@link LocationIndex}, each one section of a snapshot file: little-endian
 * primitive arrays and UTF-8 blobs, so that an index in memory and one mapped from a file are
 * the same bytes.
 */
enum Section {
  /** double[points]: latitudes in degrees, grouped by location, locations in cell order. */
  LATITUDES(1, 8),
  /** double[points]: longitudes in degrees. */
  LONGITUDES(2, 8),
  /** int[locations + 1]: the first point of each location, then the point count. */
  POINT_STARTS(3, 4),
  /** int[cells]: the keys of the non-empty cells, ascending. */
  CELL_KEYS(4, 4),
  /** int[cells + 1]: the first location of each non-empty cell, then the location count. */
  CELL_STARTS(5, 4),
  /** long[]: (cell key &lt;&lt; 32 | location) for the cells of a location's other points, ascending. */
  SPILL(6, 8),
  /** int[locations + 1]: offsets of the ids in {@link #ID_BYTES}. */
  ID_OFFSETS(7, 4),
  /** UTF-8 ids, concatenated. */
  ID_BYTES(8, 1),
  /** int[locations + 1]: offsets of the names in {@link #NAME_BYTES}. */
  NAME_OFFSETS(9, 4),
  /** UTF-8 names, concatenated (empty for none). */
  NAME_BYTES(10, 1),
  /** u16[locations]: category codes, 0 for none, else 1 + the category's place in the dictionary. */
  CATEGORIES(11, 2),
  /** int[categories + 1]: offsets of the category names in {@link #CATEGORY_BYTES}. */
  CATEGORY_OFFSETS(12, 4),
  /** UTF-8 category names, concatenated. */
  CATEGORY_BYTES(13, 1),
  /** int[locations + 1]: offsets of the encoded properties in {@link #PROPERTY_BYTES}. */
  PROPERTY_OFFSETS(14, 4),
  /**
   * Per location: a count, then per property its key's code in the key dictionary and its value
   * (a reference to the name or category, or a length and UTF-8 bytes; unsigned LEB128 numbers).
   */
  PROPERTY_BYTES(15, 1),
  /** int[keys + 1]: offsets of the property keys in {@link #PROPERTY_KEY_BYTES}. */
  PROPERTY_KEY_OFFSETS(16, 4),
  /** UTF-8 property keys, concatenated, each once: a dataset has few distinct keys. */
  PROPERTY_KEY_BYTES(17, 1);

  private final int id;
  private final int elementBytes;

  Section(int id, int elementBytes) {
    this.id = id;
    this.elementBytes = elementBytes;
  }

  /** Returns the section's number in a snapshot's section table. */
  int id() {
    return id;
  }

  /** Returns the size of one element: a section's length must be a multiple of it. */
  int elementBytes() {
    return elementBytes;
  }

  /** Returns the section with this number, or null. */
  static Section byId(int id) {
    for (Section s : values()) {
      if (s.id == id) {
        return s;
      }
    }
    return null;
  }
}
