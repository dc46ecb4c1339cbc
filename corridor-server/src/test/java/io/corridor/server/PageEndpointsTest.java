package io.corridor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The web page's files and {@code POST /v1/corridor} over real HTTP: content types, caching and
 * security headers, nothing but the page's files reachable, and the outline's answers and errors.
 */
class PageEndpointsTest {
  private static TestServer http;

  @BeforeAll
  static void start() throws Exception {
    http = TestServer.start(TestServer.settings());
  }

  @AfterAll
  static void stop() throws Exception {
    http.close();
  }

  @Test
  void thePageIsServedWithItsPolicyAndValidators() throws Exception {
    HttpResponse<String> page = http.get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'self'").contains("script-src 'self'").doesNotContain("http");
    assertThat(page.body()).contains("/webjars/leaflet/dist/leaflet.js").contains("/web/app.js");
    String etag = page.headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> again = http.client.send(HttpRequest.newBuilder(http.uri("/"))
        .header("If-None-Match", etag).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();

    HttpResponse<String> head = http.client.send(HttpRequest.newBuilder(http.uri("/"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void eachFileHasItsContentType() throws Exception {
    assertType("/web/app.js", "text/javascript; charset=utf-8");
    assertType("/web/app.css", "text/css; charset=utf-8");
    assertType("/webjars/leaflet/dist/leaflet.js", "text/javascript; charset=utf-8");
    assertType("/webjars/leaflet/dist/leaflet.css", "text/css; charset=utf-8");
    assertType("/webjars/leaflet/dist/images/layers.png", "image/png");
    assertType("/web/config.json", "application/json");
    JsonNode world = TestServer.json(assertType("/web/world-110m.geojson", "application/geo+json"));
    assertThat(world.get("type").asText()).isEqualTo("FeatureCollection");
    JsonNode config = TestServer.json(http.get("/web/config.json"));
    assertThat(config.get("max_radius_m").asDouble()).isEqualTo(http.server.settings().maxRadiusMeters());
    assertThat(config.has("tile_url")).isFalse();
  }

  @Test
  void aConfiguredTileServerIsOfferedAndAllowed() throws Exception {
    String url = "https://{s}.tiles.example.org:8443/{z}/{x}/{y}.png";
    try (TestServer tiles = TestServer.start(TestServer.settings("tile-url", url))) {
      assertThat(TestServer.json(tiles.get("/web/config.json")).get("tile_url").asText()).isEqualTo(url);
      assertThat(tiles.get("/").headers().firstValue("Content-Security-Policy").orElseThrow())
          .contains("img-src 'self' data: blob: https://*.tiles.example.org:8443;");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiles.example.org/{z}/{x}/{y}.png", "file:///etc/{z}.png", "javascript:alert(1)",
    "https:// bad/{z}"})
  void aTileUrlThatIsNotHttpIsRefused(String url) {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServer.settings("tile-url", url))
        .isInstanceOf(io.corridor.core.InvalidInputException.class).hasMessageContaining("--tile-url");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "/web/", "/web", "/web/index.html", "/web/../pom.xml", "/web/%2e%2e/pom.xml", "/web/..%2fpom.xml",
    "/web/%2e%2e%2f%2e%2e%2fpom.xml", "/web/..\\..\\pom.xml", "/web//app.js", "/WEB/app.js", "/web/app.js/",
    "/web/app.js%00", "/web/app.js;x=1", "/webjars/leaflet/dist/../package.json",
    "/webjars/leaflet/1.9.4/dist/leaflet.js", "/webjars/leaflet/dist/leaflet-src.js",
    "/META-INF/MANIFEST.MF", "/io/corridor/server/openapi.json", "/web/WebHandler.class",
    "/%2e%2e/%2e%2e/etc/passwd", "/web/%252e%252e/pom.xml"})
  void nothingElseIsReachable(String path) throws Exception {
    String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    int status = http.raw(request.getBytes(StandardCharsets.ISO_8859_1));
    assertThat(status).as(path).isIn(400, 404);
  }

  @Test
  void otherMethodsOnThePageAreProblems() throws Exception {
    HttpResponse<String> post = http.post("/", "{}");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(http.post("/web/app.js", "{}").statusCode()).isEqualTo(404);
  }

  @Test
  void theOutlineCrossesTheAntimeridianInPieces() throws Exception {
    HttpResponse<String> r = http.post("/v1/corridor", "{\"route\": {\"type\": \"LineString\","
        + " \"coordinates\": [[179.5, 10], [-179.6, 10.2]]}, \"radius_m\": 20000}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Server-Timing").orElseThrow())
        .contains("parse;dur=").contains("covering;dur=").contains("serialize;dur=");
    JsonNode outline = TestServer.json(r);
    JsonNode box = outline.get("bbox");
    assertThat(box.get(0).asDouble()).as("west beyond east: across the antimeridian").isGreaterThan(box.get(2).asDouble());
    JsonNode feature = outline.get("features").get(0);
    assertThat(feature.get("geometry").get("type").asText()).isEqualTo("MultiPolygon");
    assertThat(feature.get("properties").get("radius_m").asDouble()).isEqualTo(20000);
    boolean east = false;
    boolean west = false;
    for (JsonNode polygon : feature.get("geometry").get("coordinates")) {
      JsonNode ring = polygon.get(0);
      assertThat(ring.get(0)).isEqualTo(ring.get(ring.size() - 1));
      for (JsonNode p : ring) {
        double lon = p.get(0).asDouble();
        assertThat(lon).isBetween(-180.0, 180.0);
        east |= lon > 179;
        west |= lon < -179;
      }
    }
    assertThat(east && west).isTrue();
  }

  @Test
  void aPolylineRouteIsOutlinedToo() throws Exception {
    HttpResponse<String> r = http.post("/v1/corridor",
        "{\"route\": {\"polyline\": \"_p~iF~ps|U_ulLnnqC_mqNvxq`@\", \"precision\": 5}, \"radius_m\": 500}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(TestServer.json(r).get("features").get(0).get("properties").get("route_vertices").asInt()).isEqualTo(3);
  }

  @Test
  void badRequestsNameTheField() throws Exception {
    assertProblem("{\"route\": {\"type\": \"Point\", \"coordinates\": [6.6, 46.5]}}", 400, "/radius_m");
    assertProblem("{\"radius_m\": 10}", 400, "/route");
    assertProblem("{\"route\": {\"type\": \"Point\", \"coordinates\": [6.6, 46.5]}, \"radius_m\": 0}", 422, "/radius_m");
    assertProblem("{\"route\": {\"type\": \"Point\", \"coordinates\": [6.6, 46.5]}, \"radius_m\": 1e9}", 413, "/radius_m");
    assertProblem("{\"route\": {\"type\": \"LineString\", \"coordinates\": [[6.6, 46.5], [6.7, 91]]}, \"radius_m\": 5}",
        422, "/route/coordinates/1/1");
    assertProblem("{\"route\": {\"type\": \"Point\", \"coordinates\": [6.6, 46.5]}, \"radius_m\": 5, \"limit\": 3}",
        400, "/limit");
    HttpResponse<String> get = http.get("/v1/corridor");
    assertThat(get.statusCode()).isEqualTo(405);
  }

  @Test
  void coordinatesAreWrittenAsPlainDecimals() {
    for (double v : new double[] {0, 10, -10, 179.5, -179.9999999, 0.0000001, -0.0000012, 46.5105, 90, -180}) {
      String text = CorridorResource.fixed7(Math.round(v * 1e7));
      assertThat(text).as("%s", v).matches("-?[0-9]+(\\.[0-9]*[1-9])?");
      assertThat(new java.math.BigDecimal(text)).as("%s", v)
          .isEqualByComparingTo(java.math.BigDecimal.valueOf(Math.round(v * 1e7), 7));
    }
  }

  private static void assertProblem(String body, int status, String pointer) throws Exception {
    HttpResponse<String> r = http.post("/v1/corridor", body);
    assertThat(r.statusCode()).as(body + " → " + r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(TestServer.json(r).get("pointer").asText()).as(r.body()).isEqualTo(pointer);
  }

  private static HttpResponse<String> assertType(String path, String type) throws Exception {
    HttpResponse<String> r = http.get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    assertThat(r.headers().allValues("Content-Type")).as(path).isEqualTo(List.of(type));
    assertThat(r.headers().firstValue("ETag")).as(path).isPresent();
    return r;
  }
}
