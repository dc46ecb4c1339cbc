package io.corridor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A flood of maximal requests in a small heap ends in 503s and 413s (and 408s for bodies that a
 * busy client cannot send in time), not an OutOfMemoryError, and health stays answerable.
 */
class OverloadTest {
  private static final int MAX_BODY = 8 << 20;

  @Test
  void aFloodOfMaximalRequestsInA512MHeapIsRefusedNotFatal() throws Exception {
    // As many locations as a request may hold, in as large a body as one may be: refused bodies
    // are the body limit's plus a kilobyte.
    byte[] maximal = maximalFilterBody(MAX_BODY, 100_000);
    byte[] tooLarge = new byte[MAX_BODY + 1024];
    try (ServerProcess server = ServerProcess.start(List.of("-Xmx512m", "-XX:+UseSerialGC"),
        "max-in-flight=4", "max-queue=8", "request-timeout=20s", "max-body-bytes=" + MAX_BODY,
        "max-filter-locations=100000")) {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
      Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
      ExecutorService pool = Executors.newFixedThreadPool(24);
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        byte[] body = i % 6 == 5 ? tooLarge : maximal;
        sent.add(pool.submit(() -> {
          try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + "/v1/filter"))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            statuses.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() == 503) {
              assertThat(r.headers().firstValue("Retry-After")).isPresent();
            }
          } catch (java.io.IOException e) {
            // The server closes a connection whose body it refused before the client finished sending.
            statuses.merge(-1, 1, Integer::sum);
          }
          return null;
        }));
      }
      // Health stays answerable during the flood.
      for (int i = 0; i < 5; i++) {
        assertThat(server.get(client, "/health/live").statusCode()).isEqualTo(200);
        Thread.sleep(200);
      }
      for (Future<?> f : sent) {
        f.get();
      }
      pool.shutdown();
      System.err.println("flood in -Xmx512m: answers by status " + new TreeMap<>(statuses));
      assertThat(statuses.keySet()).isSubsetOf(200, 408, 413, 503, -1);
      assertThat(statuses).containsKey(503);
      assertThat(statuses.getOrDefault(200, 0)).isPositive();
      assertThat(server.process.isAlive()).isTrue();
      assertThat(server.get(client, "/health/ready").statusCode()).isEqualTo(200);
      String metrics = server.get(client, "/metrics").body();
      assertThat(metrics).contains("corridor_requests_rejected_total{reason=\"queue_full\"}");
      assertThat(Files.readString(server.stderr)).doesNotContain("OutOfMemoryError");
    }
  }

  /** A filter body of at most {@code bytes} bytes and {@code locations} one-point locations near the test route. */
  static byte[] maximalFilterBody(int bytes, int locations) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes + 1024);
    String head = "{\"route\":" + Fixtures.lineString() + ",\"radius_m\":1000,\"locations\":[";
    out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    int i = 0;
    while (out.size() < bytes - 200 && i < locations) {
      // Long ids make the body as large as the limit allows with the most locations allowed.
      String loc = (i == 0 ? "" : ",") + "{\"id\":\"location-" + i + "-" + "x".repeat(10) + "\",\"points\":[["
          + (6.6 + r.nextDouble() * 2) + "," + (46.5 + r.nextDouble()) + "]]}";
      out.writeBytes(loc.getBytes(StandardCharsets.UTF_8));
      i++;
    }
    out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
