package io.corridor.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.core.filter.FastFilter;
import io.corridor.core.filter.Match;
import io.corridor.core.geo.Corridor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The join job on files: the contract's CSV, sorted, against the filter; invalid input refused. */
class JoinJobTest {
  @TempDir static Path dir;
  static Path routes;
  static Path locations;

  @BeforeAll
  static void files() throws IOException {
    LocalSpark.session();
    CorridorJoinTest.data();
    StringBuilder features = new StringBuilder();
    for (Map.Entry<String, Object[]> r : CorridorJoinTest.ROUTE_TEXTS.entrySet()) {
      String geometry = RouteText.parse((String) r.getValue()[0]).size() == 1
          ? point((String) r.getValue()[0]) : lineString((String) r.getValue()[0]);
      features.append(features.length() == 0 ? "" : ",\n").append("{\"type\":\"Feature\",\"id\":\"")
          .append(r.getKey()).append("\",\"properties\":{\"radius_m\":").append(r.getValue()[1])
          .append("},\"geometry\":").append(geometry).append('}');
    }
    routes = Files.writeString(dir.resolve("routes.geojson"),
        "{\"type\":\"FeatureCollection\",\"features\":[\n" + features + "]}");
    StringBuilder csv = new StringBuilder("name,id,lat,lon\n");
    for (Object[] p : CorridorJoinTest.POINTS) {
      csv.append("\"x, y\",").append(p[0]).append(',').append(p[1]).append(',').append(p[2]).append('\n');
    }
    locations = Files.writeString(dir.resolve("locations.csv"), csv);
  }

  private static String lineString(String text) {
    var route = RouteText.parse(text);
    StringBuilder s = new StringBuilder("{\"type\":\"LineString\",\"coordinates\":[");
    for (int i = 0; i < route.size(); i++) {
      s.append(i == 0 ? "" : ",").append('[').append(route.lonDegrees(i)).append(',')
          .append(route.latDegrees(i)).append(']');
    }
    return s.append("]}").toString();
  }

  private static String point(String text) {
    var route = RouteText.parse(text);
    return "{\"type\":\"Point\",\"coordinates\":[" + route.lonDegrees(0) + "," + route.latDegrees(0) + "]}";
  }

  @Test
  void writesTheFiltersAnswersSortedByRouteOffsetAndId() throws IOException {
    Path output = dir.resolve("matches.csv");
    assertThat(JoinJob.run("--routes", routes.toString(), "--locations", locations.toString(),
        "--output", output.toString())).isZero();
    List<String> lines = Files.readAllLines(output);
    assertThat(lines.get(0)).isEqualTo("route_id,id,distance_m,offset_m");
    List<String> expected = new ArrayList<>();
    CorridorJoinTest.ROUTE_TEXTS.keySet().stream().sorted().forEach(id -> {
      Object[] r = CorridorJoinTest.ROUTE_TEXTS.get(id);
      Corridor corridor = Corridor.of(RouteText.parse((String) r[0]), (Double) r[1]);
      for (Match m : FastFilter.singleThreaded().filter(corridor, CorridorJoinTest.locations)) {
        expected.add(id + "," + CorridorJoinTest.locations.id(m.location()) + ","
            + m.distanceMeters() + "," + m.offsetMeters());
      }
    });
    assertThat(lines).hasSize(expected.size() + 1);
    for (int i = 0; i < expected.size(); i++) {
      String[] want = expected.get(i).split(",");
      String[] got = lines.get(i + 1).split(",");
      assertThat(got[0] + "," + got[1]).isEqualTo(want[0] + "," + want[1]);
      for (int k = 2; k < 4; k++) {
        assertThat(got[k]).matches("-?\\d+\\.\\d{3}");
        assertThat(Double.parseDouble(got[k])).isCloseTo(Double.parseDouble(want[k]),
            org.assertj.core.data.Offset.offset(0.0005 + 1e-9));
      }
    }
  }

  @Test
  void refusesInvalidRoutesNamingTheFeatureAndWritesNothing() throws IOException {
    assertRefused("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"a\","
        + "\"properties\":{\"radius_m\":10},\"geometry\":{\"type\":\"Point\",\"coordinates\":[0,0]}},"
        + "{\"type\":\"Feature\",\"id\":\"b\",\"properties\":{\"radius_m\":10},\"geometry\":"
        + "{\"type\":\"LineString\",\"coordinates\":[[0,0],[0,95]]}}]}",
        "feature 2 ('b'): geometry: route vertex 2: latitude 95.0 is outside [-90, 90]");
    assertRefused("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"a\","
        + "\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[0,0]}}]}",
        "feature 1 ('a'): property radius_m must be a number");
    assertRefused("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"a\","
        + "\"properties\":{\"radius_m\":5},\"geometry\":{\"type\":\"Point\",\"coordinates\":[0,0]}},"
        + "{\"type\":\"Feature\",\"properties\":{\"id\":\"a\",\"radius_m\":5},\"geometry\":"
        + "{\"type\":\"Point\",\"coordinates\":[1,0]}}]}",
        "feature 2: id 'a' is used by an earlier feature");
    assertRefused("{\"type\":\"Feature\"}", "routes must be a GeoJSON FeatureCollection");
    assertRefused("{\"type\":", "not valid JSON");
  }

  private static void assertRefused(String routesJson, String message) throws IOException {
    Path bad = Files.writeString(dir.resolve("bad-routes.geojson"), routesJson);
    Path output = dir.resolve("refused.csv");
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int status;
    try {
      status = JoinJob.run("--routes", bad.toString(), "--locations", locations.toString(),
          "--output", output.toString());
    } finally {
      System.setErr(err);
    }
    assertThat(status).isEqualTo(2);
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains(message);
    assertThat(output).doesNotExist();
  }
}
