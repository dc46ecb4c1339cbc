package io.corridor.index;

import io.corridor.core.geo.Sphere;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 *
 * <p>Not thread-safe: fill it from one thread (an importer's), then build.
 */
public final class LocationIndexBuilder {
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

  LocationIndexBuilder() {}

  /**
   * Adds a location: its id (unique, checked by {@link #build()}), its points in degrees, and
   * its name, category and properties (each may be null). The properties are kept in their
   * order and may hold the name and category too, which are then stored once.
   *
   * @throws IllegalArgumentException if there is no point or a coordinate is out of range
   */
  public LocationIndexBuilder add(String id, double[] lats, double[] lons, String name, String category,
      Map<String, ?> properties) {
    if (id == null || lats.length == 0 || lats.length != lons.length) {
      throw new IllegalArgumentException("location " + id + ": needs an id and one or more points");
    }
    for (int k = 0; k < lats.length; k++) {
      if (!Sphere.isValidLatLon(lats[k], lons[k])) {
        Sphere.checkLatLon("location " + id + " point " + (k + 1), lats[k], lons[k]);
      }
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
  public LocationIndexBuilder point(int location, double latDegrees, double lonDegrees) {
    checkOpen();
    if (location < 0 || location >= size) {
      throw new IllegalArgumentException("no location " + location + " has been started");
    }
    if (!(latDegrees >= -90 && latDegrees <= 90 && lonDegrees >= -180 && lonDegrees <= 180)) {
      if (!Sphere.isValidLatLon(latDegrees, lonDegrees)) {
        Sphere.checkLatLon("location " + id(location), latDegrees, lonDegrees);
      }
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
