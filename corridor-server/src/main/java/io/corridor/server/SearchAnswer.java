package io.corridor.server;

import java.util.Locale;

/**
 * What a search answers. {@code EXACT} is the service; {@code BBOX} is the other design the seed
 * weighed, kept as a setting so that both can be loaded side by side: the server sends every
 * location of the corridor's bounding box and leaves the exact test to the client.
 */
public enum SearchAnswer {
  /** The locations inside the corridor, with distance and offset, sorted, limited and paged. */
  EXACT,
  /** Every location with a point in the corridor's bounding box: no distances, limit or pages. */
  BBOX;

  /** Returns the value of the setting: {@code exact} or {@code bbox}. */
  public String settingValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
