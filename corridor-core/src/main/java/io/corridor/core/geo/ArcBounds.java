package io.corridor.core.geo;

import java.util.ArrayList;
import java.util.List;

/**
 * Latitude/longitude boxes, one per arc of a corridor, that contain every point within the radius
 * of the arc — right on the sphere, which a planar box is not:
 *
 * <ul>
 *   <li>the latitude range covers the arc's bulge: a great-circle arc between two points at 50°N
 *       reaches further north than either end, by hundreds of kilometres on a long arc;
 *   <li>the longitude padding grows as 1/cos(latitude): asin(sin ρ / cos φ) at the arc's highest
 *       latitude φ, the widest longitude reach of a cap of angular radius ρ there;
 *   <li>a box that reaches a pole spans all longitudes;
 *   <li>a box that crosses the antimeridian is a longitude interval that wraps (start + width),
 *       so the test is a single modular comparison rather than two boxes.
 * </ul>
 *
 * <p>Immutable and safe to share between threads.
 */
public final class ArcBounds {
  private static final double SAFETY_DEGREES = 1e-9;

  private final double[] latMin;
  private final double[] latMax;
  /** Start of each longitude interval in [-180, 180); the interval is [lonStart, lonStart + width]. */
  private final double[] lonStart;
  private final double[] lonWidth;

  private ArcBounds(int n) {
    latMin = new double[n];
    latMax = new double[n];
    lonStart = new double[n];
    lonWidth = new double[n];
  }

  /** Computes the box of every arc of {@code corridor}, padded by its radius. */
  public static ArcBounds of(Corridor corridor) {
    Route route = corridor.route();
    int arcs = corridor.arcCount();
    ArcBounds bounds = new ArcBounds(arcs);
    double rho = corridor.radiusRadians();
    double rhoDegrees = Math.toDegrees(rho) + SAFETY_DEGREES;
    for (int i = 0; i < arcs; i++) {
      int a = i;
      int b = Math.min(i + 1, route.size() - 1);
      double[] latRange = arcLatitudeRange(corridor, i, route, a, b);
      double lo = latRange[0] - rhoDegrees;
      double hi = latRange[1] + rhoDegrees;
      bounds.latMin[i] = Math.max(-90, lo);
      bounds.latMax[i] = Math.min(90, hi);
      double maxAbsLat = Math.max(Math.abs(latRange[0]), Math.abs(latRange[1]));
      if (lo <= -90 || hi >= 90 || rho >= Math.PI / 2 - Math.toRadians(maxAbsLat)) {
        bounds.lonStart[i] = -180;
        bounds.lonWidth[i] = 360;
        continue;
      }
      double pad =
          Math.toDegrees(Math.asin(Math.sin(rho) / Math.cos(Math.toRadians(maxAbsLat))))
              + SAFETY_DEGREES;
      double lonA = route.lonDegrees(a);
      double delta = signedLonDelta(lonA, route.lonDegrees(b));
      double west = delta >= 0 ? lonA : lonA + delta;
      double width = Math.abs(delta) + 2 * pad;
      if (width >= 360) {
        bounds.lonStart[i] = -180;
        bounds.lonWidth[i] = 360;
      } else {
        bounds.lonStart[i] = normalizeLon(west - pad);
        bounds.lonWidth[i] = width;
      }
    }
    return bounds;
  }

  /** Returns whether the point in degrees lies in the box of arc {@code arc}. */
  public boolean contains(int arc, double latDegrees, double lonDegrees) {
    if (latDegrees < latMin[arc] || latDegrees > latMax[arc]) {
      return false;
    }
    double d = lonDegrees - lonStart[arc];
    if (d < 0) {
      d += 360;
    }
    return d <= lonWidth[arc];
  }

