package io.corridor.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corridor.core.geo.Corridor;
import io.corridor.core.geo.Route;
import io.corridor.formats.PolylineCodec;
import io.corridor.core.location.LocationSet;
import io.corridor.synthetic.Region;
import io.corridor.synthetic.SyntheticLocations;
import io.corridor.index.LocationIndex;
import java.math.BigDecimal;
import java.util.SplittableRandom;

/** Routes, locations and request bodies shared by the server's tests. */
final class Fixtures {
  /** Lausanne, Fribourg, Bern, Olten, Zürich: about 200 km across the Swiss plateau. */
  static final double[] LATS = {46.5197, 46.8065, 46.9480, 47.3499, 47.3769};
  static final double[] LONS = {6.6323, 7.1620, 7.4474, 7.9077, 8.5417};

  private Fixtures() {}

  static Route route() {
    return Route.of(LATS, LONS);
  }

  static String polyline() {
    return PolylineCodec.encode(LATS, LONS, 5);
  }

  /** The route as decoded from its polyline at precision 5, as the server sees a GET search's. */
  static Route polylineRoute() {
    return PolylineCodec.decode(polyline(), 5);
  }

  /** {@code n} locations of 1 to 3 points scattered within about 30 km of the route. */
  static LocationSet locations(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    LocationSet.Builder b = LocationSet.builder();
    for (int i = 0; i < n; i++) {
      int v = r.nextInt(LATS.length - 1);
      double t = r.nextDouble();
      double lat = LATS[v] + t * (LATS[v + 1] - LATS[v]) + (r.nextDouble() - 0.5) * 0.5;
      double lon = LONS[v] + t * (LONS[v + 1] - LONS[v]) + (r.nextDouble() - 0.5) * 0.7;
      int loc = b.location("loc-" + i, null);
      int points = 1 + r.nextInt(3);
      for (int p = 0; p < points; p++) {
        b.point(loc, lat + p * 0.001, lon + p * 0.001);
      }
    }
    return b.build();
  }

  /** The GeoJSON LineString of the route. */
  static ObjectNode lineString() {
    ObjectNode g = TestServer.JSON.createObjectNode().put("type", "LineString");
    ArrayNode c = g.putArray("coordinates");
    for (int i = 0; i < LATS.length; i++) {
      c.addArray().add(LONS[i]).add(LATS[i]);
    }
    return g;
  }

  /** The body of a filter request over {@code set}. */
  static ObjectNode filterBody(LocationSet set, double radius) {
    ObjectNode body = TestServer.JSON.createObjectNode();
    body.set("route", lineString());
    body.put("radius_m", radius);
    ArrayNode locs = body.putArray("locations");
    for (int i = 0; i < set.size(); i++) {
      ObjectNode l = locs.addObject().put("id", set.id(i));
      ArrayNode pts = l.putArray("points");
      for (int p = set.pointStart(i); p < set.pointEnd(i); p++) {
        pts.addArray().add(set.lonDegrees(p)).add(set.latDegrees(p));
      }
      l.putObject("properties").put("n", i);
    }
    return body;
  }

  /** Metres as the server writes them: three decimals. */
  static String metres(double m) {
    return BigDecimal.valueOf(Math.round(m * 1000), 3).toPlainString();
  }

  /** The demo index of the tests' size, as the server builds it. */
  static LocationIndex demoIndex() throws Exception {
    return CorridorLibrary.demo(TestServer.DEMO_LOCATIONS);
  }

  /** The locations of an index as a set, for the haversine oracle. */
  static LocationSet asSet(LocationIndex index) {
    LocationSet.Builder b = LocationSet.builder();
    for (int i = 0; i < index.size(); i++) {
      int loc = b.location(index.id(i), null);
      for (int p = index.pointStart(i); p < index.pointEnd(i); p++) {
        b.point(loc, index.latDegrees(p), index.lonDegrees(p));
      }
    }
    return b.build();
  }

  static Corridor corridor(double radius) {
    return Corridor.of(route(), radius);
  }

  static SyntheticLocations synthetic() {
    return SyntheticLocations.create(CorridorLibrary.DEMO_SEED, Region.EUROPE);
  }
}
