package io.corridor.core.filter;

import io.corridor.core.geo.Corridor;
import java.util.Arrays;

/**
 * Candidates for "the nearest", each a distance and an offset in metres, resolved by the contract's
 * rule: the smallest distance, and the smallest offset among the candidates within
 * {@link Corridor#TIE_METERS} of it. Resolving over all candidates at once (rather than pairwise as
 * they arrive) makes the result independent of their order. Used for the arcs near a point and for
 * the points of a location (by the index's search too, so that both give the same answers);
 * reusable, not thread-safe.
 */
public final class Nearest {
  private double[] distance = new double[8];
  private double[] offset = new double[8];
  private int count;
  private double min = Double.POSITIVE_INFINITY;
  private double distanceMeters;
  private double offsetMeters;

  /** Returns an empty resolver. */
  public Nearest() {}

  /** Forgets every candidate. */
  public void reset() {
    count = 0;
    min = Double.POSITIVE_INFINITY;
  }

  /** Adds a candidate. */
  public void add(double distanceMeters, double offsetMeters) {
    if (count == distance.length) {
      distance = Arrays.copyOf(distance, count * 2);
      offset = Arrays.copyOf(offset, count * 2);
    }
    distance[count] = distanceMeters;
    offset[count] = offsetMeters;
    count++;
    if (distanceMeters < min) {
      min = distanceMeters;
    }
  }

  /** Returns whether there is a candidate within {@code limitMeters}; if so, resolves it. */
  public boolean resolveWithin(double limitMeters) {
    if (count == 0 || !(min <= limitMeters)) {
      return false;
    }
    double bound = min + Corridor.TIE_METERS;
    double best = Double.POSITIVE_INFINITY;
    for (int k = 0; k < count; k++) {
      if (distance[k] <= bound && offset[k] < best) {
        best = offset[k];
      }
    }
    distanceMeters = min;
    offsetMeters = best;
    return true;
  }

  /** Returns the resolved distance in metres. */
  public double distanceMeters() {
    return distanceMeters;
  }

  /** Returns the resolved offset in metres. */
  public double offsetMeters() {
    return offsetMeters;
  }
}