  /**
   * Returns the bounding box of the whole corridor, {@code {west, south, east, north}} in degrees
   * as RFC 7946 §5.2 has it: the union of the arcs' boxes, its longitudes the shortest interval
   * that covers theirs. When it crosses the antimeridian, west is greater than east; when it
   * reaches all longitudes, west is -180 and east 180.
   */
  public double[] boundingBox() {
    double south = 90;
    double north = -90;
    List<double[]> spans = new ArrayList<>();
    for (int i = 0; i < latMin.length; i++) {
      south = Math.min(south, latMin[i]);
      north = Math.max(north, latMax[i]);
      double end = lonStart[i] + lonWidth[i];
      if (end <= 180) {
        spans.add(new double[] {lonStart[i], end});
      } else {
        spans.add(new double[] {lonStart[i], 180});
        spans.add(new double[] {-180, Math.min(180, end - 360)});
      }
    }
    double[] lon = LongitudeSpans.smallestCover(spans);
    return new double[] {lon[0], south, lon[1], north};
  }

  /** Returns the southern edge of arc {@code arc}'s box, in degrees. */
  public double latMin(int arc) {
    return latMin[arc];
  }

  /** Returns the northern edge of arc {@code arc}'s box, in degrees. */
  public double latMax(int arc) {
    return latMax[arc];
  }

  /** Returns the western edge of arc {@code arc}'s box, in [-180, 180), in degrees. */
  public double lonStart(int arc) {
    return lonStart[arc];
  }

  /** Returns the eastward width of arc {@code arc}'s box in degrees (360 for all longitudes). */
  public double lonWidth(int arc) {
    return lonWidth[arc];
  }

  /**
   * Returns {min, max} latitude in degrees reached by arc {@code arc} of the corridor, between
   * route vertices {@code a} and {@code b}: its endpoints, or the highest (lowest) point of its
   * great circle if that lies on the arc (in the arc's lune, by the corridor's own frame).
   */
  static double[] arcLatitudeRange(Corridor corridor, int arc, Route route, int a, int b) {
    double lo = Math.min(route.latDegrees(a), route.latDegrees(b));
    double hi = Math.max(route.latDegrees(a), route.latDegrees(b));
    double[] f = corridor.arcFrame(arc);
    double nx = f[Corridor.NX], ny = f[Corridor.NX + 1], nz = f[Corridor.NX + 2];
    if (nx == 0 && ny == 0 && nz == 0) {
      return new double[] {lo, hi}; // a repeated vertex: no arc between its ends
    }
    // The northernmost point of the great circle: the north pole projected onto its plane.
    double vx = -nz * nx, vy = -nz * ny, vz = 1 - nz * nz;
    double vNorm = Math.sqrt(vx * vx + vy * vy + vz * vz);
    if (vNorm > 1e-15) {
      vx /= vNorm;
      vy /= vNorm;
      vz /= vNorm;
      double vtA = vx * f[Corridor.TAX] + vy * f[Corridor.TAX + 1] + vz * f[Corridor.TAX + 2];
      double vtB = vx * f[Corridor.TBX] + vy * f[Corridor.TBX + 1] + vz * f[Corridor.TBX + 2];
      double vertexLat = Math.toDegrees(Math.asin(Math.min(1, vz)));
      if (vtA >= 0 && vtB >= 0) {
        hi = Math.max(hi, vertexLat);
      }
      if (-vtA >= 0 && -vtB >= 0) {
        lo = Math.min(lo, -vertexLat);
      }
    }
    return new double[] {lo, hi};
  }

  /** Returns lon2 − lon1 in (-180, 180], the shorter way round. */
  static double signedLonDelta(double lon1, double lon2) {
    double d = lon2 - lon1;
    if (d > 180) {
      d -= 360;
    } else if (d <= -180) {
      d += 360;
    }
    return d;
  }

  /** Returns the longitude in [-180, 180). */
  static double normalizeLon(double lon) {
    double l = ((lon + 180) % 360 + 360) % 360 - 180;
    return l;
  }
}
