package io.corridor.spark;

import io.corridor.core.InvalidInputException;
import java.io.Serializable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.types.DataTypes;

/**
 * The corridor SQL functions, registered on a session with one call, for SQL and the DataFrame
 * API ({@code functions.callUDF} or {@code expr}):
 *
 * <ul>
 *   <li>{@code corridor_within(lat, lon, route, radius_m)}: whether the point is inside;
 *   <li>{@code corridor_distance(lat, lon, route, radius_m)}: its distance in metres to the route
 *       if inside, else null;
 *   <li>{@code corridor_offset(lat, lon, route, radius_m)}: the length along the route to the
 *       route point nearest to it if inside, else null.
 * </ul>
 *
 * <p>{@code route} is a GeoJSON {@code LineString}/{@code Point}, a WKT {@code LINESTRING}/{@code
 * POINT} or an encoded polyline (precision 5); see {@link RouteText}. Each task parses and prepares
 * a route once, however many rows carry it. A null argument gives null; an invalid route, radius
 * or point fails the query with a message naming it.
 */
public final class CorridorFunctions {
  private CorridorFunctions() {}

  /** Registers the three functions on {@code spark}. */
  public static void register(SparkSession spark) {
    spark.udf().register("corridor_within", new Udf(Result.WITHIN), DataTypes.BooleanType);
    spark.udf().register("corridor_distance", new Udf(Result.DISTANCE), DataTypes.DoubleType);
    spark.udf().register("corridor_offset", new Udf(Result.OFFSET), DataTypes.DoubleType);
  }

  private enum Result {
    WITHIN,
    DISTANCE,
    OFFSET
  }

  /** One function; its cache of prepared corridors is made afresh in each task. */
  private static final class Udf implements UDF4<Object, Object, Object, Object, Object>, Serializable {
    private static final long serialVersionUID = 1L;
    private final Result result;
    private transient PreparedCorridors corridors;
    private transient double[] out;

    Udf(Result result) {
      this.result = result;
    }

    @Override
    public Object call(Object lat, Object lon, Object route, Object radiusMeters) {
      if (lat == null || lon == null || route == null || radiusMeters == null) {
        return null;
      }
      if (corridors == null) {
        corridors = new PreparedCorridors();
        out = new double[2];
      }
      if (!(route instanceof String text)) {
        throw new InvalidInputException("route must be a string (GeoJSON, WKT or an encoded polyline),"
            + " not " + route.getClass().getSimpleName());
      }
      boolean inside = corridors.inside(
          number(lat, "lat"), number(lon, "lon"), text, number(radiusMeters, "radius_m"), out);
      return switch (result) {
        case WITHIN -> inside;
        case DISTANCE -> inside ? out[0] : null;
        case OFFSET -> inside ? out[1] : null;
      };
    }

    /** Spark hands untyped Java functions each argument as its column's type: any number will do. */
    private static double number(Object value, String name) {
      if (value instanceof Number n) {
        return n.doubleValue();
      }
      throw new InvalidInputException(
          name + " must be a number, not " + value.getClass().getSimpleName() + " " + value);
    }
  }
}
