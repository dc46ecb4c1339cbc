package io.corridor.index;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Sphere;
import io.corridor.core.location.LocationSet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable index of locations (an id, one or more points, a name, a category and other
 * properties) that answers corridor searches by looking only at the cells near the route.
 *
 * <p>Stored by column, in little-endian buffers that are the sections of a {@link Snapshot} file
 * (on the heap when built, memory-mapped when opened), with no object per location. Locations are
 * sorted by the {@link CellGrid} cell of their first point, so that a cell's locations are
 * contiguous and a directory of non-empty cells (key, first location) finds them; a location whose
 * other points fall in other cells is also listed there in a small spill directory. Coordinates
 * stay doubles, so the search gives exactly the filter's answers.
 */
public final class LocationIndex {
  private final Map<Section, ByteBuffer> sections;
  private final int size;
  private final int pointCount;
  private final DoubleBuffer lat;
  private final DoubleBuffer lon;
  private final IntBuffer pointStarts;
  private final IntBuffer cellKeys;
  private final IntBuffer cellStarts;
  private final LongBuffer spill;
  private final IntBuffer idOffsets;
  private final ByteBuffer idBytes;
  private final IntBuffer nameOffsets;
  private final ByteBuffer nameBytes;
  private final ShortBuffer categoryCodes;
  private final String[] categoryNames;
  private final String[] propertyKeys;
  private final Map<String, Integer> categoryCodeByName;
  private final IntBuffer propertyOffsets;
  private final ByteBuffer propertyBytes;

  private LocationIndex(Map<Section, ByteBuffer> sections) {
    this.sections = Collections.unmodifiableMap(new EnumMap<>(sections));
    this.lat = buffer(Section.LATITUDES).asDoubleBuffer();
    this.lon = buffer(Section.LONGITUDES).asDoubleBuffer();
    this.pointStarts = buffer(Section.POINT_STARTS).asIntBuffer();
    this.cellKeys = buffer(Section.CELL_KEYS).asIntBuffer();
    this.cellStarts = buffer(Section.CELL_STARTS).asIntBuffer();
    this.spill = buffer(Section.SPILL).asLongBuffer();
    this.idOffsets = buffer(Section.ID_OFFSETS).asIntBuffer();
    this.idBytes = buffer(Section.ID_BYTES);
    this.nameOffsets = buffer(Section.NAME_OFFSETS).asIntBuffer();
    this.nameBytes = buffer(Section.NAME_BYTES);
    this.categoryCodes = buffer(Section.CATEGORIES).asShortBuffer();
    this.propertyOffsets = buffer(Section.PROPERTY_OFFSETS).asIntBuffer();
    this.propertyBytes = buffer(Section.PROPERTY_BYTES);
    this.size = pointStarts.capacity() - 1;
    this.pointCount = lat.capacity();
    this.categoryNames = dictionary(Section.CATEGORY_OFFSETS, Section.CATEGORY_BYTES, "category");
    this.categoryCodeByName = new HashMap<>();
    for (int c = 0; c < categoryNames.length; c++) {
      categoryCodeByName.put(categoryNames[c], c + 1);
    }
    this.propertyKeys = dictionary(Section.PROPERTY_KEY_OFFSETS, Section.PROPERTY_KEY_BYTES, "property key");
    checkStructure();
  }

  /** Returns a builder that collects locations one at a time, in any order. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the index of a location set, with names and categories taken from the properties
   * {@code "name"} and {@code "category"} if present and every property kept in its place: the
   * bridge that lets tests compare the search with the filter over the same locations.
   */
  public static LocationIndex of(LocationSet locations) {
    Builder b = builder();
    for (int i = 0; i < locations.size(); i++) {
      int from = locations.pointStart(i);
      int to = locations.pointEnd(i);
      double[] lats = Arrays.copyOfRange(locations.latitudesView(), from, to);
      double[] lons = Arrays.copyOfRange(locations.longitudesView(), from, to);
      Map<String, Object> props = locations.properties(i);
      b.add(locations.id(i), lats, lons, string(props.get("name")), string(props.get("category")),
          props);
    }
    return b.build();
  }

  private static String string(Object value) {
    return value == null ? null : value.toString();
  }

  /** Wraps sections read from a file, checking that their sizes agree with each other. */
  static LocationIndex fromSections(Map<Section, ByteBuffer> sections) {
    for (Section s : Section.values()) {
      check(sections.containsKey(s), "section " + s + " is missing");
    }
    return new LocationIndex(sections);
  }

