package io.corridor.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The covering's radix sort against the JDK's sort of the same longs. */
class HighKeySortTest {
  @Test
  void sortsAsArraysSortDoesWhateverTheSpanOfKeys() {
    Random random = new Random(1);
    for (int trial = 0; trial < 400; trial++) {
      int n = random.nextInt(5_000);
      int base = random.nextInt(Integer.MAX_VALUE / 2);
      // Spans from one key to the whole non-negative range: one to three 11-bit digits.
      int span = new int[] {0, 1, 100, 2_047, 2_048, 1 << 20, 1 << 22, Integer.MAX_VALUE - base}[trial % 8];
      long[] a = new long[n];
      for (int i = 0; i < n; i++) {
        int key = base + (span == 0 ? 0 : (int) (random.nextDouble() * span));
        a[i] = ((long) key << 32) | i;
      }
      long[] expected = a.clone();
      Arrays.sort(expected);
      HighKeySort.sort(a, n);
      assertThat(a).as("n=%d span=%d", n, span).isEqualTo(expected);
    }
  }

  @Test
  void sortsOnlyThePrefixItIsGiven() {
    long[] a = {(5L << 32) | 0, (3L << 32) | 1, (9L << 32) | 2, 7L << 32, 1L << 32};
    long[] big = new long[200];
    for (int i = 0; i < big.length; i++) {
      big[i] = ((long) (big.length - i) << 32) | i;
    }
    HighKeySort.sort(a, 3);
    assertThat(a).containsExactly((3L << 32) | 1, (5L << 32) | 0, (9L << 32) | 2, 7L << 32, 1L << 32);
    long tail = big[150];
    HighKeySort.sort(big, 100);
    assertThat(big[0]).isEqualTo((101L << 32) | 99);
    assertThat(big[99]).isEqualTo((200L << 32) | 0);
    assertThat(big[150]).isEqualTo(tail);
  }
}
