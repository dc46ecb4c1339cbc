package io.corridor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corridor.core.location.LocationSet;
import io.corridor.formats.LocationReader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code corridor serve} in a process of its own: its answers equal {@code corridor filter} and
 * {@code corridor search} on the same files, its benchmark flags reach the server (and a bad value
 * is refused naming the flag), and SIGTERM stops it with exit status 0.
 */
class ServeCommandTest {
  private static final Path EXAMPLES = Path.of("..", "examples");
  /** Keeps numbers as written ("20.100"), to compare with the command line's text. */
  private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  @Test
  void answersEqualFilterAndSearchAndSigtermExitsZero(@TempDir Path dir) throws Exception {
    Path stations = EXAMPLES.resolve("charging-stations.csv");
    Path route = EXAMPLES.resolve("lausanne-montreux.geojson");
    Path index = dir.resolve("stations.idx");
    assertThat(CorridorCommand.run("import", "--locations", stations.toString(), "--out", index.toString())).isZero();
    Path filterCsv = dir.resolve("filter.csv");
    assertThat(CorridorCommand.run("filter", "--route", route.toString(), "--radius", "1500",
        "--locations", stations.toString(), "--output", filterCsv.toString())).isZero();
    Path searchCsv = dir.resolve("search.csv");
    assertThat(CorridorCommand.run("search", "--index", index.toString(), "--route", route.toString(),
        "--radius", "1500", "--sort", "distance", "--output", searchCsv.toString())).isZero();

    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CorridorCommand.class.getName(),
        "serve", "--index", index.toString(), "--port", "0", "--drain-timeout", "5s")
        .redirectOutput(dir.resolve("access.log").toFile()).start();
    try {
      int port = port(p);
      HttpClient client = HttpClient.newHttpClient();
      waitReady(client, port);
      JsonNode geometry = JSON.readTree(route.toFile()).get("geometry");

      ObjectNode filter = JSON.createObjectNode();
      filter.set("route", geometry);
      filter.put("radius_m", 1500);
      ArrayNode locs = filter.putArray("locations");
      LocationSet set = LocationReader.read(stations);
      for (int i = 0; i < set.size(); i++) {
        ArrayNode pts = locs.addObject().put("id", set.id(i)).putArray("points");
        for (int k = set.pointStart(i); k < set.pointEnd(i); k++) {
          pts.addArray().add(set.lonDegrees(k)).add(set.latDegrees(k));
        }
      }
      JsonNode matches = JSON.readTree(post(client, port, "/v1/filter", filter.toString())).get("matches");
      assertThat(csv(matches, m -> m)).isEqualTo(Files.readString(filterCsv));

      ObjectNode search = JSON.createObjectNode();
      search.set("route", geometry);
      search.put("radius_m", 1500).put("sort", "distance");
      JsonNode features = JSON.readTree(post(client, port, "/v1/search", search.toString())).get("features");
      List<String> lines = new ArrayList<>(List.of("id,distance_m,offset_m"));
      features.forEach(f -> lines.add(f.get("id").asText() + "," + f.get("properties").get("distance_m").asText()
          + "," + f.get("properties").get("offset_m").asText()));
      assertThat(String.join("\n", lines) + "\n").isEqualTo(Files.readString(searchCsv));
    } finally {
      p.destroy();
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("SIGTERM drains and exits 0").isZero();
    assertThat(Files.readAllLines(dir.resolve("access.log"))).isNotEmpty()
        .allSatisfy(line -> assertThat(JSON.readTree(line).has("request_id")).isTrue());
  }