  /**
   * Returns the locations within {@code corridor}, with their distance and offset as the filter
   * gives them, restricted, ordered and resumed as {@code options} says.
   *
   * @throws io.corridor.core.InvalidInputException if the route is beyond {@link RouteLimits}
   * @throws SearchTimeoutException if the search takes longer than the options' timeout
   */
  public List<IndexMatch> search(Corridor corridor, SearchOptions options) {
    return searchResult(corridor, options).matches();
  }

  /**
   * Like {@link #search}, and also says how many candidate locations the search examined.
   *
   * @throws io.corridor.core.InvalidInputException if the route is beyond {@link RouteLimits}
   * @throws SearchTimeoutException if the search takes longer than the options' timeout
   */
  public SearchResult searchResult(Corridor corridor, SearchOptions options) {
    RouteLimits.check(corridor.route());
    return CorridorSearch.search(this, corridor, options);
  }

  /** Returns the number of locations. */
  public int size() {
    return size;
  }

  /** Returns the number of points of all locations together. */
  public int pointCount() {
    return pointCount;
  }

  /** Returns the number of non-empty cells: the length of the cell directory. */
  public int cellCount() {
    return cellKeys.capacity();
  }

  /** Returns the bytes held by all columns: the index's footprint in memory or on disk. */
  public long sizeBytes() {
    long total = 0;
    for (ByteBuffer b : sections.values()) {
      total += b.capacity();
    }
    return total;
  }

  /** Returns the id of location {@code i}. */
  public String id(int i) {
    return string(idOffsets, idBytes, i);
  }

  /** Returns the name of location {@code i}, or null if it has none. */
  public String name(int i) {
    String s = string(nameOffsets, nameBytes, i);
    return s.isEmpty() ? null : s;
  }

  /** Returns the category of location {@code i}, or null if it has none. */
  public String category(int i) {
    int code = categoryCode(i);
    return code == 0 ? null : categoryNames[code - 1];
  }

  /**
   * Returns the properties of location {@code i}, in the order they were given: for a CSV or
   * GeoJSON file, every column or property but the id and coordinates, the name and category
   * included. Values are strings, but for a GeoJSON property's number, boolean, null, array or
   * object, given back as the GeoJSON reader gives it.
   */
  public Map<String, Object> properties(int i) {
    return PropertyCodec.decode(propertyBytes, propertyOffsets.get(i), propertyOffsets.get(i + 1),
        propertyKeys, name(i), category(i));
  }

  /** Returns the index of the first point of location {@code i}. */
  public int pointStart(int i) {
    return pointStarts.get(i);
  }

  /** Returns the index past the last point of location {@code i}. */
  public int pointEnd(int i) {
    return pointStarts.get(i + 1);
  }

  /** Returns the latitude in degrees of point {@code p}. */
  public double latDegrees(int p) {
    return lat.get(p);
  }

  /** Returns the longitude in degrees of point {@code p}. */
  public double lonDegrees(int p) {
    return lon.get(p);
  }

  // Package-private views for the search and the snapshot writer.

  Map<Section, ByteBuffer> sections() {
    return sections;
  }

  int categoryCode(int i) {
    return categoryCodes.get(i) & 0xFFFF;
  }

  /** Returns the code of a category name, or −1 if no location has it. */
  int categoryCodeOf(String category) {
    Integer code = categoryCodeByName.get(category);
    return code == null ? -1 : code;
  }

  int categoryCount() {
    return categoryNames.length;
  }

  IntBuffer cellKeys() {
    return cellKeys;
  }

  IntBuffer cellStarts() {
    return cellStarts;
  }

  LongBuffer spill() {
    return spill;
  }

  DoubleBuffer latitudes() {
    return lat;
  }

  DoubleBuffer longitudes() {
    return lon;
  }

  IntBuffer pointStarts() {
    return pointStarts;
  }

  private ByteBuffer buffer(Section s) {
    return sections.get(s).duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }

