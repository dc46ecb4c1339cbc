package io.corridor.index;

import java.util.List;

/**
 * A search's matches and how much it examined to find them: a server reports the candidates
 * against the matches of each request.
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param matches the matches, ordered and limited as the options said
 * @param candidates how many candidate locations were examined: tested exactly, or rejected
 *     because no arc of the corridor can reach their sub-cell
 */
public record SearchResult(List<IndexMatch> matches, long candidates) {
  /** Checks the matches are present and copies them into an unmodifiable list. */
  public SearchResult {
    matches = List.copyOf(matches);
  }
}
