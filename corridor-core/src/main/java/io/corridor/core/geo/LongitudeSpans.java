package io.corridor.core.geo;

import java.util.ArrayList;
import java.util.List;

/** The shortest longitude interval, wrapping at the antimeridian, that covers a set of spans. */
final class LongitudeSpans {
  private LongitudeSpans() {}

  /**
   * Returns {west, east} of the shortest longitude interval (wrapping at the antimeridian) that
   * covers every span {lo, hi} within [-180, 180]: the complement of the widest gap between them.
   * West is greater than east when the interval crosses the antimeridian; {-180, 180} when no gap
   * is left.
   */
  static double[] smallestCover(List<double[]> spans) {
    if (spans.isEmpty()) {
      return new double[] {-180, 180};
    }
    List<double[]> sorted = new ArrayList<>(spans);
    sorted.sort((x, y) -> Double.compare(x[0], y[0]));
    List<double[]> merged = new ArrayList<>();
    for (double[] s : sorted) {
      double[] lastSpan = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (lastSpan != null && s[0] <= lastSpan[1]) {
        lastSpan[1] = Math.max(lastSpan[1], s[1]);
      } else {
        merged.add(new double[] {s[0], s[1]});
      }
    }
    // The gap across the antimeridian joins the last span to the first.
    double[] firstSpan = merged.get(0);
    double[] lastSpan = merged.get(merged.size() - 1);
    double widest = (firstSpan[0] + 180) + (180 - lastSpan[1]);
    double west = firstSpan[0];
    double east = lastSpan[1];
    for (int i = 1; i < merged.size(); i++) {
      double gap = merged.get(i)[0] - merged.get(i - 1)[1];
      if (gap > widest) {
        widest = gap;
        west = merged.get(i)[0];
        east = merged.get(i - 1)[1];
      }
    }
    if (widest <= 0) {
      return new double[] {-180, 180};
    }
    return new double[] {west, east};
  }
}
