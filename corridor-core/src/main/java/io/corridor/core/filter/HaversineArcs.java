package io.corridor.core.filter;

import io.corridor.core.geo.Route;
import io.corridor.core.geo.Sphere;

/**
 * The seed's exact test, in degrees and trigonometry: the haversine distance to each endpoint, and
 * the cross-track and along-track distances (from initial bearings) to the arc between them. It is
 * slow on purpose — it is the baseline that the fast filter is measured against — but exact on the
 * sphere, so that every strategy gives the same answer.
 */
final class HaversineArcs {
  private HaversineArcs() {}

  /** Returns the haversine central angle in radians between two points in radians. */
  static double haversine(double phi1, double lambda1, double phi2, double lambda2) {
    double sinDPhi = Math.sin(0.5 * (phi2 - phi1));
    double sinDLambda = Math.sin(0.5 * (lambda2 - lambda1));
    double h = sinDPhi * sinDPhi + Math.cos(phi1) * Math.cos(phi2) * sinDLambda * sinDLambda;
    return 2 * Math.atan2(Math.sqrt(h), Math.sqrt(Math.max(0, 1 - h)));
  }

  /** Returns the initial bearing in radians from point 1 to point 2 (radians). */
  static double bearing(double phi1, double lambda1, double phi2, double lambda2) {
    double dLambda = lambda2 - lambda1;
    double y = Math.sin(dLambda) * Math.cos(phi2);
    double x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLambda);
    return Math.atan2(y, x);
  }

  /**
   * Writes into {@code out} the angle in radians from P to arc {@code arc} of the route
   * ({@code out[0]}) and the angle along the arc from its start to P's nearest point ({@code out[1]}).
   */
  static void distanceToArc(Route route, int arc, double phiP, double lambdaP, double[] out) {
    int b = Math.min(arc + 1, route.size() - 1);
    double phiA = Math.toRadians(route.latDegrees(arc));
    double lambdaA = Math.toRadians(route.lonDegrees(arc));
    double phiB = Math.toRadians(route.latDegrees(b));
    double lambdaB = Math.toRadians(route.lonDegrees(b));
    double toA = haversine(phiA, lambdaA, phiP, lambdaP);
    double toB = haversine(phiB, lambdaB, phiP, lambdaP);
    double length = haversine(phiA, lambdaA, phiB, lambdaB);
    if (length > 1e-12 && toA > 0) {
      double bearingAB = bearing(phiA, lambdaA, phiB, lambdaB);
      double bearingAP = bearing(phiA, lambdaA, phiP, lambdaP);
      double cosAtA = Math.cos(bearingAP - bearingAB);
      if (cosAtA > 0) {
        // Right spherical triangle: tan(along) = tan(toA)·cos(ΔbearingA).
        double along = Math.atan2(Math.sin(toA) * cosAtA, Math.cos(toA));
        if (along <= length) {
          out[0] = Math.abs(Math.asin(Math.sin(toA) * Math.sin(bearingAP - bearingAB)));
          out[1] = along;
          return;
        }
      }
    }
    if (toB < toA) {
      out[0] = toB;
      out[1] = length;
    } else {
      out[0] = toA;
      out[1] = 0;
    }
  }
}
