package io.corridor.index;

import java.time.Duration;

/**
 * Thrown when a search takes longer than its options' timeout allowed: it gives up and returns
 * nothing. Checked every few hundred candidates, so a search overruns its timeout by at most the
 * time of that much work.
 */
public final class SearchTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for a search that ran past {@code timeout}. */
  public SearchTimeoutException(Duration timeout) {
    super("the search took longer than its timeout of " + (timeout.toMillis() > 0
        ? timeout.toMillis() + " ms" : timeout.toNanos() / 1000.0 + " µs"));
  }
}
