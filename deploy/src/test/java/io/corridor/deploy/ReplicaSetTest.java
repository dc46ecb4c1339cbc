package io.corridor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica set without Kubernetes: three {@code corridor serve} processes on 127.0.0.1, each with
 * its own data directory, under load from clients that spread requests over them as a Service
 * would. A new snapshot is reloaded on each replica in turn (a rolling update), then one replica
 * is killed outright (a lost pod). Every answer must be the complete, correct answer of the old or
 * the new snapshot, as `corridor search` gives it on the same file; after a replica's reload it
 * must give only the new one; no request may fail except those sent to the killed replica, and
 * each of those must succeed when retried on another.
 */
class ReplicaSetTest {

  /** The runnable jar, built by corridor-cli's package phase earlier in the reactor. */
  private static final Path JAR =
      Path.of(System.getProperty("corridor.jar", "../corridor-cli/target/corridor.jar"));
  private static final Path ROUTE = Path.of("../examples/lausanne-montreux.geojson");
  private static final String RADIUS_METRES = "1000";
  private static final String TOKEN = "replica-set-test-token";
  private static final int REPLICAS = 3;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path work;

  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void replicasKeepAnsweringCorrectlyThroughReloadsAndTheLossOfOne() throws Exception {
    assertThat(JAR).as("build corridor-cli first (./mvnw -pl corridor-cli -am package)").exists();
    Path oldSnapshot = snapshot("old", 1);
    Path newSnapshot = snapshot("new", 2);
    List<Match> oldAnswer = searchWithTheCommandLine(oldSnapshot);
    List<Match> newAnswer = searchWithTheCommandLine(newSnapshot);
    assertThat(oldAnswer).hasSizeGreaterThan(50).isNotEqualTo(newAnswer);
    assertThat(newAnswer).hasSizeGreaterThan(50);

    int[] ports = new int[REPLICAS];
    Path[] nextFiles = new Path[REPLICAS];
    for (int r = 0; r < REPLICAS; r++) {
      Path data = Files.createDirectories(work.resolve("replica-" + r));
      Files.copy(oldSnapshot, data.resolve("locations.corridx"));
      nextFiles[r] = Files.copy(newSnapshot, data.resolve("next.corridx"));
      ports[r] = LocalHttpServer.freePort();
      processes.add(serve(data, ports[r]));
    }
    for (int r = 0; r < REPLICAS; r++) {
      awaitReady(r, ports[r]);
    }

    String body = JSON.writeValueAsString(JSON.createObjectNode()
        .<ObjectNode>set("route", JSON.readTree(ROUTE.toFile()).path("geometry"))
        .put("radius_m", Double.parseDouble(RADIUS_METRES)));
    Load load = new Load(ports, body, oldAnswer, newAnswer);
    String[] checksums = new String[REPLICAS];
    load.start(3);
    try {
      load.awaitAnswers(0, 20);
      load.awaitAnswers(1, 20);
      load.awaitAnswers(2, 20);
      for (int r = 0; r < REPLICAS; r++) {
        checksums[r] = reload(ports[r], nextFiles[r]);
        load.reloaded(r);
        int after = load.answers(r);
        load.awaitAnswers(r, after + 20);
      }
      // A lost pod: killed without warning while requests are in flight.
      int lost = 1;
      load.lose(lost);
      processes.get(lost).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      Thread.sleep(500);
      load.removeFromRotation(lost);
      load.awaitAnswers(0, load.answers(0) + 30);
      load.awaitAnswers(2, load.answers(2) + 30);
    } finally {
      load.stop();
    }

    assertThat(load.failures).as("requests that failed on a live replica").isEmpty();
    assertThat(load.wrong).as("answers neither snapshot gives").isEmpty();
    assertThat(load.stale).as("old answers after a replica's reload").isEmpty();
    for (int r = 0; r < REPLICAS; r++) {
      assertThat(load.oldAnswers.get(r)).as("replica %d before its reload", r).isPositive();
      assertThat(load.newAnswers.get(r)).as("replica %d after its reload", r).isPositive();
    }
    assertThat(load.retried.get()).as("requests sent to the lost replica").isPositive();
    assertThat(load.retriedOk.get()).as("of them, answered when retried on another")
        .isEqualTo(load.retried.get());

    // What the dashboard reads: the request metrics, and which snapshot each replica serves.
    String metrics = get(ports[0], "/metrics");
    for (String name : List.of("corridor_request_seconds_bucket", "corridor_request_seconds_count",
        "corridor_request_scheduled_seconds_sum", "corridor_request_phase_seconds_sum",
        "corridor_matches_sum", "corridor_requests_in_progress", "corridor_requests_queued",
        "corridor_index_locations", "corridor_index_age_seconds")) {
      assertThat(metrics).containsPattern("(?m)^" + name + "[{ ]");
    }
    String info = metrics.lines().filter(l -> l.startsWith("corridor_index_info{")).findFirst()
        .orElseThrow(() -> new AssertionError("no corridor_index_info in /metrics"));
    assertThat(info).contains("checksum=\"" + checksums[0] + "\"")
        .contains("file=\"" + nextFiles[0] + "\"");

    // The survivors stop as a rolling update stops them: SIGTERM, drain, exit 0.
    for (int r : new int[] {0, 2}) {
      Process process = processes.get(r);
      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("replica %d exits", r).isTrue();
      assertThat(process.exitValue()).as("replica %d exit status", r).isZero();
    }
  }

