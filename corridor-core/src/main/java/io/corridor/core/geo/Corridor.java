package io.corridor.core.geo;

import io.corridor.core.InvalidInputException;

/**
 * A route and a radius: the set of points whose great-circle distance to the route is at most
 * {@code radiusMeters}. Precomputes, per arc, an orthonormal frame so that the exact test of a
 * point (a unit vector) needs dot products only, no trigonometry.
 *
 * <p>Per arc from A to B: the unit normal n̂ of its great circle (computed as (B+A)×(B−A), which
 * stays accurate when A and B are close, as in S2's robust cross product), the unit tangent
 * t_A = n̂×A at A pointing to B and t_B = B×n̂ at B pointing back to A. A point p lies in the arc's
 * lune iff p·t_A &gt; 0 and p·t_B ≥ 0; there its distance to the arc is its distance to the great
 * circle, asin|p·n̂|; outside it, the nearer endpoint is the nearest point of the arc.
 *
 * <p>Distances are compared as squared chords (a monotone, trigonometry-free proxy of the angle,
 * see {@link Sphere#chord2}); the angle itself is computed once, for the nearest arc, with atan2
 * (error below 1e-15 rad, i.e. nanometres). Where several arcs are within {@link #TIE_METERS} of
 * the nearest, the earliest along the route wins, as the contract asks for the smallest offset.
 *
 * <p>A corridor is prepared once and reused: {@link #test} and {@link #contains} measure one point
 * at a time against every arc, allocating only two small scratch arrays and the result, which
 * suits a request with a handful of locations or a function applied row by row; the filters run
 * large sets through it.
 *
 * <p>Immutable and safe to share between threads: nothing is written after construction.
 */
public final class Corridor {
  /** Two distances closer than this are "equally close"; the smaller offset then wins. */
  public static final double TIE_METERS = 1e-3;

  static final int STRIDE = 16;
  static final int AX = 0;
  static final int BX = 3;
  static final int NX = 6;
  static final int TAX = 9;
  static final int TBX = 12;
  static final int LEN = 15;

  private final Route route;
  private final double radiusMeters;
  private final double chord2Radius;
  private final int arcCount;
  /** Per arc, {@link #STRIDE} doubles: A, B, n̂, t_A, t_B, length in radians. */
  private final double[] arcs;

  private Corridor(Route route, double radiusMeters) {
    this.route = route;
    this.radiusMeters = radiusMeters;
    this.chord2Radius = Sphere.chord2(radiusMeters / Sphere.EARTH_RADIUS_METERS);
    int n = route.size();
    this.arcCount = Math.max(1, n - 1);
    this.arcs = new double[arcCount * STRIDE];
    for (int i = 0; i < arcCount; i++) {
      int a = i;
      int b = Math.min(i + 1, n - 1);
      fillArc(i * STRIDE, route, a, b);
    }
  }

  /**
   * Returns the corridor of {@code route} with radius {@code radiusMeters}.
   *
   * @throws InvalidInputException if the radius is not a finite number greater than 0
   */
  public static Corridor of(Route route, double radiusMeters) {
    if (!(radiusMeters > 0) || Double.isInfinite(radiusMeters)) {
      throw new InvalidInputException(
          "radius " + radiusMeters + " must be a finite number of metres greater than 0");
    }
    return new Corridor(route, radiusMeters);
  }

