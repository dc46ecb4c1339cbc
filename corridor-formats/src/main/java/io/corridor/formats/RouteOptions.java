package io.corridor.formats;

import java.util.Objects;

/**
 * How {@link Routes} reads a route: the precision of an encoded polyline, and the name given to
 * the content in error messages ("request body", a file name).
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param polylinePrecision the decimal digits of an encoded polyline, {@link
 *     PolylineCodec#MIN_PRECISION} to {@link PolylineCodec#MAX_PRECISION}: 5 for Google and OSRM,
 *     6 for Valhalla and OSRM's polyline6
 * @param sourceName what error messages call the content; for a file, its name is used instead
 */
public record RouteOptions(int polylinePrecision, String sourceName) {
  private static final RouteOptions DEFAULTS =
      new RouteOptions(PolylineCodec.DEFAULT_PRECISION, "route");

  /** Checks the precision's range and that a source name is given. */
  public RouteOptions {
    Objects.requireNonNull(sourceName, "sourceName");
    if (polylinePrecision < PolylineCodec.MIN_PRECISION
        || polylinePrecision > PolylineCodec.MAX_PRECISION) {
      throw new IllegalArgumentException("polyline precision " + polylinePrecision
          + " is outside [" + PolylineCodec.MIN_PRECISION + ", " + PolylineCodec.MAX_PRECISION + "]");
    }
  }

  /** Returns the defaults: polylines at precision 5, content called "route" in messages. */
  public static RouteOptions defaults() {
    return DEFAULTS;
  }

  /** Returns these options with polylines read at {@code precision} decimal digits. */
  public RouteOptions withPolylinePrecision(int precision) {
    return new RouteOptions(precision, sourceName);
  }

  /** Returns these options with the content called {@code name} in error messages. */
  public RouteOptions withSourceName(String name) {
    return new RouteOptions(polylinePrecision, name);
  }
}
