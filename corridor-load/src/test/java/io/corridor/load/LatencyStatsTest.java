package io.corridor.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Nearest-rank percentiles, worked by hand. */
class LatencyStatsTest {
  @Test
  void percentilesOfOneToAHundred() {
    int[] times = IntStream.rangeClosed(1, 100).map(i -> 101 - i).toArray();
    LatencyStats s = LatencyStats.of(times, 3);
    assertThat(s.requests()).isEqualTo(103);
    assertThat(s.errors()).isEqualTo(3);
    assertThat(s.meanMillis()).isEqualTo(50.5);
    assertThat(new double[] {s.p50Millis(), s.p95Millis(), s.p98Millis(), s.p99Millis(), s.maxMillis()})
        .containsExactly(50, 95, 98, 99, 100);
  }

  @Test
  void aFewTimesTakeTheSlowestForTheHighPercentiles() {
    // Ten times: the 95th percentile is the ceil(9.5) = 10th smallest, the median the 5th.
    LatencyStats s = LatencyStats.of(new int[] {7, 1, 3, 9, 2, 8, 4, 6, 5, 40}, 0);
    assertThat(s.p50Millis()).isEqualTo(5);
    assertThat(s.p95Millis()).isEqualTo(40);
    assertThat(s.meanMillis()).isEqualTo(8.5);
  }

  @Test
  void onlyErrorsGiveNoTimes() {
    LatencyStats s = LatencyStats.of(new int[0], 5);
    assertThat(s.requests()).isEqualTo(5);
    assertThat(s.p99Millis()).isNaN();
  }
}
