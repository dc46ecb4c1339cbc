package io.corridor.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Three decimals of a double: the decimal nearest its exact binary value. */
class DecimalsTest {
  @Test
  void roundsTheExactValueNotTheRoundedProduct() {
    // 1.0005 is stored as 1.000499999999999944932937978592235594987869262695312 5: below the
    // half, so 1.000, although 1.0005 × 1000 rounds to the double 1000.5.
    assertThat(1.0005 * 1000).isEqualTo(1000.5);
    assertThat(Decimals.three(1.0005)).isEqualTo("1.000");
    // 8.6715 is 8.671499999999999985789145284797996282577514648437 5: 8.671.
    assertThat(Decimals.three(8.6715)).isEqualTo("8.671");
    // 2.0005 is 2.000500000000000166977542903623543679714202880859375: above, 2.001.
    assertThat(Decimals.three(2.0005)).isEqualTo("2.001");
    // 1.0015 is 1.00150000000000005684341886080801486968994140625: 1.002.
    assertThat(Decimals.three(1.0015)).isEqualTo("1.002");
    // 0.0005 is 0.000500000000000000010408340855860842566471546888351440429687 5: 0.001.
    assertThat(Decimals.three(0.0005)).isEqualTo("0.001");
    // 1.0625 = 17/16 exactly: a true half, rounded away from zero.
    assertThat(Decimals.three(1.0625)).isEqualTo("1.063");
    assertThat(Decimals.three(-1.0625)).isEqualTo("-1.063");
  }

  @Test
  void formatsOrdinaryValues() {
    assertThat(Decimals.three(0)).isEqualTo("0.000");
    assertThat(Decimals.three(-0.0)).isEqualTo("0.000");
    assertThat(Decimals.three(12.345)).isEqualTo("12.345");
    assertThat(Decimals.three(99.9996)).isEqualTo("100.000");
    assertThat(Decimals.three(-1.5)).isEqualTo("-1.500");
    assertThat(Decimals.three(20_015_086.796)).isEqualTo("20015086.796");
    assertThat(Decimals.three(1e13)).isEqualTo("10000000000000.000");
    assertThat(Decimals.three(1e-9)).isEqualTo("0.000");
    assertThatThrownBy(() -> Decimals.three(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void agreesWithExactDecimalArithmeticOnRandomAndNearHalfDoubles() {
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 200_000; i++) {
      double x = switch (i % 4) {
        case 0 -> random.nextDouble() * 25_000_000;                 // distances and offsets
        case 1 -> random.nextDouble() * 10;
        // The doubles on either side of a millimetre's half: k + 0.0005, k + 0.0015, ...
        case 2 -> Math.nextUp(random.nextInt(20_000_000) + (random.nextInt(1000) + 0.5) / 1000);
        default -> Math.nextDown(random.nextInt(20_000_000) + (random.nextInt(1000) + 0.5) / 1000);
      };
      String exact = new BigDecimal(x).setScale(3, RoundingMode.HALF_UP).toPlainString();
      assertThat(Decimals.three(x)).as("%s (%s)", x, new BigDecimal(x)).isEqualTo(exact);
    }
  }
}
