package io.corridor.bench.search;

import com.google.common.geometry.S1Angle;
import com.google.common.geometry.S1ChordAngle;
import com.google.common.geometry.S2ClosestPointQuery;
import com.google.common.geometry.S2EdgeUtil;
import com.google.common.geometry.S2LatLng;
import com.google.common.geometry.S2Point;
import com.google.common.geometry.S2PointIndex;
import com.google.common.geometry.S2Predicates;
import io.corridor.core.geo.Route;
import io.corridor.core.geo.Sphere;
import io.corridor.core.location.LocationSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The S2 peer of the index search: an {@link S2PointIndex} of every point, built once, and per
 * search one {@link S2ClosestPointQuery#findClosestPointsToEdge} per route edge with a maximum
 * distance of r, the found locations deduplicated.
 *
 * <p>S2's maximum distance is exclusive and its distances carry ~1e-15 rad of error, so the query
 * asks for r plus 1 mm and every found point is then kept only if {@link
 * S2Predicates#compareEdgeDistance} (exact) puts it within r of that edge. For the limited query the
 * offset of a location is the length of the route up to the projection on its nearest edge
 * ({@link S2EdgeUtil#getClosestPoint}), and the first {@code limit} by offset, then id, are kept.
 */
public final class S2RouteSearch {
  private static final double WIDEN_METERS = 1e-3;

  private final LocationSet locations;
  private final S2PointIndex<Integer> index = new S2PointIndex<>();

  /** Indexes every point of {@code locations}, remembering its location's number. */
  public S2RouteSearch(LocationSet locations) {
    this.locations = locations;
    for (int loc = 0; loc < locations.size(); loc++) {
      for (int p = locations.pointStart(loc); p < locations.pointEnd(loc); p++) {
        index.add(S2LatLng.fromDegrees(locations.latDegrees(p), locations.lonDegrees(p)).toPoint(), loc);
      }
    }
  }

  /** Returns the ids of the locations within {@code radiusMeters} of {@code route}, the first {@code limit} by offset if positive. */
  public List<String> search(Route route, double radiusMeters, int limit) {
    S2ClosestPointQuery<Integer> query = new S2ClosestPointQuery<>(index);
    query.setMaxDistance(S1Angle.radians((radiusMeters + WIDEN_METERS) / Sphere.EARTH_RADIUS_METERS));
    double r2 = S1ChordAngle.fromS1Angle(S1Angle.radians(radiusMeters / Sphere.EARTH_RADIUS_METERS))
        .getLength2();
    // Location -> {chord² distance to its nearest edge so far, offset on that edge in radians}.
    Map<Integer, double[]> found = new HashMap<>();
    List<S2ClosestPointQuery.Result<Integer>> results = new ArrayList<>();
    S2Point a = point(route, 0);
    double before = 0;
    if (route.size() == 1) {
      query.findClosestPoints(results, a);
      keep(results, a, a, r2, 0, found);
    }
    for (int i = 1; i < route.size(); i++) {
      S2Point b = point(route, i);
      results.clear();
      query.findClosestPointsToEdge(results, a, b);
      keep(results, a, b, r2, before, found);
      before += a.angle(b);
      a = b;
    }
    List<Map.Entry<Integer, double[]>> entries = new ArrayList<>(found.entrySet());
    if (limit > 0) {
      entries.sort((x, y) -> {
        int c = Double.compare(x.getValue()[1], y.getValue()[1]);
        return c != 0 ? c : locations.id(x.getKey()).compareTo(locations.id(y.getKey()));
      });
    }
    List<String> ids = new ArrayList<>();
    for (Map.Entry<Integer, double[]> e : entries) {
      if (limit > 0 && ids.size() == limit) {
        break;
      }
      ids.add(locations.id(e.getKey()));
    }
    return ids;
  }

  private static void keep(List<S2ClosestPointQuery.Result<Integer>> results, S2Point a, S2Point b,
      double r2, double before, Map<Integer, double[]> found) {
    for (S2ClosestPointQuery.Result<Integer> result : results) {
      S2Point x = result.entry().point();
      if (S2Predicates.compareEdgeDistance(x, a, b, r2) > 0) {
        continue;
      }
      S2Point onEdge = S2EdgeUtil.getClosestPoint(x, a, b);
      double d2 = x.getDistance2(onEdge);
      double[] best = found.get(result.entry().data());
      if (best == null) {
        found.put(result.entry().data(), new double[] {d2, before + a.angle(onEdge)});
      } else if (d2 < best[0]) {
        best[0] = d2;
        best[1] = before + a.angle(onEdge);
      }
    }
  }

  private static S2Point point(Route route, int i) {
    return S2LatLng.fromDegrees(route.latDegrees(i), route.lonDegrees(i)).toPoint();
  }
}