  private void fillArc(int o, Route route, int a, int b) {
    double ax = route.unit(a, 0), ay = route.unit(a, 1), az = route.unit(a, 2);
    double bx = route.unit(b, 0), by = route.unit(b, 1), bz = route.unit(b, 2);
    arcs[o + AX] = ax;
    arcs[o + AX + 1] = ay;
    arcs[o + AX + 2] = az;
    arcs[o + BX] = bx;
    arcs[o + BX + 1] = by;
    arcs[o + BX + 2] = bz;
    // (B+A)×(B−A) = 2 A×B, but without the cancellation of A×B when A ≈ B.
    double sx = bx + ax, sy = by + ay, sz = bz + az;
    double dx = bx - ax, dy = by - ay, dz = bz - az;
    double nx = sy * dz - sz * dy;
    double ny = sz * dx - sx * dz;
    double nz = sx * dy - sy * dx;
    double norm = Math.sqrt(nx * nx + ny * ny + nz * nz);
    // |(B+A)×(B−A)| = 2 sin θ, so arcs shorter than 5e-13 rad (3.2 µm) are points: n̂ and both
    // tangents stay 0, every point falls outside the lune (p·t_A > 0 fails) and is measured to
    // the endpoints, which is at most half the arc (1.6 µm) farther than to the arc itself.
    if (norm > 1e-12) {
      nx /= norm;
      ny /= norm;
      nz /= norm;
      arcs[o + NX] = nx;
      arcs[o + NX + 1] = ny;
      arcs[o + NX + 2] = nz;
      arcs[o + TAX] = ny * az - nz * ay;
      arcs[o + TAX + 1] = nz * ax - nx * az;
      arcs[o + TAX + 2] = nx * ay - ny * ax;
      arcs[o + TBX] = by * nz - bz * ny;
      arcs[o + TBX + 1] = bz * nx - bx * nz;
      arcs[o + TBX + 2] = bx * ny - by * nx;
      // The route already measured each arc (with atan2) for its cumulative lengths.
      arcs[o + LEN] = (route.offsetMetersAt(b) - route.offsetMetersAt(a)) / Sphere.EARTH_RADIUS_METERS;
    }
  }

  /** Returns a copy of arc {@code arc}'s frame ({@link #STRIDE} doubles: A, B, n̂, t_A, t_B, length). */
  double[] arcFrame(int arc) {
    return java.util.Arrays.copyOfRange(arcs, arc * STRIDE, (arc + 1) * STRIDE);
  }

  /** Returns the route. */
  public Route route() {
    return route;
  }

  /** Returns the radius in metres. */
  public double radiusMeters() {
    return radiusMeters;
  }

  /** Returns the radius as an angle in radians (may exceed π, in which case every point is inside). */
  public double radiusRadians() {
    return radiusMeters / Sphere.EARTH_RADIUS_METERS;
  }

  /** Returns the number of arcs: the number of vertices less one, or 1 for a single-vertex route. */
  public int arcCount() {
    return arcCount;
  }

  /** Returns the length of arc {@code arc} in radians (0 for a repeated vertex). */
  public double arcLengthRadians(int arc) {
    return arcs[arc * STRIDE + LEN];
  }

  /**
   * Writes into {@code out[0..2]} the unit vector of the point of arc {@code arc} at
   * {@code angleRadians} from its start (clamped to the arc), walking the great circle.
   */
  public void pointOnArc(int arc, double angleRadians, double[] out) {
    int o = arc * STRIDE;
    double[] c = arcs;
    double t = Math.min(Math.max(0, angleRadians), c[o + LEN]);
    double cos = Math.cos(t);
    double sin = Math.sin(t);
    out[0] = cos * c[o + AX] + sin * c[o + TAX];
    out[1] = cos * c[o + AX + 1] + sin * c[o + TAX + 1];
    out[2] = cos * c[o + AX + 2] + sin * c[o + TAX + 2];
  }

  /**
   * Returns the squared chord from the unit vector p to the nearest point of arc {@code arc}: the
   * trigonometry-free distance proxy that the hot path compares.
   */
  public double chord2ToArc(int arc, double px, double py, double pz) {
    int o = arc * STRIDE;
    double[] c = arcs;
    double pa = px * c[o + TAX] + py * c[o + TAX + 1] + pz * c[o + TAX + 2];
    double pb = px * c[o + TBX] + py * c[o + TBX + 1] + pz * c[o + TBX + 2];
    if (pa > 0 && pb >= 0) {
      double pn = px * c[o + NX] + py * c[o + NX + 1] + pz * c[o + NX + 2];
      return Sphere.chord2OfSin(pn);
    }
    double dax = px - c[o + AX], day = py - c[o + AX + 1], daz = pz - c[o + AX + 2];
    double dbx = px - c[o + BX], dby = py - c[o + BX + 1], dbz = pz - c[o + BX + 2];
    return Math.min(dax * dax + day * day + daz * daz, dbx * dbx + dby * dby + dbz * dbz);
  }