  private static String string(IntBuffer offsets, ByteBuffer bytes, int i) {
    int from = offsets.get(i);
    byte[] b = new byte[offsets.get(i + 1) - from];
    bytes.get(from, b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Checks the cheap invariants that keep every accessor in bounds (the file's checksums guard the rest). */
  private void checkStructure() {
    check(pointStarts.capacity() >= 1, "the point starts are empty");
    check(lon.capacity() == pointCount, "latitudes and longitudes differ in count");
    check(pointStarts.get(0) == 0 && pointStarts.get(size) == pointCount,
        "the point starts do not span the " + pointCount + " points");
    check(cellStarts.capacity() == cellKeys.capacity() + 1, "the cell directory's columns differ in length");
    check(cellStarts.get(0) == 0 && cellStarts.get(cellKeys.capacity()) == size,
        "the cell directory does not span the " + size + " locations");
    check(categoryCodes.capacity() == size, "the category column has the wrong length");
    check(idOffsets.capacity() == size + 1, "the id offsets have the wrong length");
    check(nameOffsets.capacity() == size + 1, "the name offsets have the wrong length");
    check(propertyOffsets.capacity() == size + 1, "the property offsets have the wrong length");
    checkOffsets(idOffsets, idBytes, "id");
    checkOffsets(nameOffsets, nameBytes, "name");
    checkOffsets(propertyOffsets, propertyBytes, "property");
    // One pass over each column (tens of milliseconds for 10 million locations), so that a
    // well-checksummed but inconsistent file is refused now rather than failing a search later.
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
        if ((codes[k] & 0xFFFF) > categoryNames.length) {
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

  private static final int CHECK_CHUNK = 8192;

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

  /** Reads a dictionary of strings (categories, property keys) from its offsets and bytes. */
  private String[] dictionary(Section offsetSection, Section bytesSection, String what) {
    IntBuffer offsets = buffer(offsetSection).asIntBuffer();
    ByteBuffer bytes = buffer(bytesSection);
    check(offsets.capacity() >= 1, "the " + what + " offsets are empty");
    checkOffsets(offsets, bytes, what);
    String[] entries = new String[offsets.capacity() - 1];
    for (int k = 0; k < entries.length; k++) {
      entries[k] = string(offsets, bytes, k);
    }
    return entries;
  }

  private static void checkOffsets(IntBuffer offsets, ByteBuffer bytes, String what) {
    int n = offsets.capacity() - 1;
    check(offsets.get(0) == 0 && offsets.get(n) == bytes.capacity(),
        "the " + what + " offsets do not span the " + what + " bytes");
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * Collects locations and builds the index: columns grow as locations and points arrive (no
   * object per location or point), then one sort by cell puts them in index order.
   *
   * <p>A location is started with its id, name, category and properties, and its points may follow
   * at once ({@link #add}) or one at a time, in any order and interleaved with other locations'
   * ({@link #location}, {@link #point}); each point is stored with its location's number and the
   * build groups them, keeping each location's points in the order they came. Memory while
   * collecting is the columns themselves: about 20 bytes per point and 14 per location, plus the
   * bytes of ids, names and properties, with room to grow. A builder builds once: {@link #build()}
   * hands its columns over to the index, freeing each as soon as its part of the index is laid out.
   */
  public static final class Builder {
    private GrowableBytes ids = new GrowableBytes();
    private GrowableBytes names = new GrowableBytes();
    private GrowableBytes properties = new GrowableBytes();
    private final Map<String, Integer> categoryCodes = new HashMap<>();
    private final List<String> categories = new ArrayList<>();
    private final Map<String, Integer> keyCodes = new HashMap<>();
    private final List<String> keys = new ArrayList<>();
    private int[] idEnd = new int[1024];
    private int[] nameEnd = new int[1024];
    private int[] propertyEnd = new int[1024];
    private char[] category = new char[1024];
    private double[] lat = new double[1024];
    private double[] lon = new double[1024];
    /** The location of each point, in the order the points came. */
    private int[] owner = new int[1024];
    /** Whether the points came location by location, in location order (no grouping needed). */
    private boolean grouped = true;
    private int size;
    private int points;
    private boolean built;

    private Builder() {}

    /**
     * Adds a location: its id (unique, checked by {@link #build()}), its points in degrees, and
     * its name, category and properties (each may be null). The properties are kept in their
     * order and may hold the name and category too, which are then stored once.
     *
     * @throws IllegalArgumentException if there is no point or a coordinate is out of range
     */
    public Builder add(String id, double[] lats, double[] lons, String name, String category,
        Map<String, ?> properties) {
      if (id == null || lats.length == 0 || lats.length != lons.length) {
        throw new IllegalArgumentException("location " + id + ": needs an id and one or more points");
      }
      for (int k = 0; k < lats.length; k++) {
        Sphere.checkLatLon("location " + id + " point " + (k + 1), lats[k], lons[k]);
      }
      int location = location(id, name, category, properties);
      for (int k = 0; k < lats.length; k++) {
        point(location, lats[k], lons[k]);
      }
      return this;
    }

    /**
     * Starts a location with no points yet and returns its number, for {@link #point}: its id
     * (unique, checked by {@link #build()}), name, category and properties (each may be null;
     * the properties in their order, possibly holding the name and category, then stored once). Every location needs a point by the time of the build.
     */
    public int location(String id, String name, String category, Map<String, ?> properties) {
      if (id == null) {
        throw new IllegalArgumentException("a location needs an id");
      }
      return location(id.getBytes(StandardCharsets.UTF_8), name, category, properties);
    }

    /**
     * Adds a point in degrees to location {@code location}, started earlier by {@link #location}.
     *
     * @throws IllegalArgumentException if a coordinate is out of range
     */
    public Builder point(int location, double latDegrees, double lonDegrees) {
      checkOpen();
      if (location < 0 || location >= size) {
        throw new IllegalArgumentException("no location " + location + " has been started");
      }
      if (!(latDegrees >= -90 && latDegrees <= 90 && lonDegrees >= -180 && lonDegrees <= 180)) {
        Sphere.checkLatLon("location " + id(location), latDegrees, lonDegrees);
      }
      if (points == lat.length) {
        int n = grow(points);
        lat = Arrays.copyOf(lat, n);
        lon = Arrays.copyOf(lon, n);
        owner = Arrays.copyOf(owner, n);
      }
      grouped &= points == 0 || owner[points - 1] <= location;
      lat[points] = latDegrees;
      lon[points] = lonDegrees;
      owner[points] = location;
      points++;
      return this;
    }

    /**
     * Returns an empty grouping by id over this builder, for one source whose rows that share an
     * id are points of one location.
     */
    public IdGroups groupById() {
      return new IdGroups(this);
    }

    /** Returns the number of locations added so far. */
    public int size() {
      return size;
    }

    /**
     * Builds the index: groups the points by location, sorts the locations by the cell of their
     * first point and lays out the columns.
     *
     * @throws DuplicateIdException if two locations have the same id
     * @throws IllegalStateException if a location has no point, or the builder has built already
     */
    public LocationIndex build() {
      checkOpen();
      built = true;
      return IndexLayout.build(this);
    }

    int location(byte[] id, String name, String category, Map<String, ?> properties) {
      checkOpen();
      if (size == idEnd.length) {
        int n = grow(size);
        idEnd = Arrays.copyOf(idEnd, n);
        nameEnd = Arrays.copyOf(nameEnd, n);
        propertyEnd = Arrays.copyOf(propertyEnd, n);
        this.category = Arrays.copyOf(this.category, n);
      }
      this.category[size] = (char) categoryCode(category);
      ids.add(id);
      idEnd[size] = ids.size();
      if (name != null) {
        names.add(name.getBytes(StandardCharsets.UTF_8));
      }
      nameEnd[size] = names.size();
      PropertyCodec.encode(properties, name, category, this::keyCode, this.properties);
      propertyEnd[size] = this.properties.size();
      return size++;
    }

    /** Returns a column's next length: half again, as {@link GrowableBytes} grows. */
    private static int grow(int length) {
      if (length >= Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("more than " + length + " locations or points");
      }
      return (int) Math.min(Integer.MAX_VALUE - 16, length + (length >> 1));
    }

    private void checkOpen() {
      if (built) {
        throw new IllegalStateException("this builder has built its index already");
      }
    }

    private int keyCode(String key) {
      Integer code = keyCodes.get(key);
      if (code == null) {
        code = keys.size();
        keys.add(key);
        keyCodes.put(key, code);
      }
      return code;
    }

    private int categoryCode(String name) {
      if (name == null) {
        return 0;
      }
      Integer code = categoryCodes.get(name);
      if (code == null) {
        if (categories.size() == 0xFFFF) {
          throw new IllegalArgumentException("more than 65 535 categories");
        }
        categories.add(name);
        code = categories.size();
        categoryCodes.put(name, code);
      }
      return code;
    }

    // Read by IdGroups.

    String id(int i) {
      int from = i == 0 ? 0 : idEnd[i - 1];
      return new String(ids.array(), from, idEnd[i] - from, StandardCharsets.UTF_8);
    }

    boolean idEquals(int i, byte[] id) {
      int from = i == 0 ? 0 : idEnd[i - 1];
      return Arrays.equals(ids.array(), from, idEnd[i], id, 0, id.length);
    }

    // Handed over to IndexLayout, which takes each column and drops it when it is laid out.

    IndexLayout.Columns takeColumns() {
      IndexLayout.Columns c = new IndexLayout.Columns(size, points, lat, lon, owner, grouped,
          new GrowableBytes[] {ids, names, properties}, new int[][] {idEnd, nameEnd, propertyEnd},
          category, categories, keys);
      lat = null;
      lon = null;
      owner = null;
      ids = null;
      idEnd = null;
      names = null;
      nameEnd = null;
      properties = null;
      propertyEnd = null;
      this.category = null;
      return c;
    }
  }

  /** Wraps finished columns; for {@link IndexLayout}. */
  static LocationIndex wrap(Map<Section, ByteBuffer> sections) {
    return new LocationIndex(sections);
  }
}