  // --- the replicas

  /** A snapshot of 3 000 locations spread evenly over a box around the route. */
  private Path snapshot(String name, int seed) throws Exception {
    Path csv = work.resolve(name + ".csv");
    Path snapshot = work.resolve(name + ".corridx");
    Random random = new Random(seed);
    StringBuilder rows = new StringBuilder("id,lat,lon\n");
    for (int i = 0; i < 3000; i++) {
      rows.append(String.format(Locale.ROOT, "loc-%d,%.6f,%.6f%n", i,
          46.40 + 0.16 * random.nextDouble(), 6.55 + 0.40 * random.nextDouble()));
    }
    Files.writeString(csv, rows);
    corridor("import", "--locations", csv.toString(), "--out", snapshot.toString());
    return snapshot;
  }

  private List<Match> searchWithTheCommandLine(Path snapshot) throws Exception {
    String csv = corridor("search", "--index", snapshot.toString(), "--route", ROUTE.toString(),
        "--radius", RADIUS_METRES);
    List<Match> matches = new ArrayList<>();
    List<String> lines = csv.lines().toList();
    assertThat(lines.get(0)).isEqualTo("id,distance_m,offset_m");
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split(",");
      matches.add(new Match(fields[0], Double.parseDouble(fields[1])));
    }
    return matches;
  }

  private String corridor(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("corridor %s: %s", String.join(" ", args), err).isZero();
    return out;
  }

  private Process serve(Path data, int port) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx256m", "-jar", JAR.toString(),
        "serve", "--index", data.resolve("locations.corridx").toString(),
        "--host", "127.0.0.1", "--port", String.valueOf(port))
        .redirectErrorStream(true)
        .redirectOutput(data.resolve("serve.log").toFile());
    builder.environment().put("CORRIDOR_ADMIN_TOKEN", TOKEN);
    builder.environment().put("CORRIDOR_DRAIN_TIMEOUT", "10s");
    return builder.start();
  }

  private void awaitReady(int replica, int port) throws Exception {
    HttpClient client = client();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      assertThat(processes.get(replica).isAlive()).as("replica %d is running: %s", replica,
          log(replica)).isTrue();
      try {
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // Starting.
      }
      Thread.sleep(100);
    }
    throw new AssertionError("replica " + replica + " not ready in 60 s: " + log(replica));
  }

  /** Reloads the replica on this port from the snapshot; returns the checksum it now serves. */
  private String reload(int port, Path snapshot) throws Exception {
    HttpResponse<String> response = client().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/admin/reload"))
        .header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
            JSON.createObjectNode().put("index", snapshot.toString()))))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(response.body());
    assertThat(answer.path("file").asText()).isEqualTo(snapshot.toString());
    return answer.path("checksum").asText();
  }

  private static String get(int port, String path) throws Exception {
    HttpResponse<String> response = client().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
    return response.body();
  }

  private String log(int replica) {
    try {
      String log = Files.readString(work.resolve("replica-" + replica).resolve("serve.log"));
      return log.length() > 2000 ? log.substring(log.length() - 2000) : log;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
  }

  /** One matching location as both the command line and the API report it. */
  private record Match(String id, double distanceMeters) {
    boolean sameAs(Match other) {
      // The command line prints 3 decimals.
      return id.equals(other.id) && Math.abs(distanceMeters - other.distanceMeters) <= 0.0006;
    }
  }

  private static boolean same(List<Match> answer, List<Match> expected) {
    if (answer.size() != expected.size()) {
      return false;
    }
    for (int i = 0; i < answer.size(); i++) {
      if (!answer.get(i).sameAs(expected.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Clients that send POST /v1/search round-robin over the replicas in rotation, as a Service
   * does, each request bounded in time, until stopped (and at most 20 000 requests in all).
   */
  private static final class Load {
    private final int[] ports;
    private final String body;
    private final List<Match> oldAnswer;
    private final List<Match> newAnswer;
    private final HttpClient client = client();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicIntegerArray inRotation;
    private final AtomicIntegerArray lost;
    private final AtomicLongArray reloadedAt;
    private final List<Thread> threads = new ArrayList<>();

    final AtomicIntegerArray oldAnswers;
    final AtomicIntegerArray newAnswers;
    final AtomicInteger retried = new AtomicInteger();
    final AtomicInteger retriedOk = new AtomicInteger();
    final AtomicInteger sent = new AtomicInteger();
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> stale = new ConcurrentLinkedQueue<>();

    Load(int[] ports, String body, List<Match> oldAnswer, List<Match> newAnswer) {
      this.ports = ports;
      this.body = body;
      this.oldAnswer = oldAnswer;
      this.newAnswer = newAnswer;
      inRotation = new AtomicIntegerArray(ports.length);
      lost = new AtomicIntegerArray(ports.length);
      reloadedAt = new AtomicLongArray(ports.length);
      oldAnswers = new AtomicIntegerArray(ports.length);
      newAnswers = new AtomicIntegerArray(ports.length);
      for (int r = 0; r < ports.length; r++) {
        inRotation.set(r, 1);
        reloadedAt.set(r, Long.MAX_VALUE);
      }
    }

    void start(int clients) {
      for (int c = 0; c < clients; c++) {
        int first = c;
        Thread thread = new Thread(() -> run(first), "load-" + c);
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
      }
    }

    void stop() throws InterruptedException {
      stop.set(true);
      for (Thread thread : threads) {
        thread.join(TimeUnit.SECONDS.toMillis(20));
      }
    }

    void reloaded(int replica) {
      reloadedAt.set(replica, System.nanoTime());
    }

    void lose(int replica) {
      lost.set(replica, 1);
    }

    void removeFromRotation(int replica) {
      inRotation.set(replica, 0);
    }

    int answers(int replica) {
      return oldAnswers.get(replica) + newAnswers.get(replica);
    }

    void awaitAnswers(int replica, int count) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (answers(replica) < count) {
        assertThat(System.nanoTime()).as("replica %d reaches %d answers (failures: %s)",
            replica, count, failures).isLessThan(deadline);
        assertThat(stop.get()).as("the load ran out").isFalse();
        Thread.sleep(20);
      }
    }

    private void run(int next) {
      while (!stop.get()) {
        if (sent.incrementAndGet() > 20_000) {
          stop.set(true);
          return;
        }
        int replica = pick(next++);
        if (send(replica) == Outcome.LOST) {
          retried.incrementAndGet();
          int other = replica;
          while (other == replica || lost.get(other) == 1) {
            other = pick(next++);
          }
          if (send(other) == Outcome.ANSWERED) {
            retriedOk.incrementAndGet();
          }
        }
      }
    }

    private int pick(int turn) {
      for (int i = 0; ; i++) {
        int replica = Math.floorMod(turn + i, ports.length);
        if (inRotation.get(replica) == 1) {
          return replica;
        }
      }
    }

    private enum Outcome { ANSWERED, FAILED, LOST }

    private Outcome send(int replica) {
      long started = System.nanoTime();
      HttpResponse<byte[]> response;
      try {
        response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ports[replica] + "/v1/search"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        if (lost.get(replica) == 1) {
          return Outcome.LOST;
        }
        failures.add("replica " + replica + ": " + e);
        return Outcome.FAILED;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Outcome.FAILED;
      }
      if (response.statusCode() != 200) {
        failures.add("replica " + replica + ": HTTP " + response.statusCode() + " "
            + new String(response.body(), StandardCharsets.UTF_8));
        return Outcome.FAILED;
      }
      List<Match> answer;
      try {
        answer = matches(JSON.readTree(response.body()));
      } catch (IOException e) {
        wrong.add("replica " + replica + ": not JSON: " + e.getMessage());
        return Outcome.FAILED;
      }
      if (same(answer, oldAnswer)) {
        if (started > reloadedAt.get(replica)) {
          stale.add("replica " + replica + " answered from the old snapshot after its reload");
        }
        oldAnswers.incrementAndGet(replica);
      } else if (same(answer, newAnswer)) {
        newAnswers.incrementAndGet(replica);
      } else {
        wrong.add("replica " + replica + ": " + answer.size() + " matches, expected "
            + oldAnswer.size() + " or " + newAnswer.size());
        return Outcome.FAILED;
      }
      return Outcome.ANSWERED;
    }

    private static List<Match> matches(JsonNode collection) {
      List<Match> matches = new ArrayList<>();
      for (JsonNode feature : collection.path("features")) {
        matches.add(new Match(feature.path("id").asText(),
            feature.path("properties").path("distance_m").asDouble(Double.NaN)));
      }
      if (collection.has("continuation")) {
        // More pages would follow: the answer is incomplete for this comparison.
        matches.add(new Match("(continued)", Double.NaN));
      }
      return Collections.unmodifiableList(matches);
    }
  }
}