  /**
   * Finds the nearest point of the route to the unit vector p among the arcs
   * {@code arcIds[from..to)} (ascending arc numbers), and if it is inside the corridor writes
   * {@code out[0]} = distance in metres and {@code out[1]} = offset in metres.
   *
   * @return whether p is inside the corridor, judged on the given arcs only
   */
  public boolean nearest(double px, double py, double pz, int[] arcIds, int from, int to, double[] out) {
    double best = Double.POSITIVE_INFINITY;
    double second = Double.POSITIVE_INFINITY;
    int bestK = -1;
    for (int k = from; k < to; k++) {
      double c = chord2ToArc(arcIds[k], px, py, pz);
      if (c < best) {
        second = best;
        best = c;
        bestK = k;
      } else if (c < second) {
        second = c;
      }
    }
    if (!(best <= chord2Radius)) {
      return false;
    }
    int bestArc = arcIds[bestK];
    double distance = angleToArc(bestArc, px, py, pz);
    int offsetArc = bestArc;
    if (bestK > from) {
      double tieBound = Sphere.chord2(distance + TIE_METERS / Sphere.EARTH_RADIUS_METERS);
      // Only an earlier arc within the tie tolerance can change the offset; most points have none.
      if (second <= tieBound) {
        for (int k = from; k < bestK; k++) {
          if (chord2ToArc(arcIds[k], px, py, pz) <= tieBound) {
            offsetArc = arcIds[k];
            break;
          }
        }
      }
    }
    out[0] = distance * Sphere.EARTH_RADIUS_METERS;
    out[1] = offsetMetersOnArc(offsetArc, px, py, pz);
    return true;
  }

  /** Like {@link #nearest(double, double, double, int[], int, int, double[])}, over every arc. */
  public boolean nearest(double px, double py, double pz, double[] out) {
    return nearestWithin(px, py, pz, chord2Radius, out) <= chord2Radius;
  }

  /**
   * Measures a point in degrees against the corridor: its distance to the route, the offset of the
   * nearest route point, and whether it is inside, exactly as the filters judge it.
   *
   * @throws InvalidInputException if the latitude or longitude is out of range or not finite
   */
  public Proximity test(double latDegrees, double lonDegrees) {
    Sphere.checkLatLon("point", latDegrees, lonDegrees);
    double[] p = new double[3];
    Sphere.toUnitVector(latDegrees, lonDegrees, p, 0);
    double[] out = new double[2];
    double chord2 = nearestWithin(p[0], p[1], p[2], Double.POSITIVE_INFINITY, out);
    return new Proximity(chord2 <= chord2Radius, out[0], out[1]);
  }

