package io.corridor.index;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What a search keeps and in which order: only some categories, at most a number of matches, an
 * order, where to resume a long answer, and how long the search may take.
 *
 * <p>Immutable and safe to share between threads. Build one with {@link #builder()}.
 */
public final class SearchOptions {
  private static final SearchOptions ALL = builder().build();

  /** The order of a search's matches; ties are broken by id. */
  public enum Sort {
    /** By offset along the route, as the filter sorts: the order in which a traveller meets them. */
    OFFSET,
    /** By distance from the route: the closest first. */
    DISTANCE
  }

  /**
   * Where the previous page of an answer ended: its last match's sort key (offset or distance in
   * metres, as {@code sort} says) and id. A search given it returns only the matches that come
   * after it in that order.
   *
   * @param sort the order the page was in
   * @param keyMeters the last match's offset (for {@link Sort#OFFSET}) or distance
   * @param id the last match's id
   */
  public record After(Sort sort, double keyMeters, String id) {
    /** Checks that the key is a number and the id present. */
    public After {
      Objects.requireNonNull(sort, "sort");
      Objects.requireNonNull(id, "id");
      if (!Double.isFinite(keyMeters)) {
        throw new IllegalArgumentException("the key " + keyMeters + " must be a finite number");
      }
    }
  }

  private final Set<String> categories;
  private final int limit;
  private final Sort sort;
  private final After after;
  private final Duration timeout;

  private SearchOptions(Builder b) {
    this.categories = b.categories;
    this.limit = b.limit;
    this.sort = b.sort;
    this.after = b.after;
    this.timeout = b.timeout;
  }

  /** Returns the options of a plain search: every category, no limit, by offset, no time limit. */
  public static SearchOptions all() {
    return ALL;
  }

  /** Returns a builder that starts from {@link #all()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.categories = categories;
    b.limit = limit;
    b.sort = sort;
    b.after = after;
    b.timeout = timeout;
    return b;
  }

  /** Returns the categories to keep; empty for all. */
  public Set<String> categories() {
    return categories;
  }

  /** Returns the largest number of matches to return; 0 for all. */
  public int limit() {
    return limit;
  }

  /** Returns the order of the matches. */
  public Sort sort() {
    return sort;
  }

  /** Returns where the previous page ended, or null to start at the beginning. */
  public After after() {
    return after;
  }

  /** Returns how long the search may take before it gives up, or null for no limit. */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SearchOptions other && categories.equals(other.categories)
        && limit == other.limit && sort == other.sort && Objects.equals(after, other.after)
        && Objects.equals(timeout, other.timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(categories, limit, sort, after, timeout);
  }

  @Override
  public String toString() {
    return "SearchOptions[categories=" + categories + ", limit=" + limit + ", sort=" + sort
        + ", after=" + after + ", timeout=" + timeout + "]";
  }

  /** Builds {@link SearchOptions}; not safe to share between threads. */
  public static final class Builder {
    private Set<String> categories = Set.of();
    private int limit;
    private Sort sort = Sort.OFFSET;
    private After after;
    private Duration timeout;

    private Builder() {}

    /** Keeps only locations of these categories; null or empty for all. */
    public Builder categories(Set<String> categories) {
      this.categories = categories == null ? Set.of() : Set.copyOf(categories);
      return this;
    }

    /** Returns at most {@code limit} matches, the first in {@link #sort} order; 0 for all. */
    public Builder limit(int limit) {
      if (limit < 0) {
        throw new IllegalArgumentException("limit " + limit + " must be 0 (none) or more");
      }
      this.limit = limit;
      return this;
    }

    /** Orders the matches; null for {@link Sort#OFFSET}. */
    public Builder sort(Sort sort) {
      this.sort = sort == null ? Sort.OFFSET : sort;
      return this;
    }

    /** Resumes after the last match of a previous page; null to start at the beginning. */
    public Builder after(After after) {
      this.after = after;
      return this;
    }

    /** Gives up once the search has taken this long; null for no limit. */
    public Builder timeout(Duration timeout) {
      if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
        throw new IllegalArgumentException("timeout " + timeout + " must be positive");
      }
      this.timeout = timeout;
      return this;
    }

    /** Returns the options, checking that a continuation is in the order asked for. */
    public SearchOptions build() {
      if (after != null && after.sort() != sort) {
        throw new IllegalArgumentException(
            "a continuation of a search by " + after.sort() + " cannot resume a search by " + sort);
      }
      return new SearchOptions(this);
    }
  }
}
