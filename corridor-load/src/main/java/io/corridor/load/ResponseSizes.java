package io.corridor.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Sends each distinct request of a pool once, one after the other, and reports the bytes of the
 * answers and the time of each on an otherwise idle server: what a response costs to ship,
 * independent of load. The second experiment compares these bytes between exact answers and
 * bounding-box-only answers.
 */
@Command(name = "response-sizes", mixinStandardHelpOptions = true,
    description = "Bytes and time per response of a pool's distinct requests, sent one at a time.")
public final class ResponseSizes implements Callable<Integer> {
  @Option(names = "--pool", required = true, paramLabel = "DIR", description = "The request pool.")
  Path pool;

  @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "The server (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(names = "--max", defaultValue = "200", description = "Distinct requests to send at most (default: ${DEFAULT-VALUE}).")
  int max;

  @Option(names = "--label", defaultValue = "", description = "Label of the table row.")
  String label;

  @Option(names = "--allow-remote", description = "Allow a server other than the loopback address.")
  boolean allowRemote;

  /** Runs the command. */
  public static void main(String[] args) {
    Commands.exit(new ResponseSizes(), args);
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    URI base = LoadPlan.target(url, allowRemote);
    RequestPool requests = RequestPool.read(pool);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Set<String> seen = new HashSet<>();
    List<Integer> bytes = new ArrayList<>();
    List<Integer> micros = new ArrayList<>();
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (PoolRequest r : requests.requests()) {
      if (bytes.size() >= max) {
        break;
      }
      // Distinct by path and body: a body shared by many requests is one request here.
      if (!seen.add(r.method() + " " + r.path() + " " + System.identityHashCode(r.body()))) {
        continue;
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(r.path()))
          .timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
      if (r.body() == null) {
        request.GET();
      } else {
        request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(r.body()));
      }
      long start = System.nanoTime();
      HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      long length;
      try (InputStream body = response.body()) {
        length = body.transferTo(OutputStream.nullOutputStream());
      }
      micros.add((int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1_000));
      bytes.add((int) Math.min(Integer.MAX_VALUE, length));
      statuses.merge(response.statusCode(), 1, Integer::sum);
    }
    LatencyStats size = LatencyStats.of(bytes.stream().mapToInt(Integer::intValue).toArray(), 0);
    LatencyStats time = LatencyStats.of(micros.stream().mapToInt(Integer::intValue).toArray(), 0);
    long total = bytes.stream().mapToLong(Integer::longValue).sum();
    System.out.println("| run | requests | statuses | mean bytes | p50 bytes | p95 bytes | max bytes | total MB "
        + "| mean ms | p50 ms | p99 ms |");
    System.out.println("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    System.out.printf(Locale.ROOT, "| %s | %d | %s | %.0f | %.0f | %.0f | %.0f | %.1f | %.2f | %.2f | %.2f |%n",
        label, bytes.size(), statuses, size.meanMillis(), size.p50Millis(), size.p95Millis(), size.maxMillis(),
        total / 1e6, time.meanMillis() / 1000, time.p50Millis() / 1000, time.p99Millis() / 1000);
    return 0;
  }
}
