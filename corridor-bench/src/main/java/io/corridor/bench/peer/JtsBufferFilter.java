package io.corridor.bench.peer;

import io.corridor.core.geo.Route;
import io.corridor.core.location.LocationSet;
import java.util.Arrays;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.buffer.BufferParameters;

/**
 * The JTS way to filter by corridor: project the route and the points to a local plane
 * ({@link AzimuthalEquidistant}), buffer the projected line by r, prepare the buffer polygon and
 * ask it whether it {@code covers} each projected point. Everything is done per call (projection,
 * buffer, preparation, tests), as a stateless request must.
 *
 * <p>It answers what JTS answers, which is approximate in three ways: the projection
 * ({@link AzimuthalEquidistant#radiusErrorMeters}); the buffer's round joins and caps drawn as
 * chords, {@value #QUADRANT_SEGMENTS} per quarter circle, which cut up to r (1 − cos(π/32)) =
 * 0.48 % of r inside the true corridor; and the buffer's simplification of the input line, which
 * may move the boundary by up to {@link BufferParameters#DEFAULT_SIMPLIFY_FACTOR} (1 %) of r.
 * {@link #toleranceMeters} adds the three up; locations closer than that to the radius may land on
 * either side. On the large benchmark input (a million locations) it disagreed with the exact
 * answer on 1 / 8 / 25 locations at r = 100 m / 1 km / 10 km, at most 0.50 / 0.28 / 34.7 m from r:
 * the polygonal joins, more than the projection (0.08 / 0.8 / 8.4 m), set the error.
 */
public final class JtsBufferFilter implements LocationIdFilter {
  /** The buffer's segments per quarter circle: JTS's default. */
  public static final int QUADRANT_SEGMENTS = BufferParameters.DEFAULT_QUADRANT_SEGMENTS;

  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  @Override
  public int[] filter(Route route, double radiusMeters, LocationSet locations) {
    AzimuthalEquidistant projection = AzimuthalEquidistant.centredOn(route);
    double[] xy = new double[2];
    Coordinate[] line = new Coordinate[route.size()];
    for (int i = 0; i < line.length; i++) {
      projection.project(route.latDegrees(i), route.lonDegrees(i), xy);
      line[i] = new Coordinate(xy[0], xy[1]);
    }
    Geometry path = line.length == 1
        ? GEOMETRY.createPoint(line[0])
        : GEOMETRY.createLineString(line);
    PreparedGeometry corridor =
        PreparedGeometryFactory.prepare(path.buffer(radiusMeters, QUADRANT_SEGMENTS));

    int[] ids = new int[16];
    int count = 0;
    for (int loc = 0; loc < locations.size(); loc++) {
      for (int p = locations.pointStart(loc); p < locations.pointEnd(loc); p++) {
        projection.project(locations.latDegrees(p), locations.lonDegrees(p), xy);
        if (corridor.covers(GEOMETRY.createPoint(new Coordinate(xy[0], xy[1])))) {
          if (count == ids.length) {
            ids = Arrays.copyOf(ids, 2 * count);
          }
          ids[count++] = loc;
          break;
        }
      }
    }
    return Arrays.copyOf(ids, count);
  }

  /** Returns how close to the radius a location must be for JTS to be allowed to disagree with us. */
  public static double toleranceMeters(Route route, double radiusMeters) {
    double projection = AzimuthalEquidistant.centredOn(route).radiusErrorMeters(radiusMeters);
    double chords = radiusMeters * (1 - Math.cos(Math.PI / (4 * QUADRANT_SEGMENTS)));
    double simplification = radiusMeters * BufferParameters.DEFAULT_SIMPLIFY_FACTOR;
    return projection + chords + simplification + 1e-3;
  }
}
