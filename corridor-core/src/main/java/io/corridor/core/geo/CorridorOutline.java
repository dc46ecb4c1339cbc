package io.corridor.core.geo;

import io.corridor.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * The outline of a corridor for drawing on a map: longitude/latitude polygons whose union is the set
 * of points within the radius of the route, on the sphere. Immutable and safe to share between
 * threads.
 *
 * <p>Each arc contributes its "stadium": the two small circles at the radius on either side of the
 * arc's great circle, joined by half-circles of the radius around its ends. Every point of a
 * stadium's boundary lies at exactly the radius from its arc, so the union of the stadiums is the
 * corridor; where they overlap (at every interior vertex) the polygons overlap, which a map fills as
 * one area with the non-zero rule, since every ring is counter-clockwise (RFC 7946). Arcs longer
 * than {@link #MAX_PIECE_DEGREES} are cut into pieces first, so that each stadium lies inside a
 * hemisphere and holds at most one pole.
 *
 * <p>Each spherical ring becomes planar polygons in three steps: its longitudes are unwrapped
 * along the ring (no jump of more than 180°); a ring that winds once around a pole (its longitudes
 * gain or lose 360°) is closed along that pole's edge, latitude ±90; the result is cut at the
 * antimeridian into pieces within [-180, 180]. The polygons are densely sampled (at most
 * {@link #MAX_STEP_DEGREES} between points along an arc, a fixed number of points per
 * half-circle), so straight lines between samples stay close to the true curve on a map.
 */
public final class CorridorOutline {
  /** The largest radius drawn: beyond it a stadium could reach both poles. */
  public static final double MAX_RADIUS_METERS = 5_000_000;
  /** Arcs are cut into pieces of at most this length before their stadiums are drawn. */
  public static final double MAX_PIECE_DEGREES = 20;
  /** The largest step between samples along an arc or its offset curves. */
  public static final double MAX_STEP_DEGREES = 1;
  /** The fewest samples on the half-circles at the route's two ends, which nothing else covers. */
  public static final int MIN_POINTS_AT_ENDS = 16;

  private static final double POLE_Z = 1 - 1e-12;

  private final List<double[]> rings;

  private CorridorOutline(List<double[]> rings) {
    this.rings = rings;
  }

  /**
   * Returns the outline of {@code corridor}, with {@code pointsPerHalfCircle} samples on each
   * half-circle around an arc's end (at least 2; 16 to 32 look round on a map), and at least
   * {@link #MIN_POINTS_AT_ENDS} on those at the route's first and last vertex.
   *
   * @throws InvalidInputException if the radius exceeds {@link #MAX_RADIUS_METERS}
   */
  public static CorridorOutline of(Corridor corridor, int pointsPerHalfCircle) {
    if (pointsPerHalfCircle < 2) {
      throw new IllegalArgumentException("pointsPerHalfCircle must be at least 2");
    }
    if (corridor.radiusMeters() > MAX_RADIUS_METERS) {
      throw new InvalidInputException("radius " + corridor.radiusMeters()
          + " is too large to draw: the outline is drawn up to " + (long) MAX_RADIUS_METERS + " m");
    }
    Route route = corridor.route();
    double rho = corridor.radiusRadians();
    List<double[]> rings = new ArrayList<>();
    double[] a = new double[3];
    double[] b = new double[3];
    int firstArc = -1;
    int lastArc = -1;
    for (int arc = 0; arc < corridor.arcCount(); arc++) {
      if (corridor.arcLengthRadians(arc) > 0) {
        firstArc = firstArc < 0 ? arc : firstArc;
        lastArc = arc;
      }
    }
    int atEnds = Math.max(pointsPerHalfCircle, MIN_POINTS_AT_ENDS);
    for (int arc = firstArc; arc >= 0 && arc <= lastArc; arc++) {
      double length = corridor.arcLengthRadians(arc);
      if (length == 0) {
        continue;   // a repeated vertex: its circle comes with the neighbouring arcs
      }
      int pieces = (int) Math.ceil(Math.toDegrees(length) / MAX_PIECE_DEGREES);
      for (int k = 0; k < pieces; k++) {
        corridor.pointOnArc(arc, length * k / pieces, a);
        corridor.pointOnArc(arc, length * (k + 1) / pieces, b);
        int capA = arc == firstArc && k == 0 ? atEnds : pointsPerHalfCircle;
        int capB = arc == lastArc && k == pieces - 1 ? atEnds : pointsPerHalfCircle;
        planar(stadium(a, b, rho, capA, capB), rings);
      }
    }
    if (firstArc < 0) {
      // A point, or one vertex repeated: a circle.
      vertexOf(route, 0, a);
      planar(circle(a, rho, pointsPerHalfCircle), rings);
    }
    return new CorridorOutline(List.copyOf(rings));
  }

  /** Returns the number of polygons; each has one ring, with no holes. */
  public int polygonCount() {
    return rings.size();
  }

  /**
   * Returns polygon {@code i}'s ring as {@code lon0, lat0, lon1, lat1, ...} in degrees,
   * counter-clockwise, closed (the last point repeats the first), longitudes within [-180, 180].
   */
  public double[] ring(int i) {
    return rings.get(i).clone();
  }

  /** Returns the number of points over all rings. */
  public int pointCount() {
    int n = 0;
    for (double[] r : rings) {
      n += r.length / 2;
    }
    return n;
  }

  /**
   * Returns the bounding box {@code {west, south, east, north}} in degrees as RFC 7946 §5.2 has it:
   * when the outline crosses the antimeridian, west is greater than east; when it reaches all
   * longitudes, west is -180 and east 180.
   */
  public double[] boundingBox() {
    double south = 90;
    double north = -90;
    List<double[]> spans = new ArrayList<>();
    for (double[] r : rings) {
      double lo = 180;
      double hi = -180;
      for (int i = 0; i < r.length; i += 2) {
        lo = Math.min(lo, r[i]);
        hi = Math.max(hi, r[i]);
        south = Math.min(south, r[i + 1]);
        north = Math.max(north, r[i + 1]);
      }
      spans.add(new double[] {lo, hi});
    }
    double[] lon = LongitudeSpans.smallestCover(spans);
    return new double[] {lon[0], south, lon[1], north};
  }

  private static void vertexOf(Route route, int arc, double[] out) {
    out[0] = route.unit(arc, 0);
    out[1] = route.unit(arc, 1);
    out[2] = route.unit(arc, 2);
  }

  /**
   * Samples the boundary of the points within {@code rho} of the arc from a to b (unit vectors, a
   * shorter arc under 180°), counter-clockwise seen from outside the sphere: the right-hand offset
   * curve from a to b, the half-circle around b, the left-hand curve back, the half-circle around a,
   * with the given number of samples on each half-circle.
   */
  private static double[] stadium(double[] a, double[] b, double rho, int perHalfA, int perHalfB) {
    // (b+a)×(b−a) = 2 a×b without the cancellation of a×b for close points.
    double[] n = unit(cross(add(b, a, 1), add(b, a, -1)));
    double[] ta = cross(n, a);
    double[] tb = cross(n, b);
    double length = Math.atan2(norm(cross(a, b)), dot(a, b));
    int steps = Math.max(1, (int) Math.ceil(Math.toDegrees(length) / MAX_STEP_DEGREES));
    double cosR = Math.cos(rho);
    double sinR = Math.sin(rho);
    double[] minusN = scale(n, -1);
    double[] backward = scale(ta, -1);
    Samples out = new Samples();
    out.curve(t -> offsetPoint(a, ta, n, t, cosR, -sinR), 0, length, steps);
    out.curve(phi -> onCircle(b, cosR, sinR, minusN, tb, phi), 0, Math.PI, perHalfB);
    out.curve(t -> offsetPoint(a, ta, n, t, cosR, sinR), length, 0, steps);
    out.curve(phi -> onCircle(a, cosR, sinR, n, backward, phi), 0, Math.PI, perHalfA);
    return out.toArray();
  }

  /** Samples the circle of angular radius rho around c, counter-clockwise seen from outside. */
  private static double[] circle(double[] c, double rho, int perHalf) {
    double[] u = unit(Math.abs(c[2]) < 0.9 ? cross(new double[] {0, 0, 1}, c)
        : cross(new double[] {1, 0, 0}, c));
    double[] v = cross(c, u);
    double cosR = Math.cos(rho);
    double sinR = Math.sin(rho);
    Samples out = new Samples();
    out.curve(phi -> onCircle(c, cosR, sinR, u, v, phi), 0, 2 * Math.PI, 2 * perHalf);
    return out.toArray();
  }

  /** The point at angle t along the arc from a (tangent ta), moved by asin(sinR) towards n. */
  private static double[] offsetPoint(double[] a, double[] ta, double[] n, double t, double cosR,
      double sinR) {
    double c = Math.cos(t);
    double s = Math.sin(t);
    double[] p = new double[3];
    for (int i = 0; i < 3; i++) {
      p[i] = cosR * (c * a[i] + s * ta[i]) + sinR * n[i];
    }
    return p;
  }

  /** The point at angular radius (cosR, sinR) around c in direction cos(phi)·u + sin(phi)·v. */
  private static double[] onCircle(double[] c, double cosR, double sinR, double[] u, double[] v,
      double phi) {
    double cu = Math.cos(phi);
    double sv = Math.sin(phi);
    double[] p = new double[3];
    for (int i = 0; i < 3; i++) {
      p[i] = cosR * c[i] + sinR * (cu * u[i] + sv * v[i]);
    }
    return p;
  }

  /**
   * Turns a counter-clockwise spherical ring (unit vectors, not closed) into planar polygons within
   * [-180, 180] and adds them to {@code out}.
   */
  static void planar(double[] ring, List<double[]> out) {
    int n = ring.length / 3;
    double[] xs = new double[2 * n + 8];
    double[] ys = new double[2 * n + 8];
    int m = 0;
    double previous = Double.NaN;
    for (int i = 0; i < n; i++) {
      double x = ring[3 * i];
      double y = ring[3 * i + 1];
      double z = ring[3 * i + 2];
      double norm = Math.sqrt(x * x + y * y + z * z);
      if (Math.abs(z / norm) > POLE_Z) {
        // A pole on the ring: its longitude is the one it is reached from and then the one it is
        // left towards, walked along the pole's edge with the inside on the left (westward on the
        // north pole's edge, eastward on the south pole's).
        double pole = z > 0 ? 90 : -90;
        double from = Double.isNaN(previous) ? lonNear(ring, i, n, -1) : previous;
        double to = lonNear(ring, i, n, +1);
        double next = z > 0 ? from - mod360(from - to) : from + mod360(to - from);
        xs[m] = from;
        ys[m++] = pole;
        xs[m] = next;
        ys[m++] = pole;
        previous = next;
        continue;
      }
      double lon = Sphere.lonDegrees(x, y);
      double lat = Sphere.latDegrees(x, y, z);
      if (!Double.isNaN(previous)) {
        lon = previous + wrap(lon - previous);
      }
      xs[m] = lon;
      ys[m++] = lat;
      previous = lon;
    }
    double winding = (previous + wrap(xs[0] - previous)) - xs[0];
    if (Math.abs(winding) > 180) {
      // The ring goes once around a pole: close it along the pole's edge.
      double pole = winding > 0 ? 90 : -90;
      double end = xs[0] + winding;
      xs[m] = end;
      ys[m++] = ys[0];
      xs[m] = end;
      ys[m++] = pole;
      xs[m] = xs[0];
      ys[m++] = pole;
    }
    cutAtAntimeridian(xs, ys, m, out);
  }

  /** The longitude of the nearest ring point in direction {@code step} that is not at a pole. */
  private static double lonNear(double[] ring, int i, int n, int step) {
    for (int k = 1; k < n; k++) {
      int j = Math.floorMod(i + step * k, n);
      if (Math.abs(ring[3 * j + 2]) <= POLE_Z) {
        return Sphere.lonDegrees(ring[3 * j], ring[3 * j + 1]);
      }
    }
    return 0;
  }

  private static double mod360(double d) {
    double r = d % 360;
    return r < 0 ? r + 360 : r;
  }

  /** Clips the polygon to each 360° window it touches and shifts each part into [-180, 180]. */
  private static void cutAtAntimeridian(double[] xs, double[] ys, int m, List<double[]> out) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < m; i++) {
      lo = Math.min(lo, xs[i]);
      hi = Math.max(hi, xs[i]);
    }
    long first = (long) Math.floor((lo + 180) / 360);
    long last = (long) Math.floor((hi + 180) / 360);
    if (hi + 180 == 360.0 * last) {
      last--;
    }
    for (long k = first; k <= last; k++) {
      double west = -180 + 360.0 * k;
      double[] clipped = clip(xs, ys, m, west, west + 360);
      if (clipped.length >= 6 && Math.abs(area(clipped)) > 1e-18) {
        double[] closed = new double[clipped.length + 2];
        for (int i = 0; i < clipped.length; i += 2) {
          closed[i] = clamp(clipped[i] - 360.0 * k, 180);
          closed[i + 1] = clamp(clipped[i + 1], 90);
        }
        closed[clipped.length] = closed[0];
        closed[clipped.length + 1] = closed[1];
        out.add(closed);
      }
    }
  }

  /** Sutherland–Hodgman clipping to west ≤ x ≤ east; returns x0, y0, x1, y1, ... (not closed). */
  private static double[] clip(double[] xs, double[] ys, int m, double west, double east) {
    double[] once = clipSide(xs, ys, m, west, +1);
    int half = once.length / 2;
    double[] ox = new double[half];
    double[] oy = new double[half];
    for (int i = 0; i < half; i++) {
      ox[i] = once[2 * i];
      oy[i] = once[2 * i + 1];
    }
    return clipSide(ox, oy, half, east, -1);
  }

  /** Keeps the part with sign·(x − edge) ≥ 0. */
  private static double[] clipSide(double[] xs, double[] ys, int m, double edge, int sign) {
    double[] out = new double[4 * m + 4];
    int o = 0;
    for (int i = 0; i < m; i++) {
      int j = (i + 1) % m;
      double di = sign * (xs[i] - edge);
      double dj = sign * (xs[j] - edge);
      if (di >= 0) {
        out[o++] = xs[i];
        out[o++] = ys[i];
      }
      if ((di >= 0) != (dj >= 0) && di != dj) {
        double t = di / (di - dj);
        out[o++] = edge;
        out[o++] = ys[i] + t * (ys[j] - ys[i]);
      }
    }
    return java.util.Arrays.copyOf(out, o);
  }

  /** Twice the signed area of an unclosed ring x0, y0, x1, y1, ... */
  private static double area(double[] r) {
    double a = 0;
    int n = r.length / 2;
    for (int i = 0; i < n; i++) {
      int j = (i + 1) % n;
      a += r[2 * i] * r[2 * j + 1] - r[2 * j] * r[2 * i + 1];
    }
    return a;
  }

  private static double wrap(double delta) {
    double d = delta % 360;
    if (d > 180) {
      d -= 360;
    } else if (d < -180) {
      d += 360;
    }
    return d;
  }

  private static double clamp(double v, double limit) {
    return Math.max(-limit, Math.min(limit, v));
  }

  private static double[] cross(double[] u, double[] v) {
    return new double[] {
      u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]
    };
  }

  private static double[] add(double[] u, double[] v, double s) {
    return new double[] {u[0] + s * v[0], u[1] + s * v[1], u[2] + s * v[2]};
  }

  private static double[] scale(double[] u, double s) {
    return new double[] {s * u[0], s * u[1], s * u[2]};
  }

  private static double dot(double[] u, double[] v) {
    return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  }

  private static double norm(double[] u) {
    return Math.sqrt(dot(u, u));
  }

  private static double[] unit(double[] u) {
    return scale(u, 1 / norm(u));
  }

  /** A curve on the unit sphere, by parameter. */
  private interface Curve {
    double[] at(double t);
  }

  /**
   * A growing ring of samples. Each step of a curve is halved while its ends lie more than
   * {@link #MAX_LON_STEP_DEGREES} of longitude apart (near a pole, a short step can sweep many
   * degrees, and a map joins samples by straight lines in longitude and latitude).
   */
  private static final class Samples {
    private static final double MAX_LON_STEP_DEGREES = 2;
    private static final int MAX_HALVINGS = 10;

    private double[] xyz = new double[3 * 64];
    private int size;

    /** Adds the curve's points from t0 towards t1 in {@code steps} steps, without the last. */
    void curve(Curve curve, double t0, double t1, int steps) {
      double[] previous = curve.at(t0);
      for (int s = 0; s < steps; s++) {
        double from = t0 + (t1 - t0) * s / steps;
        double to = t0 + (t1 - t0) * (s + 1) / steps;
        double[] next = curve.at(to);
        add(previous);
        refine(curve, from, previous, to, next, 0);
        previous = next;
      }
    }

    /** Adds the points strictly between two samples that keep longitude steps small. */
    private void refine(Curve curve, double t0, double[] p0, double t1, double[] p1, int depth) {
      if (depth >= MAX_HALVINGS || !farApartInLongitude(p0, p1)) {
        return;
      }
      double mid = 0.5 * (t0 + t1);
      double[] pm = curve.at(mid);
      refine(curve, t0, p0, mid, pm, depth + 1);
      add(pm);
      refine(curve, mid, pm, t1, p1, depth + 1);
    }

    private static boolean farApartInLongitude(double[] p, double[] q) {
      if (Math.abs(p[2]) > POLE_Z || Math.abs(q[2]) > POLE_Z) {
        return false;
      }
      double d = Math.abs(wrap(Sphere.lonDegrees(p[0], p[1]) - Sphere.lonDegrees(q[0], q[1])));
      return d > MAX_LON_STEP_DEGREES;
    }

    private void add(double[] p) {
      if (3 * size + 3 > xyz.length) {
        xyz = java.util.Arrays.copyOf(xyz, 2 * xyz.length);
      }
      xyz[3 * size] = p[0];
      xyz[3 * size + 1] = p[1];
      xyz[3 * size + 2] = p[2];
      size++;
    }

    double[] toArray() {
      return java.util.Arrays.copyOf(xyz, 3 * size);
    }
  }
}
