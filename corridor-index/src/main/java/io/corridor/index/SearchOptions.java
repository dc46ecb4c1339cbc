package io.corridor.index;

import java.util.Set;

/**
 * What a search keeps and in which order: only {@code categories} (null or empty for all), at most
 * {@code limit} matches (0 for all), sorted by {@code sort}.
 */
public record SearchOptions(Set<String> categories, int limit, Sort sort) {
  /** The order of a search's matches; ties are broken by id. */
  public enum Sort {
    /** By offset along the route, as the filter sorts: the order in which a traveller meets them. */
    OFFSET,
    /** By distance from the route: the closest first. */
    DISTANCE
  }

  /** Checks the limit and defaults the sort to {@link Sort#OFFSET}. */
  public SearchOptions {
    if (limit < 0) {
      throw new IllegalArgumentException("limit " + limit + " must be 0 (none) or more");
    }
    categories = categories == null ? Set.of() : Set.copyOf(categories);
    sort = sort == null ? Sort.OFFSET : sort;
  }

  /** Returns the options of a plain search: every category, no limit, by offset. */
  public static SearchOptions all() {
    return new SearchOptions(Set.of(), 0, Sort.OFFSET);
  }

  /** Returns these options with another limit. */
  public SearchOptions withLimit(int newLimit) {
    return new SearchOptions(categories, newLimit, sort);
  }
}
