package io.corridor.core.location;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable set of locations, each an id and one or more points, stored by column: the points
 * of location {@code i} are {@code [pointStart(i), pointEnd(i))} in flat latitude and longitude
 * arrays, so that the filters run over primitive arrays with no object per point.
 *
 * <p>Properties (the extra CSV columns, or a GeoJSON feature's {@code properties}) are kept as read
 * and turned into a map only when asked for, typically for the few locations that match.
 *
 * <p>Immutable and safe to share between threads (the arrays its views return must not be modified).
 */
public final class LocationSet implements LocationSource {
  private final String[] ids;
  private final int[] pointStart;
  private final double[] latDegrees;
  private final double[] lonDegrees;
  private final List<String> columns;
  private final Object[] properties;

  private LocationSet(
      String[] ids,
      int[] pointStart,
      double[] latDegrees,
      double[] lonDegrees,
      List<String> columns,
      Object[] properties) {
    this.ids = ids;
    this.pointStart = pointStart;
    this.latDegrees = latDegrees;
    this.lonDegrees = lonDegrees;
    this.columns = columns;
    this.properties = properties;
  }

  /** Returns a builder that groups points by location id, in order of first appearance. */
  public static Builder builder() {
    return new Builder(List.of());
  }

  /**
   * Returns a builder whose locations carry values for the given property columns (as from a CSV
   * header), passed to {@link Builder#location(String, Object)} as a {@code String[]}.
   */
  public static Builder builder(List<String> propertyColumns) {
    return new Builder(List.copyOf(propertyColumns));
  }

  /** Returns the number of locations. */
  public int size() {
    return ids.length;
  }

  /** Returns the number of points of all locations together. */
  public int pointCount() {
    return latDegrees.length;
  }

  /** Returns the id of location {@code i}. */
  @Override
  public String id(int i) {
    return ids[i];
  }

  /** Returns the index of the first point of location {@code i}. */
  @Override
  public int pointStart(int i) {
    return pointStart[i];
  }

  /** Returns the index past the last point of location {@code i}. */
  @Override
  public int pointEnd(int i) {
    return pointStart[i + 1];
  }

  /** Returns the latitude in degrees of point {@code p}. */
  @Override
  public double latDegrees(int p) {
    return latDegrees[p];
  }

  /** Returns the longitude in degrees of point {@code p}. */
  @Override
  public double lonDegrees(int p) {
    return lonDegrees[p];
  }

  /** Returns the point latitudes, grouped by location; callers must not modify the array. */
  public double[] latitudesView() {
    return latDegrees;
  }

  /** Returns the point longitudes, grouped by location; callers must not modify the array. */
  public double[] longitudesView() {
    return lonDegrees;
  }

  /** Returns the CSR offsets (size + 1 entries) of the locations' points; callers must not modify it. */
  public int[] pointStartsView() {
    return pointStart;
  }

  /** Returns the properties of location {@code i} in their input order (empty if it has none). */
  @Override
  public Map<String, Object> properties(int i) {
    return LocationSink.asMap(columns, properties[i]);
  }

  /**
   * Collects locations, grouping points that share an id into one location.
   *
   * <p>Not thread-safe: fill it from one thread, then build.
   */
  public static final class Builder implements LocationSink {
    private List<String> columns;
    private final Map<String, Integer> indexById = new HashMap<>();
    private String[] ids = new String[1024];
    private Object[] properties = new Object[1024];
    private int locationCount;
    private double[] lat = new double[1024];
    private double[] lon = new double[1024];
    private int[] owner = new int[1024];
    private int pointCount;

    private Builder(List<String> columns) {
      this.columns = columns;
    }

    /** Sets the property columns of the {@code String[]} properties passed to {@link #location}. */
    @Override
    public void columns(List<String> names) {
      columns = List.copyOf(names);
    }

    /**
     * Returns the index of the location with this id, creating it with these properties (a
     * {@code String[]} of column values, a {@code Map<String, Object>}, or null) if it is new;
     * the properties of an existing location are kept.
     */
    @Override
    public int location(String id, Object properties) {
      Integer existing = indexById.putIfAbsent(id, locationCount);
      if (existing != null) {
        return existing;
      }
      if (locationCount == ids.length) {
        ids = Arrays.copyOf(ids, ids.length * 2);
        this.properties = Arrays.copyOf(this.properties, this.properties.length * 2);
      }
      ids[locationCount] = id;
      this.properties[locationCount] = properties;
      return locationCount++;
    }

    /** Adds a point, already checked to be valid, to location {@code location}. */
    @Override
    public void point(int location, double latDegrees, double lonDegrees) {
      if (pointCount == lat.length) {
        int n = lat.length * 2;
        lat = Arrays.copyOf(lat, n);
        lon = Arrays.copyOf(lon, n);
        owner = Arrays.copyOf(owner, n);
      }
      lat[pointCount] = latDegrees;
      lon[pointCount] = lonDegrees;
      owner[pointCount] = location;
      pointCount++;
    }

    /** Adds a location of one point: a shorthand for tests and generated data. */
    public Builder add(String id, double latDegrees, double lonDegrees) {
      point(location(id, null), latDegrees, lonDegrees);
      return this;
    }

    /** Returns the number of locations added so far. */
    public int size() {
      return locationCount;
    }

    /** Builds the set, placing each location's points together in the order they were added. */
    public LocationSet build() {
      int n = locationCount;
      int[] start = new int[n + 1];
      for (int p = 0; p < pointCount; p++) {
        start[owner[p] + 1]++;
      }
      for (int i = 0; i < n; i++) {
        start[i + 1] += start[i];
      }
      double[] outLat = new double[pointCount];
      double[] outLon = new double[pointCount];
      int[] next = Arrays.copyOf(start, n);
      for (int p = 0; p < pointCount; p++) {
        int slot = next[owner[p]]++;
        outLat[slot] = lat[p];
        outLon[slot] = lon[p];
      }
      return new LocationSet(
          Arrays.copyOf(ids, n), start, outLat, outLon, columns, Arrays.copyOf(properties, n));
    }
  }
}
