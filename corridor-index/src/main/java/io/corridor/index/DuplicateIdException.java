package io.corridor.index;

/**
 * Thrown by {@link LocationIndexBuilder#build()} when two locations have the same id, with the
 * positions of both in the order they were added, so that an importer can name the sources they
 * came from.
 *
 * <p>Immutable once thrown.
 */
public final class DuplicateIdException extends IllegalArgumentException {
  private final String id;
  private final int first;
  private final int second;

  /** Creates the exception for {@code id}, added at the 0-based positions {@code first} and {@code second}. */
  public DuplicateIdException(String id, int first, int second) {
    super("locations " + (first + 1) + " and " + (second + 1) + " have the same id \"" + id
        + "\": give each location one id, with all its points");
    this.id = id;
    this.first = first;
    this.second = second;
  }

  /** Returns the id that two locations share. */
  public String id() {
    return id;
  }

  /** Returns the 0-based position, in the order added, of the first location with the id. */
  public int first() {
    return first;
  }

  /** Returns the 0-based position, in the order added, of the second location with the id. */
  public int second() {
    return second;
  }
}
