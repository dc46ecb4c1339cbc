package io.corridor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corridor.core.InvalidInputException;
import io.corridor.core.filter.Strategy;
import io.corridor.core.location.LocationSet;
import io.corridor.formats.PolylineCodec;
import io.corridor.index.LocationIndex;
import io.corridor.index.LocationIndexBuilder;
import io.corridor.index.Snapshot;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The settings that force the server into the modes the benchmarks compare. {@code filter-strategy}
 * must not change a filter's answer, only its speed; {@code search-answer=bbox} must send exactly
 * the locations a scan of the served index finds in the box it declares, a box that holds every
 * location the exact search finds. Served: a snapshot of locations along the Swiss plateau, across
 * the antimeridian near Fiji and round the north pole.
 */
class BenchmarkSettingsTest {
  private static final String[] CATEGORIES = {"fuel", "charging_station", "hotel", null};
  private static final int SMALL_MAX = 100;

  private static Path dir;
  private static LocationIndex served;
  private static TestServer exact;
  private static TestServer baselineBox;
  private static TestServer preBbox;
  private static TestServer smallBox;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("corridor-bench-settings");
    Path snapshot = dir.resolve("world.idx");
    Snapshot.write(world(), snapshot);
    served = LocationIndex.open(snapshot);
    String file = snapshot.toString();
    exact = TestServer.start(TestServer.settings("index", file));
    baselineBox = TestServer.start(TestServer.settings("index", file, "filter-strategy", "baseline", "search-answer", "bbox"));
    preBbox = TestServer.start(TestServer.settings("index", file, "filter-strategy", "PRE_BBOX"));
    smallBox = TestServer.start(TestServer.settings("index", file, "search-answer", "bbox",
        "max-filter-locations", Integer.toString(SMALL_MAX)));
  }

  @AfterAll
  static void stop() throws Exception {
    for (TestServer s : new TestServer[] {exact, baselineBox, preBbox, smallBox}) {
      if (s != null) {
        s.close();
      }
    }
    served.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void theIndexSaysWhichStrategyAndAnswerItServes() throws Exception {
    assertSettings(exact, "fast", "exact");
    assertSettings(baselineBox, "baseline", "bbox");
    assertSettings(preBbox, "pre_bbox", "exact");
    assertSettings(smallBox, "fast", "bbox");
  }

  @Test
  void everyFilterStrategyAnswersAsTheFastOne() throws Exception {
    List<String> bodies = new ArrayList<>();
    for (double radius : new double[] {300, 2_500, 12_000}) {
      bodies.add(Fixtures.filterBody(Fixtures.locations(3_000, (long) radius), radius).toString());
    }
    ObjectNode polyline = Fixtures.filterBody(Fixtures.locations(2_000, 11), 4_000);
    polyline.putObject("route").put("polyline", Fixtures.polyline()).put("precision", 5);
    bodies.add(polyline.toString());
    SplittableRandom rnd = new SplittableRandom(17);
    bodies.add(filterBody(new double[] {-18, -16.5, -17.2}, new double[] {177.5, -179.5, -178}, 20_000, rnd, -17, 179));
    bodies.add(filterBody(new double[] {84, 89.5, 86}, new double[] {10, 100, -150}, 60_000, rnd, 87, 0));
    bodies.add(filterBody(new double[] {46.8}, new double[] {7.2}, 5_000, rnd, 46.8, 7.2));
    int matches = 0;
    for (String body : bodies) {
      HttpResponse<String> fast = exact.post("/v1/filter", body);
      assertThat(fast.statusCode()).as(fast.body()).isEqualTo(200);
      matches += TestServer.json(fast).get("matches").size();
      for (TestServer other : new TestServer[] {baselineBox, preBbox}) {
        HttpResponse<String> r = other.post("/v1/filter", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(TestServer.json(r).get("matches")).isEqualTo(TestServer.json(fast).get("matches"));
      }
    }
    assertThat(matches).as("matches compared").isGreaterThan(1_000);
  }

  @Test
  void aBoxAnswerIsTheScanOfTheDeclaredBoxAndHoldsTheExactAnswer() throws Exception {
    int sent = 0;
    for (Object[] c : new Object[][] {
        {Fixtures.lineString(), 3_000.0, List.<String>of()},
        {Fixtures.lineString(), 800.0, List.of("fuel", "hotel")},
        {lineString(new double[] {-18, -16.5, -17.2}, new double[] {177.5, -179.5, -178}), 15_000.0, List.<String>of()},
        {lineString(new double[] {-17.5, -16.9}, new double[] {179.2, 179.9}), 30_000.0, List.of("charging_station")},
        {lineString(new double[] {88, 89.9}, new double[] {20, 60}), 5_000.0, List.<String>of()},
        {lineString(new double[] {46.9}, new double[] {7.4}), 9_000.0, List.<String>of()},
        {lineString(new double[] {0, 1}, new double[] {0, 1}), 1_000.0, List.<String>of()},
    }) {
      ObjectNode body = TestServer.JSON.createObjectNode();
      body.set("route", (JsonNode) c[0]);
      body.put("radius_m", (double) c[1]).put("limit", 3);
      @SuppressWarnings("unchecked")
      List<String> categories = (List<String>) c[2];
      if (!categories.isEmpty()) {
        ArrayNode a = body.putArray("categories");
        categories.forEach(a::add);
      }
      HttpResponse<String> r = baselineBox.post("/v1/search", body.toString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode fc = TestServer.json(r);
      double[] box = box(fc);
      Set<String> got = ids(fc.get("features"), box, categories);
      // Every location with a point in the declared box, whatever the limit asked.
      assertThat(got).as("box %s", fc.get("bbox")).isEqualTo(scan(box, categories));
      sent += got.size();

      // The exact search of the same request, all of it, lies in the box.
      body.put("limit", 10_000);
      JsonNode exactAnswer = TestServer.json(exact.post("/v1/search", body.toString()));
      for (JsonNode f : exactAnswer.get("features")) {
        assertThat(got).as("exact answer %s", f.get("id")).contains(f.get("id").asText());
      }
      assertThat(got.size()).isGreaterThanOrEqualTo(exactAnswer.get("features").size());
    }
    assertThat(sent).as("locations sent").isGreaterThan(500);
  }

  @Test
  void theGetSearchAnswersTheSameBox() throws Exception {
    String query = "/v1/search?polyline=" + URLEncoder.encode(Fixtures.polyline(), StandardCharsets.UTF_8)
        + "&radius_m=2000&limit=1&categories=fuel,charging_station";
    HttpResponse<String> r = baselineBox.get(query);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode fc = TestServer.json(r);
    double[] box = box(fc);
    List<String> categories = List.of("fuel", "charging_station");
    assertThat(ids(fc.get("features"), box, categories)).isEqualTo(scan(box, categories)).hasSizeGreaterThan(10);
    // The route as the polyline gives it: its vertices lie in the box.
    var route = PolylineCodec.decode(Fixtures.polyline(), 5);
    for (int i = 0; i < route.size(); i++) {
      assertThat(inBox(box, route.latDegrees(i), route.lonDegrees(i))).isTrue();
    }
  }

  @Test
  void aBoxHoldingMoreThanMaxFilterLocationsIsRefused() throws Exception {
    ObjectNode body = TestServer.JSON.createObjectNode();
    body.set("route", Fixtures.lineString());
    body.put("radius_m", 20_000);
    HttpResponse<String> tooMany = smallBox.post("/v1/search", body.toString());
    assertThat(scan(box(TestServer.json(baselineBox.post("/v1/search", body.toString()))), List.of()))
        .hasSizeGreaterThan(SMALL_MAX);
    EndpointsTest.assertProblem(tooMany, 413, "/route");
    assertThat(TestServer.json(tooMany).get("detail").asText()).contains("max-filter-locations");

    // One that holds at most the limit is answered in full.
    body.set("route", lineString(new double[] {46.9}, new double[] {7.4}));
    body.put("radius_m", 3_000).putArray("categories").add("hotel").add("fuel");
    HttpResponse<String> few = smallBox.post("/v1/search", body.toString());
    assertThat(few.statusCode()).as(few.body()).isEqualTo(200);
    JsonNode fc = TestServer.json(few);
    List<String> categories = List.of("hotel", "fuel");
    Set<String> expected = scan(box(fc), categories);
    assertThat(expected).hasSizeBetween(1, SMALL_MAX);
    assertThat(ids(fc.get("features"), box(fc), categories)).isEqualTo(expected);
  }

  @Test
  void aBoxHoldingExactlyTheMostIsSentAndOneMoreIsRefused() {
    double[] box = {6.8, 46.6, 7.6, 47.0};
    int n = scan(box, List.of()).size();
    assertThat(n).isGreaterThan(10);
    List<Hit> hits = CorridorLibrary.inBox(served, box, Set.of(), n);
    assertThat(hits).extracting(Hit::id).containsExactlyInAnyOrderElementsOf(scan(box, List.of()));
    assertThat(hits).allSatisfy(h -> assertThat(h.distanceMeters()).isNaN());
    assertThatThrownBy(() -> CorridorLibrary.inBox(served, box, Set.of(), n - 1))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(413));
  }

  @Test
  void aBadValueIsRefusedNamingTheFlagTheVariableOrTheFileKey() throws Exception {
    ServerSettings defaults = ServerSettings.defaults();
    assertThat(defaults.filterStrategy()).isEqualTo(Strategy.FAST);
    assertThat(defaults.searchAnswer()).isEqualTo(SearchAnswer.EXACT);
    assertThat(ServerSettings.resolve(Map.of(), Map.of("CORRIDOR_FILTER_STRATEGY", "Baseline",
        "CORRIDOR_SEARCH_ANSWER", "BBOX"), null))
        .satisfies(s -> assertThat(s.filterStrategy()).isEqualTo(Strategy.BASELINE))
        .satisfies(s -> assertThat(s.searchAnswer()).isEqualTo(SearchAnswer.BBOX));

    assertThatThrownBy(() -> ServerSettings.resolve(Map.of(Setting.FILTER_STRATEGY, "quickest"), Map.of(), null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("--filter-strategy")
        .hasMessageContaining("quickest").hasMessageContaining("pre_bbox");
    assertThatThrownBy(() -> ServerSettings.resolve(Map.of(), Map.of("CORRIDOR_SEARCH_ANSWER", "box"), null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("CORRIDOR_SEARCH_ANSWER")
        .hasMessageContaining("box").hasMessageContaining("exact or bbox");
    assertThatThrownBy(() -> ServerSettings.resolve(Map.of(Setting.SEARCH_ANSWER, ""), Map.of(), null))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("--search-answer");
    Path yaml = dir.resolve("bench.yaml");
    Files.writeString(yaml, "filter-strategy: haversine\n");
    assertThatThrownBy(() -> ServerSettings.resolve(Map.of(), Map.of(), yaml))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("bench.yaml").hasMessageContaining("filter-strategy");
  }

  // Oracle: a scan of every location of the served index.

  private static Set<String> scan(double[] box, List<String> categories) {
    Set<String> found = new TreeSet<>();
    for (int loc = 0; loc < served.size(); loc++) {
      String category = served.category(loc);
      if (!categories.isEmpty() && (category == null || !categories.contains(category))) {
        continue;
      }
      for (int p = served.pointStart(loc); p < served.pointEnd(loc); p++) {
        if (inBox(box, served.latDegrees(p), served.lonDegrees(p))) {
          found.add(served.id(loc));
          break;
        }
      }
    }
    return found;
  }

  private static boolean inBox(double[] box, double lat, double lon) {
    if (lat < box[1] || lat > box[3]) {
      return false;
    }
    return inLongitudes(box, lon) || (Math.abs(lon) == 180 && inLongitudes(box, -lon));
  }

  private static boolean inLongitudes(double[] box, double lon) {
    return box[0] <= box[2] ? box[0] <= lon && lon <= box[2] : lon >= box[0] || lon <= box[2];
  }

  /** The declared box, checked to be an RFC 7946 box. */
  private static double[] box(JsonNode fc) {
    assertThat(fc.get("type").asText()).isEqualTo("FeatureCollection");
    JsonNode b = fc.get("bbox");
    assertThat(b).as("bbox").hasSize(4);
    double[] box = {b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble()};
    assertThat(box[0]).isBetween(-180.0, 180.0);
    assertThat(box[2]).isBetween(-180.0, 180.0);
    assertThat(box[1]).isBetween(-90.0, box[3]);
    assertThat(box[3]).isLessThanOrEqualTo(90);
    assertThat(fc.has("continuation")).isFalse();
    return box;
  }

  /**
   * The features' ids, each checked against the served index: once only, no distance or offset,
   * its category among those asked, its points the index's, one of them in the box.
   */
  private static Set<String> ids(JsonNode features, double[] box, List<String> categories) {
    Map<String, Integer> byId = new java.util.HashMap<>();
    for (int loc = 0; loc < served.size(); loc++) {
      byId.put(served.id(loc), loc);
    }
    Set<String> ids = new HashSet<>();
    for (JsonNode f : features) {
      String id = f.get("id").asText();
      assertThat(ids.add(id)).as("%s sent once", id).isTrue();
      JsonNode p = f.get("properties");
      assertThat(p.has("distance_m") || p.has("offset_m")).as(f.toString()).isFalse();
      int loc = byId.get(id);
      if (!categories.isEmpty()) {
        assertThat(categories).as(f.toString()).contains(p.path("category").asText());
      }
      JsonNode c = f.get("geometry").get("coordinates");
      boolean single = f.get("geometry").get("type").asText().equals("Point");
      int n = served.pointEnd(loc) - served.pointStart(loc);
      assertThat(single ? 1 : c.size()).isEqualTo(n);
      boolean inside = false;
      for (int k = 0; k < n; k++) {
        JsonNode pt = single ? c : c.get(k);
        double lon = pt.get(0).asDouble();
        double lat = pt.get(1).asDouble();
        assertThat(lat).isEqualTo(served.latDegrees(served.pointStart(loc) + k));
        assertThat(lon).isEqualTo(served.lonDegrees(served.pointStart(loc) + k));
        inside |= inBox(box, lat, lon);
      }
      assertThat(inside).as("%s has a point in %s", id, java.util.Arrays.toString(box)).isTrue();
    }
    return new TreeSet<>(ids);
  }

  // The served locations and the requests.

  /**
   * Locations along the Swiss plateau (the fixtures' route), across the antimeridian near Fiji and
   * round the north pole, one in four with several points, some of them at ±180.
   */
  private static LocationIndex world() {
    SplittableRandom rnd = new SplittableRandom(2026);
    LocationIndexBuilder b = LocationIndex.builder();
    LocationSet swiss = Fixtures.locations(4_000, 5);
    for (int i = 0; i < swiss.size(); i++) {
      int from = swiss.pointStart(i);
      int to = swiss.pointEnd(i);
      b.add(swiss.id(i), java.util.Arrays.copyOfRange(swiss.latitudesView(), from, to),
          java.util.Arrays.copyOfRange(swiss.longitudesView(), from, to), "swiss " + i,
          CATEGORIES[rnd.nextInt(CATEGORIES.length)], null);
    }
    for (int i = 0; i < 3_000; i++) {
      boolean polar = i % 3 == 0;
      double lat = polar ? 84 + 6 * rnd.nextDouble() : -19 + 4 * rnd.nextDouble();
      double lon = polar ? -180 + 360 * rnd.nextDouble()
          : rnd.nextInt(20) == 0 ? (rnd.nextBoolean() ? 180 : -180) : wrap(176 + 8 * rnd.nextDouble());
      int points = rnd.nextInt(4) == 0 ? 2 + rnd.nextInt(2) : 1;
      double[] lats = new double[points];
      double[] lons = new double[points];
      for (int k = 0; k < points; k++) {
        lats[k] = Math.min(90, lat + 0.3 * k * rnd.nextDouble());
        lons[k] = wrap(lon + 0.3 * k * rnd.nextDouble());
      }
      b.add((polar ? "polar-" : "fiji-") + i, lats, lons, null, CATEGORIES[rnd.nextInt(CATEGORIES.length)], null);
    }
    return b.build();
  }

  /** A filter body: this route, and 1 500 locations of one to three points round a centre. */
  private static String filterBody(double[] lat, double[] lon, double radius, SplittableRandom rnd,
      double centreLat, double centreLon) {
    ObjectNode body = TestServer.JSON.createObjectNode();
    body.set("route", lineString(lat, lon));
    body.put("radius_m", radius);
    ArrayNode locs = body.putArray("locations");
    for (int i = 0; i < 1_500; i++) {
      ArrayNode pts = locs.addObject().put("id", "p" + i).putArray("points");
      double la = Math.max(-90, Math.min(90, centreLat + 3 * (2 * rnd.nextDouble() - 1)));
      double lo = wrap(centreLon + (Math.abs(centreLat) > 80 ? 180 : 3) * (2 * rnd.nextDouble() - 1));
      for (int k = 0; k < 1 + rnd.nextInt(3); k++) {
        pts.addArray().add(wrap(lo + 0.01 * k)).add(Math.min(90, la + 0.01 * k));
      }
    }
    return body.toString();
  }

  private static ObjectNode lineString(double[] lat, double[] lon) {
    ObjectNode g = TestServer.JSON.createObjectNode();
    if (lat.length == 1) {
      g.put("type", "Point").putArray("coordinates").add(lon[0]).add(lat[0]);
      return g;
    }
    g.put("type", "LineString");
    ArrayNode c = g.putArray("coordinates");
    for (int i = 0; i < lat.length; i++) {
      c.addArray().add(lon[i]).add(lat[i]);
    }
    return g;
  }

  private static void assertSettings(TestServer s, String strategy, String answer) throws Exception {
    JsonNode index = TestServer.json(s.get("/v1/index"));
    assertThat(index.get("filter_strategy").asText()).isEqualTo(strategy);
    assertThat(index.get("search_answer").asText()).isEqualTo(answer);
  }

  private static double wrap(double lon) {
    return ((lon + 180) % 360 + 360) % 360 - 180;
  }
}
