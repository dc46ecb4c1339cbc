package io.corridor.core.covering;

import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.core.geo.Sphere;
import java.util.Arrays;

/**
 * Caps along a corridor's route, in route order: the route is cut into stretches at most
 * {@code h} long, and each stretch gets one cap that holds every point within the radius (plus the
 * tie tolerance) of the stretch. A grid covers the corridor by marking the cells its caps reach,
 * each with the cap's arcs.
 *
 * <p><b>Caps.</b> A cap is centred on a route vertex where vertices are dense (no trigonometry),
 * or on a point inside a long arc. Every route point of the stretch lies within h/2 of the centre
 * along the route, hence on the sphere, so a point within r of the stretch lies within r + h/2 of
 * the centre: the cap's radius is {@link ErrorBound#capRadians}. Its arcs are those that overlap
 * the stretch, an inclusive range; ranges only move forward along the route. There are at most
 * 2·length/h + 1 caps, whatever the number of vertices.
 *
 * <p><b>Reach.</b> A cap covers the latitudes {@link #southDegrees} to {@link #northDegrees} and,
 * in each row, the longitudes within its widest reach asin(sin ρ / cos φ) of its centre
 * ({@link #reachDegrees}); a cap that holds a pole, or whose reach is too close to 90° to be
 * computed within the error bound, takes whole rows.
 *
 * <p>Immutable once built and safe to share between threads.
 */
public final class RouteCaps {
  /** Ratios sin ρ / cos φ above this take whole rows: asin is too steep there to bound its error. */
  private static final double STEEP_RATIO = 1 - 1e-8;
  /** Below this ratio, x / √(1 − x²) = tan(asin x) bounds asin x with no trigonometry. */
  private static final double TAN_RATIO = 0.1;

  private final double radiusRadians;
  private final double capDegrees;
  private final int count;
  private final double[] lat;
  private final double[] lon;
  private final double[] reach;
  private final double[] end;
  private final int[] arcFrom;
  private final int[] arcTo;

  private RouteCaps(Builder b) {
    this.radiusRadians = b.radians;
    this.capDegrees = Math.toDegrees(b.radians);
    this.count = b.count;
    this.lat = Arrays.copyOf(b.lat, b.count);
    this.lon = Arrays.copyOf(b.lon, b.count);
    this.end = Arrays.copyOf(b.end, b.count);
    this.arcFrom = Arrays.copyOf(b.arcFrom, b.count);
    this.arcTo = Arrays.copyOf(b.arcTo, b.count);
    this.reach = new double[b.count];
    double sinCap = Math.sin(Math.min(b.radians, Math.PI / 2));
    for (int k = 0; k < count; k++) {
      reach[k] = reach(k, sinCap, b.cosLat[k]);
    }
  }

  /**
   * Returns the caps of {@code corridor} over stretches at most {@code stretchMeters} long.
   *
   * @throws IllegalArgumentException if the stretch is not a positive length
   */
  public static RouteCaps of(Corridor corridor, double stretchMeters) {
    if (!(stretchMeters > 0) || Double.isInfinite(stretchMeters)) {
      throw new IllegalArgumentException("stretch " + stretchMeters + " must be a positive length");
    }
    Route route = corridor.route();
    int vertices = route.size();
    int arcs = corridor.arcCount();
    double total = route.lengthMeters();
    double half = stretchMeters / 2;
    Builder caps = new Builder(ErrorBound.capRadians(corridor.radiusRadians(),
        stretchMeters / Sphere.EARTH_RADIUS_METERS), (int) Math.min(1 << 20, 2 * total / stretchMeters + 2));
    double[] p = new double[3];
    double pos = 0; // every route point before offset pos is in a cap's stretch
    int v = 0;
    int firstArc = 0; // the first arc ending at or after the stretch's start
    int lastArc = 0; // the last arc starting at or before the stretch's end
    do {
      while (v + 1 < vertices && route.offsetMetersAt(v + 1) <= pos + half) {
        v++;
      }
      double vertexOffset = route.offsetMetersAt(v);
      double centre;
      if (vertexOffset >= pos) {
        centre = vertexOffset; // a vertex within half of pos: no trigonometry
        double x = route.unit(v, 0);
        double y = route.unit(v, 1);
        caps.centre(route.latDegrees(v), route.lonDegrees(v), Math.sqrt(x * x + y * y));
      } else {
        // Inside arc v, which ends beyond pos + half: its point at pos + half.
        centre = pos + half;
        corridor.pointOnArc(v, (centre - vertexOffset) / Sphere.EARTH_RADIUS_METERS, p);
        caps.centre(Sphere.latDegrees(p[0], p[1], p[2]), Sphere.lonDegrees(p[0], p[1]),
            Math.sqrt(p[0] * p[0] + p[1] * p[1]));
      }
      double from = Math.max(0, centre - half);
      double to = Math.min(total, centre + half);
      // Stretches move forward, so both arcs only move forward.
      while (firstArc + 1 < arcs && route.offsetMetersAt(firstArc + 1) < from) {
        firstArc++;
      }
      while (lastArc + 1 < arcs && route.offsetMetersAt(lastArc + 1) <= to) {
        lastArc++;
      }
      caps.add(firstArc, lastArc, to);
      pos = to;
    } while (pos < total);
    return new RouteCaps(caps);
  }

