package io.corridor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corridor.core.filter.FastFilter;
import io.corridor.core.filter.Match;
import io.corridor.core.filter.Strategy;
import io.corridor.core.location.LocationSet;
import io.corridor.index.IndexMatch;
import io.corridor.index.LocationIndex;
import io.corridor.index.SearchOptions;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every endpoint over real HTTP, answers compared with the library's and a haversine oracle's. */
class EndpointsTest {
  private static TestServer http;
  private static LocationIndex demo;

  @BeforeAll
  static void start() throws Exception {
    http = TestServer.start(TestServer.settings("max-limit", "500"));
    demo = Fixtures.demoIndex();
  }

  @AfterAll
  static void stop() throws Exception {
    http.close();
  }

  @Test
  void filterAnswersAsTheLibraryAndTheHaversineOracle() throws Exception {
    LocationSet set = Fixtures.locations(3000, 7);
    double radius = 2500;
    HttpResponse<String> r = http.post("/v1/filter", Fixtures.filterBody(set, radius).toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode matches = TestServer.json(r).get("matches");

    List<Match> expected = FastFilter.singleThreaded().filter(Fixtures.corridor(radius), set);
    assertThat(expected).hasSizeGreaterThan(100);
    assertThat(matches).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      Match m = expected.get(i);
      assertThat(matches.get(i).get("id").asText()).isEqualTo(set.id(m.location()));
      assertThat(matches.get(i).get("distance_m").asText()).isEqualTo(Fixtures.metres(m.distanceMeters()));
      assertThat(matches.get(i).get("offset_m").asText()).isEqualTo(Fixtures.metres(m.offsetMeters()));
    }
    // The haversine baseline, another implementation of the same contract.
    Map<String, JsonNode> byId = new HashMap<>();
    matches.forEach(m -> byId.put(m.get("id").asText(), m));
    for (Match m : Strategy.BASELINE.filter().filter(Fixtures.corridor(radius), set)) {
      JsonNode got = byId.remove(set.id(m.location()));
      if (got == null) {
        assertThat(m.distanceMeters()).isGreaterThan(radius - 0.05);
        continue;
      }
      assertThat(got.get("distance_m").asDouble()).isCloseTo(m.distanceMeters(), within(0.011));
      assertThat(got.get("offset_m").asDouble()).isCloseTo(m.offsetMeters(), within(1.0));
    }
    byId.values().forEach(m -> assertThat(m.get("distance_m").asDouble()).isGreaterThan(radius - 0.05));
  }

  @Test
  void filterTakesGzipBodiesAndPolylines() throws Exception {
    LocationSet set = Fixtures.locations(500, 8);
    ObjectNode body = Fixtures.filterBody(set, 3000);
    HttpResponse<String> plain = http.post("/v1/filter", body.toString());
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(body.toString().getBytes(StandardCharsets.UTF_8));
    }
    HttpResponse<String> zipped = http.post("/v1/filter", "application/json", gz.toByteArray(),
        Map.of("Content-Encoding", "gzip"));
    assertThat(zipped.statusCode()).isEqualTo(200);
    assertThat(zipped.body()).isEqualTo(plain.body());

