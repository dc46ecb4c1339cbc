package io.corridor.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.corridor.core.InvalidInputException;
import io.corridor.core.geo.Route;
import org.junit.jupiter.api.Test;

class RouteTextTest {

  /** Google's documented example of the encoded polyline algorithm. */
  @Test
  void decodesGooglesExamplePolyline() {
    Route route = RouteText.parse("_p~iF~ps|U_ulLnnqC_mqNvxq`@");
    assertThat(route.latitudes()).containsExactly(38.5, 40.7, 43.252);
    assertThat(route.longitudes()).containsExactly(-120.2, -120.95, -126.453);
  }

  @Test
  void readsTheSameRouteFromWktAndGeoJson() {
    Route wkt = RouteText.parse(" linestring ( -120.2 38.5, -120.95 40.7,-126.453 43.252 ) ");
    Route geoJson = RouteText.parse(
        "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"LineString\","
            + "\"coordinates\":[[-120.2,38.5],[-120.95,40.7],[-126.453,43.252,12]]}}");
    assertThat(wkt.latitudes()).containsExactly(38.5, 40.7, 43.252);
    assertThat(wkt.longitudes()).containsExactly(-120.2, -120.95, -126.453);
    assertThat(geoJson).isEqualTo(wkt);
    assertThat(RouteText.parse("POINT(6.5 46.5)").latitudes()).containsExactly(46.5);
    assertThat(RouteText.parse("{\"type\":\"Point\",\"coordinates\":[6.5,46.5]}").longitudes())
        .containsExactly(6.5);
  }

  @Test
  void refusesBrokenRoutesNamingThePlace() {
    assertError("LINESTRING (1 2, 3)", "WKT character 19 (')'): expected the latitude of vertex 2");
    assertError("LINESTRING (1 2, 3 x)", "WKT character 20 ('x'): expected the latitude of vertex 2");
    assertError("LINESTRING (1 2) junk", "WKT character 18 ('j'): unexpected text");
    assertError("LINESTRING EMPTY", "the route has no vertex");
    assertError("POLYGON ((0 0, 1 0, 1 1, 0 0))", "WKT POLYGON is not a route");
    assertError("LINESTRING (1 95, 2 3)", "route vertex 1: latitude 95.0 is outside [-90, 90]");
    assertError("LINESTRING (0 0, 180 0)", "antipodal");
    assertError("{\"type\":\"Polygon\",\"coordinates\":[]}", "GeoJSON Polygon is not a route");
    assertError("{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,\"x\"]]}",
        "LineString: coordinates[1][1]: \"x\" is not a number");
    assertError("{\"type\":", "GeoJSON route is not valid JSON");
    assertError("_p~iF~ps|U_ulLnnqC_mqNvxq", "polyline ends in the middle of vertex 3");
    assertError("_p~iF ~ps|U", "polyline character 6 (U+0020)");
    assertError("", "route is empty");
  }

  private static void assertError(String route, String message) {
    assertThatThrownBy(() -> RouteText.parse(route))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message);
  }
}
