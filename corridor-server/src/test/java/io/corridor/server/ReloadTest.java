package io.corridor.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.core.location.LocationSet;
import io.corridor.index.IndexMatch;
import io.corridor.index.LocationIndex;
import io.corridor.index.SearchOptions;
import io.corridor.index.Snapshot;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload: verified before the swap, refused when broken, and invisible to requests running through it. */
class ReloadTest {
  private static final String TOKEN = "reload-secret";

  @Test
  void searchesRunCorrectlyThroughTwentyReloadsOfGoodAndBrokenFiles(@TempDir Path dir) throws Exception {
    LocationSet setA = Fixtures.locations(4000, 101);
    LocationSet setB = Fixtures.locations(3000, 202);
    Path a = dir.resolve("a.idx");
    Path b = dir.resolve("b.idx");
    Snapshot.write(LocationIndex.of(setA), a);
    Snapshot.write(LocationIndex.of(setB), b);
    Path truncated = dir.resolve("truncated.idx");
    byte[] bytes = Files.readAllBytes(a);
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 100));
    Path corrupted = dir.resolve("corrupted.idx");
    byte[] flipped = Files.readAllBytes(b);
    flipped[flipped.length / 2] ^= 0x40;
    Files.write(corrupted, flipped);
    Path notAnIndex = dir.resolve("not-an-index.idx");
    Files.writeString(notAnIndex, "id,lat,lon\n");
    List<String> answerA = ids(LocationIndex.of(setA));
    List<String> answerB = ids(LocationIndex.of(setB));
    assertThat(answerA).isNotEqualTo(answerB).isNotEmpty();
    assertThat(answerB).isNotEmpty();

    try (TestServer http = TestServer.start(TestServer.settings("index", a.toString(), "admin-token", TOKEN))) {
      String checksumA = TestServer.json(http.get("/v1/index")).get("checksum").asText();
      assertThat(reload(http, b, "wrong").statusCode()).isEqualTo(401);
      assertThat(http.post("/admin/reload", "{\"index\":\"" + b + "\"}").statusCode()).isEqualTo(401);

      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger answered = new AtomicInteger();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      List<Thread> searchers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        Thread th = new Thread(() -> {
          while (running.get()) {
            try {
              HttpResponse<String> r = http.post("/v1/search", searchBody());
              if (r.statusCode() != 200) {
                failures.add(r.statusCode() + " " + r.body());
                continue;
              }
              List<String> got = new ArrayList<>();
              TestServer.json(r).get("features").forEach(f -> got.add(f.get("id").asText()));
              if (!got.equals(answerA) && !got.equals(answerB)) {
                failures.add("an answer of neither index: " + got.size() + " matches");
              }
              answered.incrementAndGet();
            } catch (Exception e) {
              failures.add(e.toString());
            }
          }
        });
        th.start();
        searchers.add(th);
      }
      Path[] plan = {b, truncated, a, corrupted, notAnIndex, dir.resolve("missing.idx")};
      String served = checksumA;
      for (int i = 0; i < 20; i++) {
        Path file = plan[i % plan.length];
        HttpResponse<String> r = reload(http, file, TOKEN);
        String now = TestServer.json(http.get("/v1/index")).get("checksum").asText();
        if (file.equals(a) || file.equals(b)) {
          assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
          assertThat(TestServer.json(r).get("file").asText()).isEqualTo(file.toString());
          served = now;
        } else {
          EndpointsTest.assertProblem(r, 422, "/index");
          assertThat(TestServer.json(r).get("detail").asText()).contains(file.getFileName().toString());
          assertThat(now).as("a refused file leaves the index served before").isEqualTo(served);
        }
        Thread.sleep(50);
      }
      running.set(false);
      for (Thread th : searchers) {
        th.join();
      }
      assertThat(failures).isEmpty();
      assertThat(answered.get()).isGreaterThan(20);
      assertThat(http.get("/metrics").body()).contains("corridor_index_info{checksum=\"" + served + "\"");
    }
  }

  @Test
  void anIndexIsReleasedOnlyWhenItsLastLeaseCloses() throws Exception {
    IndexSlot slot = new IndexSlot();
    ServedIndex first = ServedIndex.demo(1000);
    slot.install(first);
    IndexSlot.Lease lease = slot.lease();
    assertThat(lease.index()).isSameAs(first);
    assertThat(first.references()).isEqualTo(2);
    ServedIndex second = ServedIndex.demo(500);
    slot.install(second);
    assertThat(first.references()).as("still used by the request in flight").isEqualTo(1);
    try (IndexSlot.Lease next = slot.lease()) {
      assertThat(next.index()).isSameAs(second);
    }
    lease.close();
    lease.close();
    assertThat(first.references()).isZero();
    assertThat(first.retain()).as("a released index is never handed out again").isFalse();
    assertThat(second.references()).isEqualTo(1);
  }

  private static HttpResponse<String> reload(TestServer http, Path file, String token) throws Exception {
    return http.post("/admin/reload", "application/json",
        ("{\"index\":" + TestServer.JSON.writeValueAsString(file.toString()) + "}").getBytes(StandardCharsets.UTF_8),
        Map.of("Authorization", "Bearer " + token));
  }

  private static String searchBody() {
    return "{\"route\":" + Fixtures.lineString() + ",\"radius_m\":3000}";
  }

  private static List<String> ids(LocationIndex index) {
    return index.search(Fixtures.corridor(3000), SearchOptions.all()).stream().map(IndexMatch::id).toList();
  }
}
