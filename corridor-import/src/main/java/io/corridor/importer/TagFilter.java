package io.corridor.importer;

import io.corridor.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Selects OpenStreetMap elements by tag, such as {@code amenity=fuel,amenity=charging_station} or
 * {@code shop=*}, and names the category of each selected element.
 *
 * <p>An element matches if one of its tags equals an entry's key and value (or has the entry's
 * key, for {@code key=*}); its category is that tag's value. When several entries match, the
 * first one in the specification wins, so the order of a specification is its priority.
 */
public final class TagFilter {
  private final List<Entry> entries;

  private TagFilter(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * Parses a comma-separated list of {@code key=value} or {@code key=*} entries.
   *
   * @throws IllegalArgumentException with a message naming the faulty entry
   */
  public static TagFilter parse(String specification) {
    if (specification == null || specification.isBlank()) {
      throw new IllegalArgumentException(
          "OSM tag filter is empty: expected key=value or key=* entries separated by commas, "
              + "such as amenity=fuel,amenity=charging_station");
    }
    List<Entry> entries = new ArrayList<>();
    String[] parts = specification.split(",", -1);
    for (int k = 0; k < parts.length; k++) {
      String part = parts[k].strip();
      String where = "OSM tag filter entry " + (k + 1) + " ('"
          + InvalidInputException.quote(part, 80, false) + "')";
      if (part.isEmpty()) {
        throw new IllegalArgumentException("OSM tag filter entry " + (k + 1)
            + " is empty: remove the extra comma in '"
            + InvalidInputException.quote(specification, 80, false) + "'");
      }
      int eq = part.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(where + " has no '=': write key=value or key=*");
      }
      String key = part.substring(0, eq).strip();
      String value = part.substring(eq + 1).strip();
      if (key.isEmpty()) {
        throw new IllegalArgumentException(where + " has no key before '='");
      }
      if (value.indexOf('=') >= 0) {
        throw new IllegalArgumentException(where + " has more than one '=': write key=value");
      }
      if (value.isEmpty()) {
        throw new IllegalArgumentException(where + " has no value after '=': write " + key
            + "=* to select any value");
      }
      entries.add(new Entry(key, "*".equals(value) ? null : value));
    }
    return new TagFilter(entries);
  }

  /**
   * Returns the category of an element with these tags (the value of the first matching entry's
   * tag), or null if no entry matches.
   */
  public String category(Map<String, String> tags) {
    for (Entry e : entries) {
      String value = tags.get(e.key);
      if (value != null && (e.value == null || e.value.equals(value))) {
        return value;
      }
    }
    return null;
  }

  /** Returns the specification in its canonical form, entries joined by commas. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (Entry e : entries) {
      if (s.length() > 0) {
        s.append(',');
      }
      s.append(e.key).append('=').append(e.value == null ? "*" : e.value);
    }
    return s.toString();
  }

  /** One {@code key=value} entry; a null value stands for {@code *}. */
  private record Entry(String key, String value) {}
}
