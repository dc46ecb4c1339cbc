package io.corridor.core.geo;

import com.google.common.geometry.S1Angle;
import com.google.common.geometry.S2;
import com.google.common.geometry.S2EdgeUtil;
import com.google.common.geometry.S2LatLng;
import com.google.common.geometry.S2Point;
import java.util.ArrayList;
import java.util.List;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;

/**
 * The reference geometry the tests grade the code against: Google S2 for distances to arcs and
 * their nearest points, GeographicLib's geodesics on a sphere for placing points. Nothing here
 * calls the code under test; the Earth radius is restated from the contract rather than read from
 * {@link Sphere}.
 *
 * <p>S2's {@code getDistance(x, a, b)} is accurate to about 1e-15 rad for the distances tested
 * here (well under a millimetre), so its answer is the truth to which the contract's tolerances
 * (1 cm on distance, 1 m on offset, 5 cm either side of the radius) are applied.
 */
public final class SphereOracle {
  /** The contract's sphere: the IUGG mean Earth radius in metres. */
  public static final double R = 6_371_008.8;

  /** Geodesics on the contract's sphere (flattening 0): great circles, solved by GeographicLib. */
  public static final Geodesic SPHERE = new Geodesic(R, 0);

  /**
   * Two route points whose distances differ by less than this are treated as equally near when
   * deciding which offsets are acceptable: the implementation's own tie window (1 mm) plus room
   * for rounding.
   */
  public static final double TIE_WINDOW_METERS = 1.5e-3;

  private SphereOracle() {}

  /** Returns the S2 unit vector of a latitude and longitude in degrees. */
  public static S2Point point(double latDegrees, double lonDegrees) {
    return S2LatLng.fromDegrees(latDegrees, lonDegrees).toPoint();
  }

  /** Returns {lat, lon} in degrees of an S2 point (normalised first). */
  public static double[] latLon(S2Point p) {
    S2LatLng ll = new S2LatLng(p.normalize());
    return new double[] {clampLat(ll.latDegrees()), ll.lngDegrees()};
  }

  /** Returns the great-circle distance in metres between two points in degrees, by GeographicLib. */
  public static double distanceMeters(double lat1, double lon1, double lat2, double lon2) {
    return SPHERE.Inverse(lat1, lon1, lat2, lon2).s12;
  }

  /** Returns {lat, lon} reached from a point by going {@code meters} along azimuth {@code azimuthDegrees}. */
  public static double[] direct(double lat, double lon, double azimuthDegrees, double meters) {
    GeodesicData d = SPHERE.Direct(lat, lon, azimuthDegrees, meters);
    return new double[] {clampLat(d.lat2), wrapLon(d.lon2)};
  }

  /**
   * Returns the point at angular distance {@code meters / R} from the point at fraction t of the arc
   * a→b, perpendicular to the arc, on the left (side = +1) or the right (side = −1); its distance
   * to the arc's great circle is exactly that angle.
   */
  public static S2Point perpendicular(S2Point a, S2Point b, double t, double meters, int side) {
    S2Point p = along(a, b, t);
    S2Point n = S2.robustCrossProd(a, b).normalize();
    double theta = meters / R;
    return p.mul(Math.cos(theta)).add(n.mul(side * Math.sin(theta))).normalize();
  }

  /** Returns the point at fraction t along the shorter great-circle arc a→b. */
  public static S2Point along(S2Point a, S2Point b, double t) {
    if (a.angle(b) < 1e-9) {
      // S2's interpolation divides by sin(|AB|); for arcs under 6 mm the chord is the arc (to
      // 1e-27 rad), so normalised linear interpolation is exact enough and cannot give NaN.
      return a.mul(1 - t).add(b.mul(t)).normalize();
    }
    return S2EdgeUtil.interpolate(t, a, b);
  }

  /** Returns the latitude clamped to [-90, 90] (S2 may round a pole to 90.00000000000001). */
  public static double clampLat(double lat) {
    return Math.max(-90, Math.min(90, lat));
  }

  /** Returns the longitude wrapped into [-180, 180]. */
  public static double wrapLon(double lon) {
    if (lon >= -180 && lon <= 180) {
      return lon;
    }
    double l = ((lon + 180) % 360 + 360) % 360 - 180;
    return l;
  }

  /** One route point at a given distance from a query point, and its offset along the route. */
  public record Candidate(double distanceMeters, double offsetMeters) {}

  /**
   * The nearest route points to one location: the smallest distance, and every (distance, offset)
   * within {@link #TIE_WINDOW_METERS} of it.
   */
  public record Nearest(double distanceMeters, List<Candidate> candidates) {
    /** Returns whether {@code offset} is within {@code toleranceMeters} of an acceptable offset. */
    public boolean acceptsOffset(double offset, double toleranceMeters) {
      for (Candidate c : candidates) {
        if (Math.abs(c.offsetMeters() - offset) <= toleranceMeters) {
          return true;
        }
      }
      return false;
    }

    /** Returns whether equally near route points lie more than {@code meters} apart along the route. */
    public boolean ambiguous(double meters) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (Candidate c : candidates) {
        lo = Math.min(lo, c.offsetMeters());
        hi = Math.max(hi, c.offsetMeters());
      }
      return hi - lo > meters;
    }

