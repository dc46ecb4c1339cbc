package io.corridor.core.covering;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Sphere;

/**
 * The one rounding bound of the covering, and every slack derived from it. A covering may be
 * larger than the corridor, never smaller: each slack below widens a cap, a reach or a pruning
 * bound by a whole number of {@link #ANGLE_RADIANS}, and says which computed angles it absorbs.
 *
 * <p><b>The bound.</b> E = {@value #ANGLE_RADIANS} rad (6.4 µm on the Earth) bounds the absolute
 * error of any one angle the covering computes, provided the angle is below
 * {@link #FLAT_RADIANS}:
 *
 * <ul>
 *   <li>a unit vector from degrees ({@link Sphere#toUnitVector}: toRadians, sin, cos, a few ulps
 *       of 1, so below 1e-15 per component), and a latitude back from one (atan2, below 1e-15);
 *   <li>a point on an arc ({@link Corridor#pointOnArc}: cos t·A + sin t·t_A, below 1e-15);
 *   <li>the angle between two unit vectors by atan2(|a×b|, a·b) ({@link Sphere#angleRadians}:
 *       accurate at every separation, below 1e-15);
 *   <li>a distance to an arc as a squared chord ({@link Corridor#chord2ToArc}) and back
 *       ({@link Sphere#angleOfChord2}): the chord's absolute error is a few ulps of 1, and the
 *       angle's is that times 1/cos(θ/2), below 1e-13 for θ below {@link #FLAT_RADIANS};
 *   <li>a cell's edge in degrees ({@code row / rowsPerDegree − 90}: a few ulps of 180°), which is
 *       also how far the floor of a point's scaled coordinate can place it outside its cell.
 * </ul>
 *
 * <p>Each of these is at least ten times inside E, so E also absorbs the conversion of an angle to
 * a squared chord for a comparison ({@link #chord2Bound}). Angles are never computed with acos,
 * nor with 2 − 2 cos θ, whose error near 0 is 1e-16/θ (1e-9 rad for a 1 m cell).
 *
 * <p><b>Near the antipode</b> the squared chord flattens (its slope 2 sin θ vanishes at π), so a
 * slack in angle no longer shows in a comparison of chords: every bound at or above
 * {@link #FLAT_RADIANS} keeps everything (a squared chord of 4).
 */
public final class ErrorBound {
  /** E: the bound on the absolute error of one computed angle, in radians. */
  public static final double ANGLE_RADIANS = 1e-12;
  /** Bounds at or above this angle keep everything: within 0.01 rad of π chords are too flat. */
  public static final double FLAT_RADIANS = Math.PI - 0.01;
  /** The tie tolerance of {@link Corridor} as an angle: an arc that close to the nearest matters. */
  public static final double TIE_RADIANS = Corridor.TIE_METERS / Sphere.EARTH_RADIUS_METERS;

  /**
   * The slack of a cap's radius: 4E, for its centre (a vertex from degrees or a point on an arc:
   * E), the stretch's ends (offsets, whose differences are exact to far below E: E), its latitude
   * (E) and the cell edges its rows and columns are compared with (E).
   */
  static final double CAP_SLACK = 4 * ANGLE_RADIANS;
  /**
   * The slack of a cell's circumradius: 3E, for its centre and its corner (unit vectors from
   * degrees: E each) and the angle between them (E); a point the floor places in the cell is
   * within E of it, inside the same slack.
   */
  static final double CIRCUMRADIUS_SLACK = 3 * ANGLE_RADIANS;
  /**
   * The slack of the pruning bound: 3E, for the distance from the cell's centre to the arc tested
   * (E), the nearest such distance (E) and the bound's conversion to a squared chord (E).
   */
  static final double PRUNING_SLACK = 3 * ANGLE_RADIANS;
  /**
   * The slack of a comparison of offsets in metres: E·R (6.4 µm). A match's offset and a cap's end
   * both add one along-arc angle (error below E) to the same cumulative vertex offsets.
   */
  public static final double OFFSET_SLACK_METERS = ANGLE_RADIANS * Sphere.EARTH_RADIUS_METERS;

  private ErrorBound() {}

  /**
   * Returns the radius of the cap around a stretch of route {@code stretchRadians} long whose
   * centre is within half of it, along the route, of every route point of the stretch: every
   * point within r of the stretch (or within r plus the tie tolerance, so that tied arcs are
   * covered too) lies inside it.
   */
  public static double capRadians(double radiusRadians, double stretchRadians) {
    return radiusRadians + TIE_RADIANS + 0.5 * stretchRadians + CAP_SLACK;
  }

  /**
   * Returns the squared chord to compare computed squared chords with, for a bound in radians
   * that already holds its slack: 4 (everything) at or above {@link #FLAT_RADIANS}.
   */
  public static double chord2Bound(double boundRadians) {
    return boundRadians >= FLAT_RADIANS ? 4 : Sphere.chord2(boundRadians);
  }
}
