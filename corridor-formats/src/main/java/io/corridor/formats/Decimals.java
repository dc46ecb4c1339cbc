package io.corridor.formats;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Formats metres with exactly three decimals (millimetres): the decimal nearest to the double's
 * exact binary value, halves rounded away from zero, without {@code String.format}'s cost.
 *
 * <p>Stateless: safe to call from many threads at once.
 */
final class Decimals {
  /** Below this magnitude, {@code x * 1000} is below 2^53 and its fraction is exact. */
  private static final double FAST_LIMIT = 1e12;

  private Decimals() {}

  /** Returns {@code x} with exactly three decimals and a dot, e.g. {@code 12.345}, {@code 0.000}. */
  static String three(double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("not a finite number: " + x);
    }
    double scaled = x * 1000;
    // The product is within half an ulp of x·1000, so it rounds to the same integer as x·1000
    // unless a half lies within an ulp of it (1.0005 is 1.000499999999999989…, whose product
    // rounds up to 1000.5): only then is the exact value rounded, by BigDecimal.
    if (Math.abs(x) >= FAST_LIMIT
        || Math.abs(scaled - Math.floor(scaled) - 0.5) <= 2 * Math.ulp(scaled)) {
      return new BigDecimal(x).setScale(3, RoundingMode.HALF_UP).toPlainString();
    }
    long millis = Math.round(scaled);
    StringBuilder s = new StringBuilder(16);
    if (millis < 0) {
      s.append('-');
      millis = -millis;
    }
    long whole = millis / 1000;
    int frac = (int) (millis % 1000);
    s.append(whole).append('.');
    if (frac < 100) {
      s.append('0');
    }
    if (frac < 10) {
      s.append('0');
    }
    return s.append(frac).toString();
  }
}
