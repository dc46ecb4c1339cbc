package io.corridor.formats;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formats metres with exactly three decimals (millimetres), without {@code String.format}'s cost. */
final class Decimals {
  /** Below this magnitude, {@code x * 1000} rounds exactly to a long. */
  private static final double FAST_LIMIT = 1e12;

  private Decimals() {}

  /** Returns {@code x} with exactly three decimals and a dot, e.g. {@code 12.345}, {@code 0.000}. */
  static String three(double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("not a finite number: " + x);
    }
    if (Math.abs(x) >= FAST_LIMIT) {
      return new BigDecimal(x).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
    }
    long millis = Math.round(x * 1000);
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
