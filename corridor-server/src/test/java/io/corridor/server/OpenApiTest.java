package io.corridor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The served document describes exactly the routes served: each one documented, each documented one served. */
class OpenApiTest {
  private static TestServer http;

  @BeforeAll
  static void start() throws Exception {
    http = TestServer.start(TestServer.settings("admin-token", "secret"));
  }

  @AfterAll
  static void stop() throws Exception {
    http.close();
  }

  @Test
  void documentAndRoutesAgreeBothWays() throws Exception {
    JsonNode doc = TestServer.json(http.get("/openapi.json"));
    assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
    Map<String, Set<String>> documented = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      Set<String> methods = new TreeSet<>();
      path.getValue().fieldNames().forEachRemaining(m -> methods.add(m.toUpperCase(Locale.ROOT)));
      documented.put(path.getKey(), methods);
    }
    Map<String, Set<String>> served = new TreeMap<>();
    http.server.routes().forEach((p, m) -> served.put(p, new TreeSet<>(m)));
    assertThat(served).isEqualTo(documented);
  }

  @Test
  void everyDocumentedOperationIsAnsweredAndOthersAreNot() throws Exception {
    JsonNode paths = TestServer.json(http.get("/openapi.json")).get("paths");
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      for (String method : new String[] {"GET", "POST", "PUT", "DELETE", "PATCH"}) {
        boolean documented = path.getValue().has(method.toLowerCase(Locale.ROOT));
        HttpResponse<String> r = http.client.send(HttpRequest.newBuilder(http.uri(path.getKey()))
            .timeout(Duration.ofSeconds(30))
            .method(method, HttpRequest.BodyPublishers.ofString("{}"))
            .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (documented) {
          assertThat(r.statusCode()).as(method + " " + path.getKey()).isNotIn(404, 405);
          String code = Integer.toString(r.statusCode());
          assertThat(path.getValue().get(method.toLowerCase(Locale.ROOT)).get("responses").has(code))
              .as(method + " " + path.getKey() + " answered " + code + ", which the document lists").isTrue();
        } else {
          assertThat(r.statusCode()).as(method + " " + path.getKey()).isEqualTo(405);
        }
      }
    }
    assertThat(http.client.send(HttpRequest.newBuilder(URI.create(http.uri("/v1/nothing").toString())).GET().build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
  }
}
