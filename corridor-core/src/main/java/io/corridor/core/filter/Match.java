package io.corridor.core.filter;

import io.corridor.core.location.LocationSource;
import java.util.Map;
import java.util.Objects;

/**
 * A location inside the corridor, as every filter and the index search give it: its id, the
 * smallest distance from any of its points to the route, the offset along the route of the route
 * point nearest to that point, and, read from its source when asked, its name, category,
 * properties and points.
 *
 * <p>A match refers to its location by number in its {@link #source()} (a location set or an
 * index), so producing one costs no more than its three numbers: the name, category and properties
 * are read only for the matches a caller looks at.
 *
 * <p>Immutable and safe to share between threads, provided its source is (every source in this
 * project is). The id is computed at most once per match, as {@link String#hashCode} is.
 */
public final class Match {
  private final LocationSource source;
  private final int location;
  private final double distanceMeters;
  private final double offsetMeters;
  /** The id, read from the source on first use unless given; a benign race as in String.hash. */
  private String id;

  /**
   * Returns the match of location {@code location} of {@code source}.
   *
   * @param source the locations the match is one of
   * @param location its number in {@code source}
   * @param distanceMeters the smallest distance from its points to the route
   * @param offsetMeters the offset along the route of the route point nearest to that point
   */
  public Match(LocationSource source, int location, double distanceMeters, double offsetMeters) {
    this(source, location, null, distanceMeters, offsetMeters);
  }

  /**
   * Like {@link #Match(LocationSource, int, double, double)} for a producer that has already read
   * the location's id (to sort by it, say), so that it is not read again.
   */
  public Match(LocationSource source, int location, String id, double distanceMeters,
      double offsetMeters) {
    this.source = Objects.requireNonNull(source, "source");
    this.location = location;
    this.id = id;
    this.distanceMeters = distanceMeters;
    this.offsetMeters = offsetMeters;
  }

  /** Returns the location's id. */
  public String id() {
    String s = id;
    if (s == null) {
      s = source.id(location);
      id = s;
    }
    return s;
  }

  /** Returns the smallest distance in metres from any of the location's points to the route. */
  public double distanceMeters() {
    return distanceMeters;
  }

  /** Returns the offset in metres along the route of the route point nearest to the location. */
  public double offsetMeters() {
    return offsetMeters;
  }

  /** Returns the location's name, or null if its source gives it none. */
  public String name() {
    return source.name(location);
  }

  /** Returns the location's category, or null if its source gives it none. */
  public String category() {
    return source.category(location);
  }

  /**
   * Returns the location's properties in their input order (empty if it has none): a file's other
   * columns or GeoJSON properties, an OpenStreetMap element's tags, a query's columns.
   */
  public Map<String, Object> properties() {
    return source.properties(location);
  }

  /** Returns the number of the location's points (one or more). */
  public int pointCount() {
    return source.pointEnd(location) - source.pointStart(location);
  }

  /** Returns the latitude in degrees of the location's point {@code k}, from 0. */
  public double latDegrees(int k) {
    return source.latDegrees(point(k));
  }

  /** Returns the longitude in degrees of the location's point {@code k}, from 0. */
  public double lonDegrees(int k) {
    return source.lonDegrees(point(k));
  }

  /** Returns the location's number in its {@link #source()}. */
  public int location() {
    return location;
  }

  /** Returns the locations this match is one of. */
  public LocationSource source() {
    return source;
  }

  private int point(int k) {
    Objects.checkIndex(k, pointCount());
    return source.pointStart(location) + k;
  }

  /**
   * Two matches are equal if they have the same id, distance and offset, whatever their source:
   * the search of an index and the filter of the same locations give equal lists.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Match m && Double.compare(m.distanceMeters, distanceMeters) == 0
        && Double.compare(m.offsetMeters, offsetMeters) == 0 && m.id().equals(id());
  }

  @Override
  public int hashCode() {
    return Objects.hash(id(), distanceMeters, offsetMeters);
  }

  @Override
  public String toString() {
    return "Match[id=" + id() + ", distanceMeters=" + distanceMeters + ", offsetMeters="
        + offsetMeters + "]";
  }
}
