package io.corridor.core.covering;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Sphere;

/**
 * Keeps, for a latitude/longitude cell, the arcs that can matter to one of its points: the arc
 * nearest to the point, when the point is inside the corridor, and every arc tied with it.
 *
 * <p>With c the cell's centre and δ its circumradius, every point p of the cell has
 * d(p, a) ∈ [d(c, a) − δ, d(c, a) + δ] for each arc a. The point's nearest distance D(p) is at
 * most d_min + δ, where d_min = min_b d(c, b); an arc matters only within D(p) + tie of p, and
 * only if that is within r + tie. So an arc can matter only if
 *
 * <pre>d(c, a) ≤ min(r, d_min + δ) + δ + tie</pre>
 *
 * and every other arc is dropped. Compared as squared chords, one conversion per cell, with
 * {@link ErrorBound#PRUNING_SLACK} added. A cell left with no arc has no point inside the corridor.
 *
 * <p>Static methods only; the arrays passed in are the caller's (no state is kept): safe to call
 * from many threads at once, each with its own arrays.
 */
public final class ArcPruning {
  private ArcPruning() {}

  /**
   * Writes into {@code centre[0..2]} the unit vector of the centre of the cell spanning latitudes
   * [south, north] and longitudes [west, east] (less than 180° wide), and returns its
   * circumradius: the angle to its farthest corner (along each parallel the distance grows away
   * from the centre's meridian, and along a meridian it is largest at an end), with
   * {@link ErrorBound#CIRCUMRADIUS_SLACK} added.
   */
  public static double centreAndCircumradius(double southDegrees, double northDegrees,
      double westDegrees, double eastDegrees, double[] centre) {
    double lon = 0.5 * (westDegrees + eastDegrees);
    Sphere.toUnitVector(0.5 * (southDegrees + northDegrees), lon, centre, 0);
    // The two corners of a parallel are equally far from the centre: one per parallel.
    double max = Math.max(angleTo(centre, southDegrees, westDegrees),
        angleTo(centre, northDegrees, westDegrees));
    return max + ErrorBound.CIRCUMRADIUS_SLACK;
  }

  /** Returns the angle from the unit vector {@code c} to the point in degrees. */
  private static double angleTo(double[] c, double latDegrees, double lonDegrees) {
    double phi = Math.toRadians(latDegrees);
    double lambda = Math.toRadians(lonDegrees);
    double cosPhi = Math.cos(phi);
    return Sphere.angleRadians(c[0], c[1], c[2],
        cosPhi * Math.cos(lambda), cosPhi * Math.sin(lambda), Math.sin(phi));
  }

  /**
   * Appends to {@code out} from {@code n} the arcs of {@code arcs[from, to)} that can matter to a
   * point of the cell with centre {@code centre} and circumradius {@code delta}, in their order,
   * and returns the new end. {@code scratch} needs room for {@code to − from} squared chords, and
   * {@code out} for as many arcs from {@code n}; {@code out} may be {@code arcs} only if it
   * writes behind what it reads ({@code n ≤ from}).
   */
  public static int keep(Corridor corridor, double[] centre, double delta, int[] arcs, int from,
      int to, double[] scratch, int[] out, int n) {
    return keep(corridor, corridor.radiusRadians(), centre, delta, arcs, from, to, scratch, out, n);
  }

  /**
   * Like {@link #keep(Corridor, double[], double, int[], int, int, double[], int[], int)} for the
   * points within {@code radiusRadians} (at most the corridor's) of the route only: a search that
   * needs no match farther than some distance prunes with that distance instead of the radius.
   */
  public static int keep(Corridor corridor, double radiusRadians, double[] centre, double delta,
      int[] arcs, int from, int to, double[] scratch, int[] out, int n) {
    return keep(corridor, 0, radiusRadians, centre, delta, arcs, from, to, scratch, out, n);
  }

  /**
   * Like {@link #keep(Corridor, double, double[], double, int[], int, int, double[], int[], int)}
   * for the points farther than {@code innerRadians} from the route only: a search resuming by
   * distance after a match needs none nearer. Every point p of the cell has D(p) ≤ d_min + δ, so
   * a cell with
   *
   * <pre>d_min + δ + 4E &lt; inner</pre>
   *
   * keeps no arc: each of its points' computed distances is below the inner bound's, even with
   * the rounding of d_min, of a point's distance and of the bound itself ({@link
   * ErrorBound#ANGLE_RADIANS} E each, and one more for their conversions to metres).
   */
  public static int keep(Corridor corridor, double innerRadians, double radiusRadians,
      double[] centre, double delta, int[] arcs, int from, int to, double[] scratch, int[] out,
      int n) {
    double cx = centre[0];
    double cy = centre[1];
    double cz = centre[2];
    double nearest = Double.POSITIVE_INFINITY;
    for (int k = from; k < to; k++) {
      double c = corridor.chord2ToArc(arcs[k], cx, cy, cz);
      scratch[k - from] = c;
      nearest = Math.min(nearest, c);
    }
    double nearestRadians = Sphere.angleOfChord2(nearest);
    if (nearestRadians + delta + 4 * ErrorBound.ANGLE_RADIANS < innerRadians) {
      return n; // every point of the cell is nearer than the inner bound
    }
    double bound = ErrorBound.chord2Bound(
        Math.min(radiusRadians, nearestRadians + delta) + delta
            + ErrorBound.TIE_RADIANS + ErrorBound.PRUNING_SLACK);
    int m = n;
    for (int k = from; k < to; k++) {
      if (scratch[k - from] <= bound) {
        out[m++] = arcs[k];
      }
    }
    return m;
  }
}
