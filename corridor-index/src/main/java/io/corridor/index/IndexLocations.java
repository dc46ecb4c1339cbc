package io.corridor.index;

import io.corridor.core.location.LocationSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link LocationSource} view of a {@link LocationIndex}, whose properties put the name and
 * category back beside the other properties, so that search results are written by the same
 * writer, in the same shape, as the filter's.
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

  /** Returns {@code name} and {@code category} (when set), then the other properties. */
  @Override
  public Map<String, String> properties(int i) {
    Map<String, String> all = new LinkedHashMap<>();
    String name = index.name(i);
    if (name != null) {
      all.put("name", name);
    }
    String category = index.category(i);
    if (category != null) {
      all.put("category", category);
    }
    all.putAll(index.properties(i));
    return all;
  }
}
