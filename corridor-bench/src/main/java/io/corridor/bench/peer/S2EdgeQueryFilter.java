package io.corridor.bench.peer;

import com.google.common.geometry.S1Angle;
import com.google.common.geometry.S2ClosestPointQuery;
import com.google.common.geometry.S2LatLng;
import com.google.common.geometry.S2Point;
import com.google.common.geometry.S2PointIndex;
import io.corridor.core.geo.Route;
import io.corridor.core.geo.Sphere;
import io.corridor.core.location.LocationSet;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * S2 as its documentation suggests for "points near a line": index the points in an
 * {@link S2PointIndex}, then for each route edge ask an {@link S2ClosestPointQuery} for every point
 * within r of the edge ({@code findClosestPointsToEdge} with a maximum distance). The index is
 * built per call, as a stateless request must.
 *
 * <p>The query's limit is exclusive and S2's distances carry ~1e-15 rad of error, so only points
 * within a hair (well under 1 cm) of r can differ from the exact answer. Points near several edges
 * are found once per edge: the cost grows with r × route length, not with the number of points
 * only. On the large benchmark input it is 2× to 37× slower than {@link S2CellCoveringFilter}
 * (1.5 s at r = 100 m, 43.6 s at r = 10 km, a million locations), so that one is {@code s2}; run
 * this one with {@code -p impl=s2_edge_query}.
 */
public final class S2EdgeQueryFilter implements LocationIdFilter {

  @Override
  public int[] filter(Route route, double radiusMeters, LocationSet locations) {
    S2PointIndex<Integer> index = new S2PointIndex<>();
    for (int loc = 0; loc < locations.size(); loc++) {
      for (int p = locations.pointStart(loc); p < locations.pointEnd(loc); p++) {
        index.add(S2LatLng.fromDegrees(locations.latDegrees(p), locations.lonDegrees(p)).toPoint(), loc);
      }
    }
    S2ClosestPointQuery<Integer> query = new S2ClosestPointQuery<>(index);
    query.setMaxDistance(S1Angle.radians(radiusMeters / Sphere.EARTH_RADIUS_METERS));

    BitSet inside = new BitSet(locations.size());
    List<S2ClosestPointQuery.Result<Integer>> found = new ArrayList<>();
    S2Point a = S2LatLng.fromDegrees(route.latDegrees(0), route.lonDegrees(0)).toPoint();
    if (route.size() == 1) {
      query.findClosestPoints(found, a);
    }
    for (int i = 1; i < route.size(); i++) {
      S2Point b = S2LatLng.fromDegrees(route.latDegrees(i), route.lonDegrees(i)).toPoint();
      query.findClosestPointsToEdge(found, a, b);
      for (S2ClosestPointQuery.Result<Integer> result : found) {
        inside.set(result.entry().data());
      }
      found.clear();
      a = b;
    }
    return inside.stream().toArray();
  }
}
