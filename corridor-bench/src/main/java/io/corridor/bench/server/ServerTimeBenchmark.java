package io.corridor.bench.server;

import io.corridor.bench.scenario.Scenario;
import io.corridor.bench.scenario.SeedScenario;
import io.corridor.core.geo.Route;
import io.corridor.core.location.LocationSet;
import io.corridor.server.CorridorServer;
import io.corridor.server.ServerSettings;
import io.corridor.server.Tracing;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server time per request, as the server itself reports it in {@code Server-Timing}: POST
 * /v1/filter on the seed's four scenarios, and POST /v1/search along the same four routes over
 * the demo index of a million locations. One client sends the requests one after another to a
 * server in this JVM on 127.0.0.1, so the figures are the cost of one request, not throughput.
 *
 * <p>Usage: {@code java -cp corridor-bench/target/benchmarks.jar
 * io.corridor.bench.server.ServerTimeBenchmark [requests per case, default 1000]}
 */
public final class ServerTimeBenchmark {
  private static final Pattern TIMING = Pattern.compile("([a-z]+);dur=([0-9.]+)");

  private ServerTimeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    ServerSettings settings = ServerSettings.defaults().withPort(0);
    try (CorridorServer server = CorridorServer.start(settings, Tracing.create(null), null)) {
      if (!server.awaitIndex(Duration.ofMinutes(5))) {
        throw new IllegalStateException("the demo index did not load: " + server.loadFailure());
      }
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI filter = URI.create("http://127.0.0.1:" + server.port() + "/v1/filter");
      URI search = URI.create("http://127.0.0.1:" + server.port() + "/v1/search");
      System.out.printf(Locale.ROOT, "| request | scenario | matches | server p50 ms | p90 ms | p99 ms | parse | covering | exact | serialize (p50 ms) |%n");
      System.out.printf(Locale.ROOT, "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |%n");
      for (SeedScenario s : SeedScenario.values()) {
        Scenario sc = s.build();
        String body = "{\"route\":" + lineString(sc.route()) + ",\"radius_m\":" + sc.radiusMeters()
            + ",\"locations\":" + locations(sc.locations()) + "}";
        run(client, filter, body, requests, "POST /v1/filter", s.scenarioName(), "\"id\"", s.expectedInside());
      }
      for (SeedScenario s : SeedScenario.values()) {
        Scenario sc = s.build();
        String body = "{\"route\":" + lineString(sc.route()) + ",\"radius_m\":" + sc.radiusMeters() + "}";
        run(client, search, body, requests, "POST /v1/search (demo)", s.scenarioName(), "\"Feature\"", -1);
      }
    }
  }

  private static void run(HttpClient client, URI uri, String body, int requests, String what, String scenario,
      String matchMarker, int expected) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    for (int i = 0; i < Math.max(100, requests / 5); i++) {
      send(client, request);
    }
    double[] total = new double[requests];
    Map<String, double[]> phases = new HashMap<>();
    int matches = 0;
    for (int i = 0; i < requests; i++) {
      HttpResponse<String> r = send(client, request);
      Matcher m = TIMING.matcher(r.headers().firstValue("Server-Timing").orElse(""));
      while (m.find()) {
        double ms = Double.parseDouble(m.group(2));
        if (m.group(1).equals("total")) {
          total[i] = ms;
        } else {
          phases.computeIfAbsent(m.group(1), k -> new double[requests])[i] = ms;
        }
      }
      matches = count(r.body(), matchMarker);
    }
    if (expected >= 0 && matches != expected) {
      throw new IllegalStateException(scenario + ": " + matches + " matches, expected " + expected);
    }
    System.out.printf(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n", what, scenario,
        matches, quantile(total, 0.5), quantile(total, 0.9), quantile(total, 0.99),
        quantile(phases.get("parse"), 0.5), quantile(phases.get("covering"), 0.5),
        quantile(phases.get("exact"), 0.5), quantile(phases.get("serialize"), 0.5));
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(r.statusCode() + ": " + r.body());
    }
    return r;
  }

  private static int count(String body, String marker) {
    int n = 0;
    for (int at = body.indexOf(marker); at >= 0; at = body.indexOf(marker, at + 1)) {
      n++;
    }
    return n;
  }

  private static double quantile(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }

  private static String lineString(Route route) {
    StringBuilder s = new StringBuilder("{\"type\":\"LineString\",\"coordinates\":[");
    for (int i = 0; i < route.size(); i++) {
      s.append(i == 0 ? "" : ",").append('[').append(route.lonDegrees(i)).append(',').append(route.latDegrees(i)).append(']');
    }
    return s.append("]}").toString();
  }

  private static String locations(LocationSet set) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < set.size(); i++) {
      s.append(i == 0 ? "" : ",").append("{\"id\":\"").append(set.id(i)).append("\",\"points\":[");
      for (int p = set.pointStart(i); p < set.pointEnd(i); p++) {
        s.append(p == set.pointStart(i) ? "" : ",").append('[').append(set.lonDegrees(p)).append(',')
            .append(set.latDegrees(p)).append(']');
      }
      s.append("]}");
    }
    return s.append(']').toString();
  }
}
