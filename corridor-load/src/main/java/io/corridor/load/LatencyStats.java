package io.corridor.load;

import java.util.Arrays;

/**
 * Response-time statistics of one window of a run: how many requests started in it, how many
 * failed, and the mean and percentiles of the successful ones' times in milliseconds. Errors are
 * counted, not timed: a fast {@code 503} must not make the served requests look faster. Immutable.
 *
 * <p>Percentiles are nearest-rank: the p-th is the smallest time that at least p % of the
 * successful requests did not exceed. NaN where the window holds no successful request.
 */
public record LatencyStats(int requests, int errors, double meanMillis, double p50Millis, double p95Millis,
    double p98Millis, double p99Millis, double maxMillis) {

  /** Returns the statistics of {@code okMillis} (times of successful requests) and an error count. */
  static LatencyStats of(int[] okMillis, int errors) {
    int[] sorted = okMillis.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double mean = n == 0 ? Double.NaN : Arrays.stream(sorted).asLongStream().sum() / (double) n;
    return new LatencyStats(n + errors, errors, mean, percentile(sorted, 50), percentile(sorted, 95),
        percentile(sorted, 98), percentile(sorted, 99), n == 0 ? Double.NaN : sorted[n - 1]);
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(int[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