  /**
   * Returns whether a point in degrees is inside the corridor, as {@link #test} would say.
   *
   * @throws InvalidInputException if the latitude or longitude is out of range or not finite
   */
  public boolean contains(double latDegrees, double lonDegrees) {
    Sphere.checkLatLon("point", latDegrees, lonDegrees);
    double[] p = new double[3];
    Sphere.toUnitVector(latDegrees, lonDegrees, p, 0);
    for (int a = 0; a < arcCount; a++) {
      if (chord2ToArc(a, p[0], p[1], p[2]) <= chord2Radius) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the distance in metres from a point in degrees to the route, and its offset, as
   * {@code {distanceMeters, offsetMeters}}, whether or not the point is inside the corridor.
   */
  public double[] distanceAndOffset(double latDegrees, double lonDegrees) {
    double[] p = new double[3];
    Sphere.toUnitVector(latDegrees, lonDegrees, p, 0);
    double[] out = new double[2];
    nearestWithin(p[0], p[1], p[2], Double.POSITIVE_INFINITY, out);
    return out;
  }

  /**
   * Returns the squared chord from p to the nearest arc; if it is at most {@code limitChord2},
   * writes the distance and offset into {@code out}.
   */
  private double nearestWithin(double px, double py, double pz, double limitChord2, double[] out) {
    double best = Double.POSITIVE_INFINITY;
    int bestArc = -1;
    for (int a = 0; a < arcCount; a++) {
      double c = chord2ToArc(a, px, py, pz);
      if (c < best) {
        best = c;
        bestArc = a;
      }
    }
    if (!(best <= limitChord2)) {
      return best;
    }
    double distance = angleToArc(bestArc, px, py, pz);
    double tieBound = Sphere.chord2(distance + TIE_METERS / Sphere.EARTH_RADIUS_METERS);
    int offsetArc = bestArc;
    for (int a = 0; a < bestArc; a++) {
      if (chord2ToArc(a, px, py, pz) <= tieBound) {
        offsetArc = a;
        break;
      }
    }
    out[0] = distance * Sphere.EARTH_RADIUS_METERS;
    out[1] = offsetMetersOnArc(offsetArc, px, py, pz);
    return best;
  }

  /**
   * Returns the end of arc {@code arc} along the route in metres, computed as the offsets of points
   * on it are: no point whose offset the corridor measures on this arc has a larger one.
   */
  public double arcEndOffsetMeters(int arc) {
    return route.offsetMetersAt(arc) + arcs[arc * STRIDE + LEN] * Sphere.EARTH_RADIUS_METERS;
  }

  /** Returns the exact angle in radians from p to arc {@code arc}, with atan2 (accurate everywhere). */
  double angleToArc(int arc, double px, double py, double pz) {
    int o = arc * STRIDE;
    double[] c = arcs;
    double pa = px * c[o + TAX] + py * c[o + TAX + 1] + pz * c[o + TAX + 2];
    double pb = px * c[o + TBX] + py * c[o + TBX + 1] + pz * c[o + TBX + 2];
    if (pa > 0 && pb >= 0) {
      double pn = px * c[o + NX] + py * c[o + NX + 1] + pz * c[o + NX + 2];
      double pA = px * c[o + AX] + py * c[o + AX + 1] + pz * c[o + AX + 2];
      // p = (p·A) A + (p·t_A) t_A + (p·n̂) n̂; its projection on the circle has norm hypot(p·A, p·t_A).
      return Math.atan2(Math.abs(pn), Math.hypot(pA, pa));
    }
    double toA = Sphere.angleRadians(px, py, pz, c[o + AX], c[o + AX + 1], c[o + AX + 2]);
    double toB = Sphere.angleRadians(px, py, pz, c[o + BX], c[o + BX + 1], c[o + BX + 2]);
    return Math.min(toA, toB);
  }

  /** Returns the offset in metres of the point of arc {@code arc} nearest to p (A on ties). */
  double offsetMetersOnArc(int arc, double px, double py, double pz) {
    int o = arc * STRIDE;
    double[] c = arcs;
    double start = route.offsetMetersAt(arc);
    double pa = px * c[o + TAX] + py * c[o + TAX + 1] + pz * c[o + TAX + 2];
    double pb = px * c[o + TBX] + py * c[o + TBX + 1] + pz * c[o + TBX + 2];
    if (pa > 0 && pb >= 0) {
      double pA = px * c[o + AX] + py * c[o + AX + 1] + pz * c[o + AX + 2];
      double along = Math.min(Math.atan2(pa, pA), c[o + LEN]);
      return start + along * Sphere.EARTH_RADIUS_METERS;
    }
    double dax = px - c[o + AX], day = py - c[o + AX + 1], daz = pz - c[o + AX + 2];
    double dbx = px - c[o + BX], dby = py - c[o + BX + 1], dbz = pz - c[o + BX + 2];
    boolean toB = dbx * dbx + dby * dby + dbz * dbz < dax * dax + day * day + daz * daz;
    return toB ? start + c[o + LEN] * Sphere.EARTH_RADIUS_METERS : start;
  }
}