    body.putObject("route").put("polyline", Fixtures.polyline()).put("precision", 5);
    HttpResponse<String> viaPolyline = http.post("/v1/filter", body.toString());
    List<Match> expected = FastFilter.singleThreaded().filter(
        io.corridor.core.geo.Corridor.of(Fixtures.polylineRoute(), 3000), set);
    assertThat(TestServer.json(viaPolyline).get("matches")).hasSize(expected.size());
  }

  @Test
  void searchAnswersAsTheIndexInBothMethods() throws Exception {
    double radius = 5000;
    ObjectNode body = TestServer.JSON.createObjectNode();
    body.set("route", Fixtures.lineString());
    body.put("radius_m", radius).put("limit", 500);
    HttpResponse<String> r = http.post("/v1/search", body.toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode fc = TestServer.json(r);
    assertThat(fc.get("type").asText()).isEqualTo("FeatureCollection");
    List<IndexMatch> expected = demo.search(Fixtures.corridor(radius), SearchOptions.all());
    assertThat(expected).hasSizeBetween(20, 500);
    assertFeatures(fc.get("features"), expected);
    assertThat(fc.has("continuation")).isFalse();

    // GET with the polyline: the same search over the decoded route.
    HttpResponse<String> g = http.get("/v1/search?polyline=" + URLEncoder.encode(Fixtures.polyline(), StandardCharsets.UTF_8)
        + "&radius_m=5000&limit=500&sort=distance&categories=fuel,charging_station");
    assertThat(g.statusCode()).as(g.body()).isEqualTo(200);
    List<IndexMatch> expectedGet = demo.search(io.corridor.core.geo.Corridor.of(Fixtures.polylineRoute(), radius),
        SearchOptions.builder().categories(Set.of("fuel", "charging_station")).sort(SearchOptions.Sort.DISTANCE).build());
    assertThat(expectedGet).isNotEmpty();
    assertFeatures(TestServer.json(g).get("features"), expectedGet);
  }

  @Test
  void searchMatchesTheHaversineOracleOverTheDemo() throws Exception {
    double radius = 4000;
    ObjectNode body = TestServer.JSON.createObjectNode();
    body.set("route", Fixtures.lineString());
    body.put("radius_m", radius);
    JsonNode features = TestServer.json(http.post("/v1/search", body.toString())).get("features");
    Map<String, JsonNode> byId = new HashMap<>();
    features.forEach(f -> byId.put(f.get("id").asText(), f));
    LocationSet set = Fixtures.asSet(demo);
    List<Match> oracle = Strategy.BASELINE.filter().filter(Fixtures.corridor(radius), set);
    assertThat(oracle).isNotEmpty();
    for (Match m : oracle) {
      JsonNode f = byId.remove(set.id(m.location()));
      if (f == null) {
        assertThat(m.distanceMeters()).isGreaterThan(radius - 0.05);
      } else {
        assertThat(f.get("properties").get("distance_m").asDouble()).isCloseTo(m.distanceMeters(), within(0.011));
      }
    }
    assertThat(byId).isEmpty();
  }

  @Test
  void pagesOfASearchJoinIntoTheWholeAnswer() throws Exception {
    for (String sort : List.of("offset", "distance")) {
      List<IndexMatch> all = demo.search(Fixtures.corridor(6000), SearchOptions.builder()
          .sort(sort.equals("offset") ? SearchOptions.Sort.OFFSET : SearchOptions.Sort.DISTANCE).build());
      List<String> paged = new ArrayList<>();
      String token = null;
      int pages = 0;
      do {
        ObjectNode body = TestServer.JSON.createObjectNode();
        body.set("route", Fixtures.lineString());
        body.put("radius_m", 6000).put("limit", 37).put("sort", sort);
        if (token != null) {
          body.put("continuation", token);
        }
        JsonNode fc = TestServer.json(http.post("/v1/search", body.toString()));
        assertThat(fc.get("features").size()).isLessThanOrEqualTo(37);
        fc.get("features").forEach(f -> paged.add(f.get("id").asText()));
        token = fc.has("continuation") ? fc.get("continuation").asText() : null;
        pages++;
      } while (token != null && pages < 1000);
      assertThat(paged).containsExactlyElementsOf(all.stream().map(IndexMatch::id).toList());
      assertThat(pages).isEqualTo((all.size() + 36) / 37);
    }
    // A token replayed with another radius is refused.
    ObjectNode body = TestServer.JSON.createObjectNode();
    body.set("route", Fixtures.lineString());
    body.put("radius_m", 6000).put("limit", 5);
    String token = TestServer.json(http.post("/v1/search", body.toString())).get("continuation").asText();
    body.put("radius_m", 7000).put("continuation", token);
    assertProblem(http.post("/v1/search", body.toString()), 400, "/continuation");
  }

  @Test
  void indexHealthMetricsOpenApiAndHome() throws Exception {
    JsonNode index = TestServer.json(http.get("/v1/index"));
    assertThat(index.get("locations").asInt()).isEqualTo(demo.size());
    assertThat(index.get("points").asInt()).isEqualTo(demo.pointCount());
    int sum = 0;
    for (JsonNode n : index.get("categories")) {
      sum += n.asInt();
    }
    assertThat(sum).isEqualTo(demo.size());
    assertThat(index.get("bbox")).hasSize(4);
    assertThat(index.get("source").asText()).isEqualTo("demo");
    assertThat(http.get("/health/live").statusCode()).isEqualTo(200);
    assertThat(TestServer.json(http.get("/health/ready")).get("status").asText()).isEqualTo("ready");
    assertThat(TestServer.json(http.get("/openapi.json")).get("openapi").asText()).startsWith("3.1");
    HttpResponse<String> home = http.get("/");
    assertThat(home.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(home.body()).contains("/openapi.json");

    http.post("/v1/filter", Fixtures.filterBody(Fixtures.locations(10, 1), 1000).toString());
    http.post("/v1/search", "{\"route\":" + Fixtures.lineString() + ",\"radius_m\":3000}");
    String metrics = http.get("/metrics").body();
    assertThat(metrics).contains("corridor_candidates_count{endpoint=\"search\"}");
    for (String name : List.of("corridor_request_seconds_bucket{endpoint=\"filter\"",
        "corridor_request_scheduled_seconds", "corridor_request_phase_seconds_bucket{endpoint=\"filter\",phase=\"exact\"",
        "corridor_candidates", "corridor_matches", "corridor_requests_in_progress", "corridor_requests_queued",
        "corridor_index_locations", "corridor_index_age_seconds", "corridor_index_info{checksum=\"demo:",
        "jvm_memory_used_bytes")) {
      assertThat(metrics).contains(name);
    }
  }

  @Test
  void answersCarryRequestIdAndServerTiming() throws Exception {
    HttpResponse<String> r = http.post("/v1/filter", "application/json",
        Fixtures.filterBody(Fixtures.locations(50, 2), 1000).toString().getBytes(StandardCharsets.UTF_8),
        Map.of("X-Request-Id", "abc-123"));
    assertThat(r.headers().firstValue("X-Request-Id")).hasValue("abc-123");
    assertThat(r.headers().firstValue("Server-Timing").orElse(""))
        .contains("parse;dur=", "covering;dur=", "exact;dur=", "serialize;dur=", "total;dur=");
    assertThat(http.get("/health/live").headers().firstValue("X-Request-Id").orElse("")).hasSize(16);
  }

  @Test
  void eachErrorClassIsAProblemNamingTheField() throws Exception {
    String route = Fixtures.lineString().toString();
    assertProblem(http.post("/v1/filter", "{\"route\":" + route + ",\"radius_m\":\"x\",\"locations\":[]}"), 400, "/radius_m");
    assertProblem(http.post("/v1/filter", "{\"route\":" + route + ",\"radius_m\":0,\"locations\":[]}"), 422, "/radius_m");
    assertProblem(http.post("/v1/filter", "{\"route\":" + route + ",\"radius_m\":1e9,\"locations\":[]}"), 413, "/radius_m");
    assertProblem(http.post("/v1/filter", "{\"route\":{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1],[2,91]]},"
        + "\"radius_m\":5,\"locations\":[]}"), 422, "/route/coordinates/2/1");
    assertProblem(http.post("/v1/filter", "{\"route\":{\"type\":\"LineString\",\"coordinates\":[[0,0],[180,0]]},"
        + "\"radius_m\":5,\"locations\":[]}"), 422, "/route/coordinates");
    assertProblem(http.post("/v1/filter", "{\"route\":" + route + ",\"radius_m\":5,\"locations\":[{\"id\":\"a\",\"points\":[[1,\"2\"]]}]}"),
        400, "/locations/0/points/0/1");
    assertProblem(http.post("/v1/filter", "{\"route\":" + route + ",\"radius_m\":5}"), 400, "/locations");
    assertProblem(http.post("/v1/filter", "{\"route\":" + route + ",\"radius_m\":5,\"locations\":[],\"extra\":1}"), 400, "/extra");
    assertProblem(http.post("/v1/search", "{\"route\":" + route + ",\"radius_m\":5,\"limit\":501}"), 413, "/limit");
    assertProblem(http.post("/v1/search", "{\"route\":" + route + ",\"radius_m\":5,\"sort\":\"name\"}"), 400, "/sort");
    assertProblem(http.post("/v1/filter", "text/plain", "{}".getBytes(StandardCharsets.UTF_8), Map.of()), 415, null);
    assertProblem(http.get("/v1/filter"), 405, null);
    assertThat(http.get("/v1/filter").headers().firstValue("Allow")).hasValue("POST");
    assertProblem(http.get("/v2/nothing"), 404, null);
    assertProblem(http.get("/v1/search?polyline=%7B&radius_m=10"), 400, null);
    HttpResponse<String> badParam = http.get("/v1/search?polyline=" + URLEncoder.encode(Fixtures.polyline(), StandardCharsets.UTF_8) + "&radius_m=-1");
    assertProblem(badParam, 422, null);
    assertThat(TestServer.json(badParam).get("parameter").asText()).isEqualTo("radius_m");
    assertProblem(http.post("/admin/reload", "{}"), 404, null);
  }

  private static void assertFeatures(JsonNode features, List<IndexMatch> expected) {
    assertThat(features).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      IndexMatch m = expected.get(i);
      JsonNode f = features.get(i);
      assertThat(f.get("id").asText()).isEqualTo(m.id());
      JsonNode p = f.get("properties");
      assertThat(p.get("distance_m").asText()).isEqualTo(Fixtures.metres(m.distanceMeters()));
      assertThat(p.get("offset_m").asText()).isEqualTo(Fixtures.metres(m.offsetMeters()));
      assertThat(p.get("name").asText()).isEqualTo(demo.name(m.location()));
      assertThat(p.get("category").asText()).isEqualTo(demo.category(m.location()));
      JsonNode c = f.get("geometry").get("coordinates");
      JsonNode first = f.get("geometry").get("type").asText().equals("Point") ? c : c.get(0);
      assertThat(first.get(0).asDouble()).isEqualTo(demo.lonDegrees(demo.pointStart(m.location())));
      assertThat(first.get(1).asDouble()).isEqualTo(demo.latDegrees(demo.pointStart(m.location())));
    }
  }

  static void assertProblem(HttpResponse<String> r, int status, String pointer) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode p = TestServer.json(r);
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("title").asText()).isNotBlank();
    assertThat(p.get("detail").asText()).isNotBlank();
    if (pointer != null) {
      assertThat(p.get("pointer").asText()).as(p.toString()).isEqualTo(pointer);
    }
  }
}