  @Test
  void benchmarkFlagsReachTheServer(@TempDir Path dir) throws Exception {
    Path stations = EXAMPLES.resolve("charging-stations.csv");
    Path route = EXAMPLES.resolve("lausanne-montreux.geojson");
    Path index = dir.resolve("stations.idx");
    assertThat(CorridorCommand.run("import", "--locations", stations.toString(), "--out", index.toString())).isZero();
    Path filterCsv = dir.resolve("filter.csv");
    assertThat(CorridorCommand.run("filter", "--route", route.toString(), "--radius", "1500",
        "--locations", stations.toString(), "--output", filterCsv.toString())).isZero();

    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CorridorCommand.class.getName(),
        "serve", "--index", index.toString(), "--port", "0", "--drain-timeout", "5s",
        "--filter-strategy", "pre_bbox", "--search-answer", "bbox")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      int port = port(p);
      HttpClient client = HttpClient.newHttpClient();
      waitReady(client, port);
      JsonNode served = JSON.readTree(client.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/v1/index")).build(), HttpResponse.BodyHandlers.ofString()).body());
      assertThat(served.get("filter_strategy").asText()).isEqualTo("pre_bbox");
      assertThat(served.get("search_answer").asText()).isEqualTo("bbox");

      // The pre_bbox filter answers as the command line's fast one.
      JsonNode geometry = JSON.readTree(route.toFile()).get("geometry");
      ObjectNode filter = JSON.createObjectNode();
      filter.set("route", geometry);
      filter.put("radius_m", 1500);
      ArrayNode locs = filter.putArray("locations");
      LocationSet set = LocationReader.read(stations);
      for (int i = 0; i < set.size(); i++) {
        ArrayNode pts = locs.addObject().put("id", set.id(i)).putArray("points");
        for (int k = set.pointStart(i); k < set.pointEnd(i); k++) {
          pts.addArray().add(set.lonDegrees(k)).add(set.latDegrees(k));
        }
      }
      JsonNode matches = JSON.readTree(post(client, port, "/v1/filter", filter.toString())).get("matches");
      assertThat(csv(matches, m -> m)).isEqualTo(Files.readString(filterCsv));

      // A search answers every station in the box it declares, without distances.
      ObjectNode search = JSON.createObjectNode();
      search.set("route", geometry);
      search.put("radius_m", 1500);
      JsonNode fc = JSON.readTree(post(client, port, "/v1/search", search.toString()));
      JsonNode b = fc.get("bbox");
      List<String> inBox = new ArrayList<>();
      for (int i = 0; i < set.size(); i++) {
        double lat = set.latDegrees(set.pointStart(i));
        double lon = set.lonDegrees(set.pointStart(i));
        if (lon >= b.get(0).asDouble() && lat >= b.get(1).asDouble() && lon <= b.get(2).asDouble()
            && lat <= b.get(3).asDouble()) {
          inBox.add(set.id(i));
        }
      }
      List<String> sent = new ArrayList<>();
      fc.get("features").forEach(f -> {
        assertThat(f.get("properties").has("distance_m")).isFalse();
        sent.add(f.get("id").asText());
      });
      assertThat(sent).isNotEmpty().containsExactlyInAnyOrderElementsOf(inBox);
    } finally {
      p.destroy();
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aBadBenchmarkFlagIsRefusedNamingIt() {
    for (String[] flag : new String[][] {{"--filter-strategy", "quickest"}, {"--search-answer", "box"}}) {
      StringWriter err = new StringWriter();
      int status = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CorridorCommand.run(
          new PrintWriter(err, true), "serve", "--port", "0", flag[0], flag[1]));
      assertThat(status).isEqualTo(2);
      assertThat(err.toString()).contains(flag[0]).contains(flag[1]);
    }
  }

  private static String csv(JsonNode matches, java.util.function.Function<JsonNode, JsonNode> row) {
    StringBuilder s = new StringBuilder("id,distance_m,offset_m\n");
    for (JsonNode m : matches) {
      JsonNode r = row.apply(m);
      s.append(r.get("id").asText()).append(',').append(r.get("distance_m").asText());
      if (r.has("offset_m")) {
        s.append(',').append(r.get("offset_m").asText());
      }
      s.append('\n');
    }
    return s.toString();
  }

  private static int port(Process p) throws Exception {
    BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    Pattern listening = Pattern.compile("listening on http://[^:]+:(\\d+)/");
    for (String line = err.readLine(); line != null; line = err.readLine()) {
      Matcher m = listening.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> {
          try {
            while (err.readLine() != null) {
              // The server's log is not checked; reading it keeps the pipe from filling.
            }
          } catch (java.io.IOException closed) {
            // The process ended.
          }
        });
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(m.group(1));
      }
    }
    throw new IllegalStateException("the server did not say where it listens");
  }

  private static void waitReady(HttpClient client, int port) throws Exception {
    for (int i = 0; i < 600; i++) {
      try {
        if (client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the server did not become ready");
  }

  private static String post(HttpClient client, int port, String path, String body) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }
}
