package io.corridor.index;

import io.corridor.core.location.LocationSource;
import java.util.Map;

/**
 * A {@link LocationSource} view of a {@link LocationIndex}, so that search results are written by
 * the same writer, in the same shape and property order, as the filter's.
 */
public final class IndexLocations implements LocationSource {
  private final LocationIndex index;

  private IndexLocations(LocationIndex index) {
    this.index = index;
  }

  /** Returns the view of {@code index}. */
  public static IndexLocations of(LocationIndex index) {
    return new IndexLocations(index);
  }

  @Override
  public String id(int i) {
    return index.id(i);
  }

  @Override
  public int pointStart(int i) {
    return index.pointStart(i);
  }

  @Override
  public int pointEnd(int i) {
    return index.pointEnd(i);
  }

  @Override
  public double latDegrees(int p) {
    return index.latDegrees(p);
  }

  @Override
  public double lonDegrees(int p) {
    return index.lonDegrees(p);
  }

  /** Returns the properties in their input order, as the filter gives them for the same file. */
  @Override
  public Map<String, Object> properties(int i) {
    return index.properties(i);
  }
}