    /** Returns the smallest acceptable offset: the contract's answer. */
    public double offsetMeters() {
      double lo = Double.POSITIVE_INFINITY;
      for (Candidate c : candidates) {
        lo = Math.min(lo, c.offsetMeters());
      }
      return lo;
    }

    /**
     * Returns the smallest offset among the route points exactly as near as the nearest (to a
     * micrometre, far below any tolerance): the contract's tie rule says the answer is no larger.
     */
    public double tiedOffsetMeters() {
      double lo = Double.POSITIVE_INFINITY;
      for (Candidate c : candidates) {
        if (c.distanceMeters() <= distanceMeters + 1e-6) {
          lo = Math.min(lo, c.offsetMeters());
        }
      }
      return lo;
    }

    /** Returns the nearest over several locations' points taken together (a multi-point location). */
    public static Nearest combine(List<Nearest> parts) {
      double min = Double.POSITIVE_INFINITY;
      for (Nearest n : parts) {
        min = Math.min(min, n.distanceMeters());
      }
      List<Candidate> all = new ArrayList<>();
      for (Nearest n : parts) {
        for (Candidate c : n.candidates()) {
          if (c.distanceMeters() <= min + TIE_WINDOW_METERS) {
            all.add(c);
          }
        }
      }
      return new Nearest(min, all);
    }
  }

  /** A route as S2 points, with the cumulative length of its arcs, measured by S2. */
  public static final class OracleRoute {
    private final S2Point[] vertices;
    private final double[] cumulativeMeters;

    /** Builds the oracle's view of the route through these vertices in degrees. */
    public OracleRoute(double[] lat, double[] lon) {
      int n = lat.length;
      vertices = new S2Point[n];
      cumulativeMeters = new double[n];
      for (int i = 0; i < n; i++) {
        vertices[i] = point(lat[i], lon[i]);
        if (i > 0) {
          cumulativeMeters[i] = cumulativeMeters[i - 1] + vertices[i - 1].angle(vertices[i]) * R;
        }
      }
    }

    /** Returns the vertex {@code i} as an S2 point. */
    public S2Point vertex(int i) {
      return vertices[i];
    }

    /** Returns the number of vertices. */
    public int size() {
      return vertices.length;
    }

    /** Returns the route's length in metres. */
    public double lengthMeters() {
      return cumulativeMeters[cumulativeMeters.length - 1];
    }

    /** Returns the distance in metres from a point in degrees to the route. */
    public double distanceMeters(double lat, double lon) {
      S2Point x = point(lat, lon);
      double best = Double.POSITIVE_INFINITY;
      for (int i = 0; i < arcCount(); i++) {
        best = Math.min(best, arcDistanceRadians(x, i) * R);
      }
      return best;
    }

    /** Returns the distance in metres from a point in degrees to arc {@code arc} alone. */
    public double arcDistanceMeters(int arc, double lat, double lon) {
      return arcDistanceRadians(point(lat, lon), arc) * R;
    }

    /** Returns the number of arcs (1 for a single vertex, which is its own degenerate arc). */
    public int arcCount() {
      return Math.max(1, vertices.length - 1);
    }

    /** Returns the nearest route points to a point in degrees. */
    public Nearest nearest(double lat, double lon) {
      S2Point x = point(lat, lon);
      int arcs = arcCount();
      double[] d = new double[arcs];
      double min = Double.POSITIVE_INFINITY;
      for (int i = 0; i < arcs; i++) {
        d[i] = arcDistanceRadians(x, i) * R;
        min = Math.min(min, d[i]);
      }
      List<Candidate> candidates = new ArrayList<>(2);
      for (int i = 0; i < arcs; i++) {
        if (d[i] <= min + TIE_WINDOW_METERS) {
          candidates.add(new Candidate(d[i], offsetOnArc(x, i)));
        }
      }
      return new Nearest(min, candidates);
    }

    /** Returns the nearest route points to any of a location's points in degrees. */
    public Nearest nearest(double[] lat, double[] lon) {
      if (lat.length == 1) {
        return nearest(lat[0], lon[0]);
      }
      List<Nearest> parts = new ArrayList<>(lat.length);
      for (int k = 0; k < lat.length; k++) {
        parts.add(nearest(lat[k], lon[k]));
      }
      return Nearest.combine(parts);
    }

    private double arcDistanceRadians(S2Point x, int arc) {
      S2Point a = vertices[arc];
      S2Point b = vertices[Math.min(arc + 1, vertices.length - 1)];
      if (a.equalsPoint(b)) {
        return x.angle(a);
      }
      S1Angle angle = S2EdgeUtil.getDistance(x, a, b);
      return angle.radians();
    }

    private double offsetOnArc(S2Point x, int arc) {
      S2Point a = vertices[arc];
      S2Point b = vertices[Math.min(arc + 1, vertices.length - 1)];
      if (a.equalsPoint(b)) {
        return cumulativeMeters[arc];
      }
      S2Point closest = S2EdgeUtil.getClosestPoint(x, a, b);
      return cumulativeMeters[arc] + a.angle(closest) * R;
    }
  }
}
