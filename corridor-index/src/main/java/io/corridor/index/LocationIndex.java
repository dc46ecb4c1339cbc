package io.corridor.index;

import io.corridor.core.filter.Match;
import io.corridor.core.geo.Corridor;
import io.corridor.core.location.LocationSet;
import io.corridor.core.location.LocationSource;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable index of locations (an id, one or more points, a name, a category and other
 * properties) that answers corridor searches by looking only at the cells near the route.
 *
 * <p>Open a snapshot file with {@link #open(Path)}, or build an index in memory with
 * {@link #builder()} or {@link #of(LocationSet)}; search it with
 * {@link #search(Corridor, SearchOptions)}.
 *
 * <p>Immutable and safe to share between threads: any number of threads may search one index at
 * once, and no search holds a lock.
 *
 * <p>Stored by column, in little-endian buffers that are the sections of a {@link Snapshot} file
 * (on the heap when built, memory-mapped when opened), with no object per location. Locations are
 * sorted by the {@link CellGrid} cell of their first point, so that a cell's locations are
 * contiguous and a directory of non-empty cells (key, first location) finds them; a location whose
 * other points fall in other cells is also listed there in a small spill directory. Coordinates
 * stay doubles, so the search gives exactly the filter's answers.
 *
 * <p><b>Closing.</b> {@link #close()} refuses every later search with an
 * {@link IllegalStateException}; searches already running finish normally, and the matches they
 * returned stay readable (name, category, properties, points). The mapping is released to the
 * operating system once nothing refers to the index any more: the last running search has
 * returned and no caller holds the index or one of its matches. Closing never unmaps memory that
 * a running search or a live match may still read, so a server may swap in a new index and close
 * the old one while searches on it are in flight. (Java 17 offers no supported way to unmap a
 * buffer at a chosen moment; the mapping goes with the buffers, when the garbage collector finds
 * them unreachable. On Linux and macOS the file may be replaced or deleted while mapped.)
 */
public final class LocationIndex implements LocationSource, Closeable {
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
  private volatile boolean closed;

  /** Whether each cell's locations are in {@link SubCellOrder} (all but version 2 snapshots). */
  private final boolean subCellOrdered;

  private LocationIndex(Map<Section, ByteBuffer> sections, boolean subCellOrdered) {
    this.subCellOrdered = subCellOrdered;
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
    IndexStructure.check(this);
  }

  /**
   * Opens an index snapshot written by {@link Snapshot#write}, memory-mapping its sections after
   * checking all of it: the index is ready in the time it takes to check the checksums, and its
   * pages are read from the file as searches touch them.
   *
   * @throws InvalidSnapshotException if the file is truncated, corrupted, not a snapshot, or of
   *     another format version
   * @throws java.nio.file.NoSuchFileException if there is no such file
   */
  public static LocationIndex open(Path file) throws IOException {
    return Snapshot.open(file);
  }

  /** Returns a builder that collects locations one at a time, in any order. */
  public static LocationIndexBuilder builder() {
    return new LocationIndexBuilder();
  }

  /**
   * Returns the index of a location set, with names and categories taken from the properties
   * {@code "name"} and {@code "category"} if present and every property kept in its place: the
   * bridge that lets tests compare the search with the filter over the same locations.
   */
  public static LocationIndex of(LocationSet locations) {
    LocationIndexBuilder b = builder();
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
  static LocationIndex fromSections(Map<Section, ByteBuffer> sections, boolean subCellOrdered) {
    for (Section s : Section.values()) {
      IndexStructure.check(sections.containsKey(s), "section " + s + " is missing");
    }
    return new LocationIndex(sections, subCellOrdered);
  }

  /**
   * Returns the locations within {@code corridor}, with their distance and offset as the filter
   * gives them, restricted, ordered and resumed as {@code options} says. Safe to call from many
   * threads at once.
   *
   * @throws io.corridor.core.InvalidInputException if the route is beyond {@link RouteLimits}
   * @throws SearchTimeoutException if the search takes longer than the options' timeout
   * @throws IllegalStateException if the index has been closed
   */
  public List<Match> search(Corridor corridor, SearchOptions options) {
    return searchResult(corridor, options).matches();
  }

  /**
   * Like {@link #search}, and also says how many candidate locations the search examined.
   *
   * @throws io.corridor.core.InvalidInputException if the route is beyond {@link RouteLimits}
   * @throws SearchTimeoutException if the search takes longer than the options' timeout
   * @throws IllegalStateException if the index has been closed
   */
  public SearchResult searchResult(Corridor corridor, SearchOptions options) {
    if (closed) {
      throw new IllegalStateException("the index is closed");
    }
    RouteLimits.check(corridor.route());
    return CorridorSearch.search(this, corridor, options);
  }

  /**
   * Returns the numbers of the locations of {@code categories} (empty for all) that have a point in
   * a latitude/longitude box, in ascending order: the "bounding box only" answer, which a client
   * would then filter on its own side. The box is {@code {west, south, east, north}} in degrees as
   * RFC 7946 §5.2 has it: west is greater than east when it crosses the antimeridian. The query
   * stops once it has found {@code max + 1} locations, so that a caller can refuse a box that holds
   * more than it would send. The box's edges belong to it, and longitudes -180 and 180 are one
   * meridian. Safe to call from many threads at once.
   *
   * @throws IllegalArgumentException if the box is not four numbers, longitudes in [-180, 180] and
   *     latitudes in [-90, 90] with south &le; north
   * @throws IllegalStateException if the index has been closed
   */
  public int[] locationsInBox(double[] box, Set<String> categories, int max) {
    if (closed) {
      throw new IllegalStateException("the index is closed");
    }
    return BoxQuery.run(this, box, categories, max);
  }

  /**
   * Closes the index: later searches are refused; running searches finish, and matches already
   * returned stay readable. The mapping is released once nothing refers to the index (see the
   * class comment). Closing twice does nothing.
   */
  @Override
  public void close() {
    closed = true;
  }

  /** Returns whether {@link #close()} has been called. */
  public boolean isClosed() {
    return closed;
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
  @Override
  public String id(int i) {
    return string(idOffsets, idBytes, i);
  }

  /** Returns the name of location {@code i}, or null if it has none. */
  @Override
  public String name(int i) {
    String s = string(nameOffsets, nameBytes, i);
    return s.isEmpty() ? null : s;
  }

  /** Returns the category of location {@code i}, or null if it has none. */
  @Override
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
  @Override
  public Map<String, Object> properties(int i) {
    return PropertyCodec.decode(propertyBytes, propertyOffsets.get(i), propertyOffsets.get(i + 1),
        propertyKeys, name(i), category(i));
  }

  /** Returns the index of the first point of location {@code i}. */
  @Override
  public int pointStart(int i) {
    return pointStarts.get(i);
  }

  /** Returns the index past the last point of location {@code i}. */
  @Override
  public int pointEnd(int i) {
    return pointStarts.get(i + 1);
  }

  /** Returns the latitude in degrees of point {@code p}. */
  @Override
  public double latDegrees(int p) {
    return lat.get(p);
  }

  /** Returns the longitude in degrees of point {@code p}. */
  @Override
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

  IntBuffer idOffsets() {
    return idOffsets;
  }

  ByteBuffer idBytes() {
    return idBytes;
  }

  IntBuffer nameOffsets() {
    return nameOffsets;
  }

  ByteBuffer nameBytes() {
    return nameBytes;
  }

  IntBuffer propertyOffsets() {
    return propertyOffsets;
  }

  ByteBuffer propertyBytes() {
    return propertyBytes;
  }

  ShortBuffer categoryCodes() {
    return categoryCodes;
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

  /** Reads a dictionary of strings (categories, property keys) from its offsets and bytes. */
  private String[] dictionary(Section offsetSection, Section bytesSection, String what) {
    IntBuffer offsets = buffer(offsetSection).asIntBuffer();
    ByteBuffer bytes = buffer(bytesSection);
    IndexStructure.check(offsets.capacity() >= 1, "the " + what + " offsets are empty");
    IndexStructure.checkOffsets(offsets, bytes, what);
    String[] entries = new String[offsets.capacity() - 1];
    for (int k = 0; k < entries.length; k++) {
      entries[k] = string(offsets, bytes, k);
    }
    return entries;
  }

  /** Wraps finished columns; for {@link IndexLayout}. */
  static LocationIndex wrap(Map<Section, ByteBuffer> sections) {
    return new LocationIndex(sections, true);
  }

  /** Returns whether each cell's locations are in {@link SubCellOrder}. */
  boolean subCellOrdered() {
    return subCellOrdered;
  }
}