  /** Returns the number of caps. */
  public int count() {
    return count;
  }

  /** Returns every cap's radius in radians, slack included. */
  public double radiusRadians() {
    return radiusRadians;
  }

  /** Returns the latitude of cap k's centre in degrees. */
  public double latDegrees(int k) {
    return lat[k];
  }

  /** Returns the longitude of cap k's centre in degrees. */
  public double lonDegrees(int k) {
    return lon[k];
  }

  /** Returns the southernmost latitude cap k reaches, in degrees (below −90 if it holds the pole). */
  public double southDegrees(int k) {
    return lat[k] - capDegrees;
  }

  /** Returns the northernmost latitude cap k reaches, in degrees (above 90 if it holds the pole). */
  public double northDegrees(int k) {
    return lat[k] + capDegrees;
  }

  /**
   * Returns how far in longitude cap k reaches on either side of its centre, in degrees, in any
   * of its rows; a negative value if it takes whole rows.
   */
  public double reachDegrees(int k) {
    return reach[k];
  }

  /** Returns the first arc of cap k's stretch. */
  public int firstArc(int k) {
    return arcFrom[k];
  }

  /** Returns the last arc (inclusive) of cap k's stretch. */
  public int lastArc(int k) {
    return arcTo[k];
  }

  /** Returns the offset in metres where cap k's stretch ends. */
  public double endMeters(int k) {
    return end[k];
  }

  /**
   * Returns cap k's longitude reach in degrees, or −1 for whole rows. The ratio x = sin ρ / cos φ
   * is computed with a relative error below 1e-15 + 1e-15 / cos φ (cos φ from a unit vector's
   * components, each within 1e-15); it is raised by that much, so that asin (or its upper bound
   * tan(asin x) for small x) of the raised ratio bounds the true reach, then E is added.
   */
  private double reach(int k, double sinCap, double cosLat) {
    if (lat[k] - capDegrees <= -90 || lat[k] + capDegrees >= 90 || radiusRadians >= Math.PI / 2) {
      return -1;
    }
    double x = sinCap / cosLat * (1 + 1e-15 + 1e-15 / cosLat);
    if (x >= STEEP_RATIO) {
      return -1;
    }
    double angle = x < TAN_RATIO ? x / Math.sqrt(1 - x * x) : Math.asin(x);
    double degrees = Math.toDegrees(angle + ErrorBound.ANGLE_RADIANS);
    return degrees >= 180 ? -1 : degrees;
  }

  /** Collects caps as they are cut. */
  private static final class Builder {
    final double radians;
    int count;
    double[] lat;
    double[] lon;
    double[] cosLat;
    double[] end;
    int[] arcFrom;
    int[] arcTo;

    Builder(double radians, int expected) {
      this.radians = radians;
      int n = Math.max(16, expected);
      lat = new double[n];
      lon = new double[n];
      cosLat = new double[n];
      end = new double[n];
      arcFrom = new int[n];
      arcTo = new int[n];
    }

    void centre(double latDegrees, double lonDegrees, double cosLatitude) {
      if (count == lat.length) {
        int n = 2 * count;
        lat = Arrays.copyOf(lat, n);
        lon = Arrays.copyOf(lon, n);
        cosLat = Arrays.copyOf(cosLat, n);
        end = Arrays.copyOf(end, n);
        arcFrom = Arrays.copyOf(arcFrom, n);
        arcTo = Arrays.copyOf(arcTo, n);
      }
      lat[count] = latDegrees;
      lon[count] = lonDegrees;
      cosLat[count] = cosLatitude;
    }

    void add(int firstArc, int lastArc, double endMeters) {
      arcFrom[count] = firstArc;
      arcTo[count] = lastArc;
      end[count] = endMeters;
      count++;
    }
  }
}
