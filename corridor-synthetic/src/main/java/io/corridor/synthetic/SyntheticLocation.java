package io.corridor.synthetic;

/**
 * One generated location: its id, its position in micro-degrees (exactly what the CSV holds, six
 * decimals), its name and its category.
 */
public record SyntheticLocation(String id, int latE6, int lonE6, String name, Category category) {
  /** Returns the latitude in degrees, equal to the CSV's six-decimal text read back as a double. */
  public double lat() {
    return latE6 / 1e6;
  }

  /** Returns the longitude in degrees, equal to the CSV's six-decimal text read back as a double. */
  public double lon() {
    return lonE6 / 1e6;
  }
}
